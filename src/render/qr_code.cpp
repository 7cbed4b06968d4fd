#include "render/qr_code.h"

#include <qrencode.h>

#include <cerrno>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace danju {

QrCode QrCode::encode(std::string_view bytes) {
  if (bytes.empty()) {
    throw std::invalid_argument("a QR code needs some text to carry");
  }

  // Version 0 lets the library pick the smallest version that fits.
  errno = 0;
  std::unique_ptr<QRcode, void (*)(QRcode*)> made(
      QRcode_encodeData(static_cast<int>(bytes.size()),
                        reinterpret_cast<const unsigned char*>(bytes.data()),
                        0, QR_ECLEVEL_M),
      QRcode_free);
  if (!made) {
    if (errno == ERANGE) {
      throw std::invalid_argument("a QR code cannot hold " +
                                  std::to_string(bytes.size()) + " bytes");
    }
    throw std::runtime_error("libqrencode could not make a QR code (errno " +
                             std::to_string(errno) + ")");
  }

  QrCode code;
  code.size_ = made->width;
  code.dark_.resize(static_cast<std::size_t>(code.size_) * code.size_);
  for (std::size_t i = 0; i < code.dark_.size(); ++i) {
    code.dark_[i] = (made->data[i] & 1) != 0;  // bit 0: a dark module
  }
  return code;
}

std::vector<QrRect> qr_rectangles(const QrCode& code, double x, double y,
                                  double side) {
  const double module = side / (code.size() + 2 * kQrQuietModules);
  const double left = x + kQrQuietModules * module;
  const double top = y + side - kQrQuietModules * module;

  std::vector<QrRect> done;
  // Rectangles still growing downwards, by the columns [first, end) of
  // their run.
  std::map<std::pair<int, int>, QrRect> open;
  for (int row = 0; row < code.size(); ++row) {
    std::map<std::pair<int, int>, QrRect> next;
    int column = 0;
    while (column < code.size()) {
      if (!code.dark(column, row)) {
        ++column;
        continue;
      }
      const int first = column;
      while (column < code.size() && code.dark(column, row)) ++column;
      const std::pair<int, int> run(first, column);

      // The same run in the row above grows down by one module; any other
      // run starts a rectangle at this row's top.
      const auto above = open.find(run);
      QrRect rect;
      double rect_top = top - row * module;
      if (above != open.end()) {
        rect = above->second;
        rect_top = rect.y + rect.h;
        open.erase(above);
      } else {
        rect.x = left + first * module;
        rect.w = (column - first) * module;
      }
      rect.y = top - (row + 1) * module;
      rect.h = rect_top - rect.y;
      next.emplace(run, rect);
    }
    for (auto& [run, rect] : open) done.push_back(rect);
    open = std::move(next);
  }
  for (auto& [run, rect] : open) done.push_back(rect);
  return done;
}

int draw_qr_code(PdfCanvas* canvas, const QrCode& code, double x, double y,
                 double side) {
  canvas->fill_rect(x, y, side, side, Colour{1, 1, 1});
  const std::vector<QrRect> rectangles = qr_rectangles(code, x, y, side);
  for (const QrRect& rect : rectangles) {
    canvas->fill_rect(rect.x, rect.y, rect.w, rect.h, Colour{});
  }
  return static_cast<int>(rectangles.size());
}

}  // namespace danju
