#include "render/pdf_number.h"

#include <cmath>
#include <cstdint>

namespace danju {

namespace {

constexpr int kMaxDecimals = 6;
constexpr std::int64_t kScale[kMaxDecimals + 1] = {1,      10,      100,
                                                   1000,   10000,   100000,
                                                   1000000};

// Appends the decimal digits of value (> 0 or == 0), most significant first.
void append_digits(std::string& out, std::uint64_t value) {
  char buffer[24];
  int at = sizeof buffer;
  do {
    buffer[--at] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  out.append(buffer + at, sizeof buffer - static_cast<std::size_t>(at));
}

}  // namespace

void append_pdf_number(std::string& out, double value, int decimals) {
  // Content streams carry thousands of numbers, so this avoids printf: the
  // value is rounded once to an integer count of 10^-decimals and printed
  // from that, which also keeps "-0" out of the output.
  if (decimals < 0) decimals = 0;
  if (decimals > kMaxDecimals) decimals = kMaxDecimals;
  const double scaled = std::round(value * kScale[decimals]);
  if (!(std::fabs(scaled) < 9e18)) {
    // Far outside any page; NaN and infinities print as 0 rather than as
    // text a PDF reader would reject.
    out += '0';
    return;
  }

  std::int64_t units = static_cast<std::int64_t>(scaled);
  if (units < 0) {
    out += '-';
    units = -units;
  }
  const auto magnitude = static_cast<std::uint64_t>(units);
  const auto scale = static_cast<std::uint64_t>(kScale[decimals]);
  append_digits(out, magnitude / scale);

  std::uint64_t fraction = magnitude % scale;
  if (fraction == 0) return;
  int digits = decimals;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  out += '.';
  char buffer[kMaxDecimals];
  for (int i = digits - 1; i >= 0; --i) {
    buffer[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out.append(buffer, static_cast<std::size_t>(digits));
}

void append_hex16(std::string& out, std::uint32_t value) {
  static const char digits[] = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) {
    out += digits[(value >> shift) & 0xF];
  }
}

}  // namespace danju
