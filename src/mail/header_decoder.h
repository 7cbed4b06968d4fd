// Reading header fields of a received message: unfolding, and RFC 2047
// encoded-words turned back into UTF-8 text.
#pragma once

#include <string>
#include <string_view>

namespace danju {

// The field body with its folds removed: each line end followed by a blank
// is dropped and the blank kept, as RFC 5322 unfolds; other line ends too.
std::string unfold_header(std::string_view value);

// The text of an unstructured header value (Subject, a display name) as
// UTF-8. Encoded-words "=?charset?B|Q?...?=" are decoded; the blanks between
// two encoded-words are dropped; adjacent words of one charset are joined
// as bytes before their charset is decoded, so a character split across two
// words comes out whole. Text outside encoded-words is taken as UTF-8, else
// GB18030 (clients that send raw 8-bit headers). A malformed encoded-word
// stays as it is written. Never throws; see mime_reader_charset.h for
// bytes that decode nowhere.
std::string decode_header_text(std::string_view value);

}  // namespace danju
