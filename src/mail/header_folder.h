// Writes one header field, folded (RFC 5322 2.2.3) so that its lines stay
// within 76 characters wherever the pieces allow it.
#pragma once

#include <string>
#include <string_view>

namespace danju {

class HeaderFolder {
 public:
  // Starts the field "name:". The name must be a plain header name.
  explicit HeaderFolder(std::string_view name);

  // Adds a piece that must not be broken (an address, an encoded-word, a
  // parameter). A blank goes before it; when the piece does not fit on the
  // current line, that blank becomes a fold (CRLF and a blank), even right
  // after the field name. A piece longer than a line stays whole on a line
  // of its own. Text that must follow a piece directly (";") belongs in it.
  void add(std::string_view piece);

  // Adds text right after the previous piece, with no blank and no fold
  // between (a "," after an address).
  void append(std::string_view text);

  // Adds UTF-8 text: as it is when plain printable ASCII that fits, else
  // as encoded-words sized to the room left, folded between words. Runs of
  // CR, LF and TAB in text become one blank first.
  void add_text(std::string_view text);

  // Adds UTF-8 text as encoded-words in any case (a display name that
  // would need them), folded between words.
  void add_encoded(std::string_view text);

  // Characters still free on the current line.
  std::size_t room() const;

  // The field with its final CRLF.
  std::string finish() const;

 private:
  std::string field_;
  std::size_t line_start_ = 0;
  bool line_has_piece_ = false;
};

}  // namespace danju
