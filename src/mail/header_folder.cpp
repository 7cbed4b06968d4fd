#include "mail/header_folder.h"

#include <vector>

#include "core/text.h"
#include "mail/encoded_word.h"

namespace danju {

namespace {

constexpr std::size_t kMaxLine = 76;

}  // namespace

HeaderFolder::HeaderFolder(std::string_view name) {
  field_.append(name);
  field_ += ':';
}

std::size_t HeaderFolder::room() const {
  const std::size_t used = field_.size() - line_start_;
  return used >= kMaxLine ? 0 : kMaxLine - used;
}

void HeaderFolder::add(std::string_view piece) {
  // A fold right at the start of a continuation line would leave a line
  // of blanks; one right after the field name is fine (the name stays).
  const bool at_fresh_line = line_start_ > 0 && !line_has_piece_;
  if (!at_fresh_line && piece.size() + 1 > room()) {
    field_ += "\r\n";
    line_start_ = field_.size();
    line_has_piece_ = false;
  }
  field_ += ' ';
  field_.append(piece);
  line_has_piece_ = true;
}

void HeaderFolder::append(std::string_view text) { field_.append(text); }

void HeaderFolder::add_text(std::string_view text) {
  const std::string flat = one_line(text);
  if (flat.empty()) return;

  // Plain text is kept as one piece: folding inside it would need a blank
  // at the fold, and splitting at blanks could change runs of them.
  if (is_plain_header_text(flat) && flat.size() + 1 <= room()) {
    add(flat);
    return;
  }
  add_encoded(flat);
}

void HeaderFolder::add_encoded(std::string_view text) {
  const std::string flat = one_line(text);
  if (flat.empty()) return;

  // The first word fills the current line if a useful part of it is free.
  const std::size_t first_room = room() > 0 ? room() - 1 : 0;
  const std::size_t first_limit =
      first_room >= 24 ? first_room : kMaxEncodedWord;
  const std::vector<std::string> words =
      encode_words(flat, first_limit, kMaxEncodedWord);
  for (const std::string& word : words) add(word);
}

std::string HeaderFolder::finish() const { return field_ + "\r\n"; }

}  // namespace danju
