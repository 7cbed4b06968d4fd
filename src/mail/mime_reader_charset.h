// Text of a mail part or header in whatever charset its label names, as
// UTF-8, keeping all that can be read.
//
// Senders label badly: GBK text as gb2312 (input/charset.h reads those
// labels as GB18030), GBK text as utf-8, or no label at all. A reply is
// still worth reading when a few bytes are wrong, so nothing here throws
// and nothing is replaced by U+FFFD: bytes that decode nowhere are dropped.
#pragma once

#include <string>
#include <string_view>

namespace danju {

// The bytes as UTF-8 text. In this order: the charset the label names (an
// empty or unknown label skips this step); else, line by line, each line
// that label cannot read as well-formed UTF-8 or as GB18030; else that line
// character by character in the label's charset, dropping the bytes that
// are no character. The result is always well-formed UTF-8.
//
// Limitation: a line of a stateful charset (ISO-2022-JP) that fails as a
// whole loses its non-ASCII text, since its characters are not readable one
// at a time.
std::string text_from_charset(std::string_view bytes, std::string_view label);

}  // namespace danju
