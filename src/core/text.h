// Small UTF-8 text helpers shared by every stage.
//
// All text inside Danju is UTF-8 in std::string. Input in other charsets is
// converted at the boundary (input/charset.h, mail reading).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace danju {

// True when bytes are well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes);

// Decodes UTF-8 into code points. Ill-formed bytes become U+FFFD; callers that
// must not lose text check is_valid_utf8 first.
std::u32string decode_utf8(std::string_view text);

// Appends the UTF-8 form of one code point.
void append_utf8(std::string& out, char32_t code_point);
std::string encode_utf8(std::u32string_view text);

// Full-width ASCII forms (U+FF01..U+FF5E) become their ASCII letters, and the
// ideographic space U+3000 a plain space; everything else is kept.
std::string fold_full_width(std::string_view text);

// Strips ASCII blanks and U+3000 from both ends of UTF-8 text (bytes that
// are not UTF-8 come back as U+FFFD: trim raw bytes some other way).
std::string trim(std::string_view text);

// Each run of CR, LF and TAB becomes one space; the result is safe to put in
// a one-line place (a mail header, a file name, a log line).
std::string one_line(std::string_view text);

// A-Z become a-z; every other byte is kept (for addresses, labels, keys).
std::string ascii_lower(std::string_view text);

// Splits on a single byte, keeping empty pieces.
std::vector<std::string> split(std::string_view text, char separator);

// Columns the text takes in a terminal: East Asian wide and full-width
// characters count two, the rest one.
int display_width(std::string_view text);

// "U+20BB7": how errors name a code point.
std::string code_point_name(char32_t code_point);

}  // namespace danju
