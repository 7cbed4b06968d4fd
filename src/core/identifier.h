// Identifiers that end up in file names, mail headers and URLs.
//
// Order, contract and shipment numbers come from user files. Before one is
// used to build a path or a header it must pass is_safe_identifier, so that
// no path is ever built from unchecked input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace danju {

// The longest identifier, and so the longest document number.
inline constexpr std::size_t kMaxDocumentNumber = 64;

// 1 to 64 characters of A-Z a-z 0-9 '-' '_' '.', not starting with '.' or
// '-', and no "..". Everything else (slashes, blanks, Chinese) is refused.
bool is_safe_identifier(std::string_view text);

// True for numbers Excel rewrote in scientific notation ("2.02408E+19",
// "1E+15"): the original digits are lost and the export must be redone.
bool looks_like_scientific_notation(std::string_view text);

}  // namespace danju
