// Content-Transfer-Encodings (RFC 2045) that keep every line of a message
// short and 7-bit, whatever the bytes inside.
#pragma once

#include <string>
#include <string_view>

namespace danju {

// Base64 of the bytes on one line, without line breaks.
std::string base64_encode(std::string_view bytes);

// Base64 in lines of 76 characters, each ending in CRLF (an attachment
// body). Empty input gives an empty string.
std::string base64_lines(std::string_view bytes);

// Every line end in text (CRLF, a bare LF or a bare CR) as CRLF.
std::string normalize_line_ends(std::string_view text);

// Quoted-printable of text whose line ends are taken as line breaks: lines
// of at most 76 characters ending in CRLF (long lines get soft breaks),
// only printable ASCII, a blank before a line end encoded so that it
// survives. Non-empty output always ends in CRLF, meant to be the CRLF of
// the boundary line after it, so text that itself ends in a line end comes
// out with an empty last line.
std::string quoted_printable(std::string_view text);

}  // namespace danju
