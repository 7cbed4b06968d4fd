// The ToUnicode map of a font: which characters each glyph of the PDF
// stands for, so that text can be copied and searched.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace danju {

// A CMap program mapping each two-byte code (a glyph id under Identity-H)
// to its character; characters above U+FFFF are written as UTF-16
// surrogate pairs. mapping must be sorted by code, without repeats.
std::string to_unicode_cmap(
    const std::vector<std::pair<std::uint32_t, char32_t>>& mapping);

}  // namespace danju
