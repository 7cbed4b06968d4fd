// A received message split into its MIME parts (RFC 2045, 2046), read from
// the raw bytes, nested multiparts included.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace danju {

struct HeaderField {
  std::string name;   // as written
  std::string value;  // unfolded, blanks at both ends removed; raw 8-bit
                      // bytes read as UTF-8, else GB18030; encoded-words
                      // not decoded (header_decoder.h does that)
};

// One part of a message, or the message itself.
struct MimeEntity {
  std::vector<HeaderField> headers;
  std::string media_type;  // "text/plain", lower case; the default when
                           // the message gives none
  std::string charset;     // the charset parameter, lower case; may be empty
  std::string disposition;  // "inline", "attachment" or empty, lower case
  bool has_file_name = false;  // a name or filename parameter was given
  std::string body;  // transfer encoding undone; line ends \n; empty for a
                     // multipart, whose parts are in parts
  std::vector<MimeEntity> parts;

  // The value of the first field of that name (any case), or "".
  std::string header(std::string_view name) const;
  // The values of every field of that name, in order.
  std::vector<std::string> headers_named(std::string_view name) const;
};

// Splits raw (CRLF or LF line ends) into header fields and body and, for a
// multipart, into its parts, at most 16 levels deep. Returns false with
// nothing useful in entity when raw does not start with a header field
// ("Name: value"); a leading mbox "From " line is skipped.
//
// Limitation: a multipart nested deeper than 16 levels is kept as one body
// and not searched for text; a part whose boundary never closes runs to the
// end of its parent.
bool read_mime_entity(std::string_view raw, MimeEntity* entity);

// A parameter of a structured field ("boundary" of "multipart/mixed;
// boundary=..."), matched without regard to case, with quotes and
// backslash escapes removed; "" when absent.
//
// Limitation: RFC 2231 forms (name*=, name*0=) are not decoded; only file
// names use them, and here a file name only marks a part as an attachment.
std::string header_parameter(std::string_view value, std::string_view name);

}  // namespace danju
