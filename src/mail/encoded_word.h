// RFC 2047 encoded-words: how non-ASCII text travels in a mail header.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danju {

// The fixed part of "=?UTF-8?B?...?=": every word is this long plus its
// base64 text.
constexpr std::size_t kEncodedWordOverhead = 12;

// The longest encoded-word RFC 2047 allows.
constexpr std::size_t kMaxEncodedWord = 75;

// True when text can stand in a header as it is: printable ASCII only, and
// nothing a decoder could mistake for an encoded-word ("=?").
bool is_plain_header_text(std::string_view text);

// The UTF-8 text as "B" encoded-words (base64 of UTF-8). The first word is
// at most first_limit characters long, the others at most next_limit (both
// clamped to 75 and to at least 20, the room one 4-byte character needs).
// Every word holds whole characters, so each decodes alone as valid UTF-8;
// joined, the decoded words give back the text exactly.
// Throws std::invalid_argument when text is not well-formed UTF-8.
std::vector<std::string> encode_words(std::string_view text,
                                      std::size_t first_limit,
                                      std::size_t next_limit);

}  // namespace danju
