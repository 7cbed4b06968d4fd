// Undoing a Content-Transfer-Encoding (RFC 2045) on a part that was read.
//
// Reading is forgiving where writing is strict: mail arrives from every kind
// of client, and a stray character must not cost the approver's answer.
#pragma once

#include <string>
#include <string_view>

namespace danju {

// The bytes base64 text stands for. Characters outside the base64 alphabet
// (line ends, blanks) are skipped; decoding stops at the first "=". A last
// group without its padding still gives the bytes it holds.
std::string base64_decode_loose(std::string_view text);

// The bytes quoted-printable text stands for: "=XX" (either case) is a byte,
// "=" at a line end is a soft break, blanks before a line end are dropped.
// An "=" that starts neither is kept as it is. Line ends may be CRLF or LF
// and come out as they went in.
std::string quoted_printable_decode(std::string_view text);

// The body decoded by the encoding a Content-Transfer-Encoding value names
// ("base64", "quoted-printable", matched without regard to case); 7bit,
// 8bit, binary and any unknown encoding leave the bytes as they are.
std::string decode_transfer_encoding(std::string_view body,
                                     std::string_view encoding);

}  // namespace danju
