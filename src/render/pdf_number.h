// Numbers and strings as they are written inside PDF content streams.
#pragma once

#include <cstdint>
#include <string>

namespace danju {

// Appends value with at most `decimals` digits after the point and no
// trailing zeros: 12.5 -> "12.5", 3.0 -> "3", -0.0001 -> "0". decimals is
// taken as 0..6; a value beyond about 9e18 / 10^decimals, NaN or an infinity
// is written as "0".
void append_pdf_number(std::string& out, double value, int decimals = 2);

// Appends a 16-bit value as four upper-case hex digits, "00A3".
void append_hex16(std::string& out, std::uint32_t value);

}  // namespace danju
