#include "render/pdf_number.h"

#include <cmath>
#include <cstdio>

namespace danju {

void append_pdf_number(std::string& out, double value, int decimals) {
  // Rounding first keeps "-0" out of the output.
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;

  char buffer[40];
  int length = std::snprintf(buffer, sizeof buffer, "%.*f", decimals,
                             rounded);
  if (decimals > 0) {
    while (length > 0 && buffer[length - 1] == '0') --length;
    if (length > 0 && buffer[length - 1] == '.') --length;
  }
  out.append(buffer, static_cast<std::size_t>(length));
}

void append_hex16(std::string& out, std::uint32_t value) {
  static const char digits[] = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) {
    out += digits[(value >> shift) & 0xF];
  }
}

}  // namespace danju
