#include "render/paper_size.h"

namespace danju {

namespace {

struct PaperSize {
  const char* name;
  double width, height;
};

constexpr PaperSize kSizes[] = {
    {"A4", 210, 297},     {"A5", 148, 210},     {"241x280", 241, 280},
    {"241x140", 241, 140}, {"241x93", 241, 93},
};

}  // namespace

const char* const kPaperSizeNames = "A4, A5, 241x280, 241x140, 241x93";

bool paper_size(const std::string& name, double* width, double* height) {
  for (const PaperSize& size : kSizes) {
    if (name == size.name) {
      *width = size.width;
      *height = size.height;
      return true;
    }
  }
  return false;
}

}  // namespace danju
