// 二维码: a text as a QR code (ISO/IEC 18004, made by libqrencode) and the
// rectangles that draw it on a PDF page as vector squares, so that it prints
// sharp at any resolution and a phone or a desk scanner reads it back.
#pragma once

#include <string_view>
#include <vector>

#include "render/pdf_canvas.h"

namespace danju {

// The modules of a QR code, without its quiet zone: size × size, row 0 at
// the top.
class QrCode {
 public:
  // Encodes the bytes as they are (8-bit mode) at error correction level M
  // (about 15% of the code may be damaged), in the smallest version that
  // holds them. Throws std::invalid_argument for empty text or text too
  // long for any version, std::runtime_error when the library fails.
  static QrCode encode(std::string_view bytes);

  int size() const { return size_; }
  bool dark(int column, int row) const { return dark_[row * size_ + column]; }

 private:
  int size_ = 0;
  std::vector<bool> dark_;
};

// The light margin a reader needs around the code, in modules.
inline constexpr int kQrQuietModules = 4;

// One filled rectangle of a drawn code, in points from the page's
// bottom-left corner.
struct QrRect {
  double x = 0, y = 0, w = 0, h = 0;
};

// The dark rectangles of code drawn in the square whose bottom-left corner
// is (x, y) and whose side is side points, quiet zone included. Dark
// modules next to each other in a row are one rectangle, and a rectangle
// continues down while the rows below have the same run, so a code takes a
// few hundred rectangles, not thousands of squares.
std::vector<QrRect> qr_rectangles(const QrCode& code, double x, double y,
                                  double side);

// Draws code on the canvas's current page: the whole square (quiet zone
// included) filled white first, so that nothing drawn under it (a 草稿
// mark) disturbs a reader, then the dark rectangles in black. Returns how
// many dark rectangles were drawn.
int draw_qr_code(PdfCanvas* canvas, const QrCode& code, double x, double y,
                 double side);

}  // namespace danju
