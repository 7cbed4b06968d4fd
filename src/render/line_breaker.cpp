// Line breaking in two steps: the text is cut into pieces that must stay on
// one line (a Latin word, a character with the punctuation that clings to
// it), then the pieces are laid into lines greedily.

#include "render/line_breaker.h"

#include <string>

#include "core/text.h"

namespace danju {

namespace {

// Punctuation that may not begin a line.
bool is_closing(char32_t c) {
  static const std::u32string closing =
      U"，。、；：？！）】》」』”’〕〉］｝％,.;:?!)]}%";
  return closing.find(c) != std::u32string::npos;
}

// Punctuation (and currency signs) that may not end a line.
bool is_opening(char32_t c) {
  static const std::u32string opening = U"（【《「『“‘〔〈［｛([{¥￥$";
  return opening.find(c) != std::u32string::npos;
}

// Letters and digits of Latin script: a run of them is one word.
bool is_word(char32_t c) {
  if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
      (c >= 'a' && c <= 'z')) {
    return true;
  }
  return c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7;
}

// Marks that join two words into one when they stand between them:
// "3.5", "1,200", "GD-2026-0107", "12:30", "a/b".
bool is_joiner(char32_t c) {
  static const std::u32string joiners = U".,:-/'_@&+";
  return joiners.find(c) != std::u32string::npos;
}

// May a line end between text[i - 1] and text[i]?
bool may_break_before(const std::u32string& text, std::size_t i) {
  char32_t previous = text[i - 1];
  char32_t current = text[i];
  if (current == ' ') return false;  // spaces stay at the end of a line
  if (is_closing(current) || is_opening(previous)) return false;
  if (is_word(previous) && is_word(current)) return false;

  bool next_is_word = i + 1 < text.size() && is_word(text[i + 1]);
  if (is_word(previous) && is_joiner(current) && next_is_word) return false;
  bool before_is_word = i >= 2 && is_word(text[i - 2]);
  if (is_joiner(previous) && is_word(current) && before_is_word) {
    return false;
  }
  return true;
}

// Text that must stay on one line, with its width; trailing spaces are
// counted apart because they vanish at the end of a line.
struct Piece {
  std::u32string text;
  double width = 0;           // without trailing spaces
  double trailing_space = 0;  // width of the trailing spaces
};

std::vector<Piece> pieces_of(const FontSet& fonts, const std::u32string& text,
                             double size) {
  std::vector<Piece> pieces;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 0 || may_break_before(text, i)) pieces.emplace_back();
    Piece& piece = pieces.back();

    char32_t c = text[i];
    double width = fonts.advance(c, size);
    piece.text += c;
    if (c == ' ') {
      piece.trailing_space += width;
    } else {
      piece.width += piece.trailing_space + width;
      piece.trailing_space = 0;
    }
  }
  return pieces;
}

std::string without_trailing_spaces(const std::u32string& text) {
  std::size_t end = text.find_last_not_of(U' ');
  return encode_utf8(std::u32string_view(text).substr(
      0, end == std::u32string::npos ? 0 : end + 1));
}

// Lays the pieces of one paragraph into lines.
void break_paragraph(const FontSet& fonts, const std::u32string& paragraph,
                     double size, double max_width,
                     std::vector<std::string>& lines) {
  const double tolerance = 1e-9;
  std::u32string line;
  double line_width = 0;      // without trailing spaces
  double line_trailing = 0;   // trailing spaces of the line so far

  auto end_line = [&]() {
    lines.push_back(without_trailing_spaces(line));
    line.clear();
    line_width = 0;
    line_trailing = 0;
  };
  auto add = [&](const Piece& piece) {
    line_width += (line.empty() ? 0 : line_trailing) + piece.width;
    line_trailing = piece.trailing_space;
    line += piece.text;
  };

  for (const Piece& piece : pieces_of(fonts, paragraph, size)) {
    bool fits_alone = piece.width <= max_width + tolerance;
    if (!line.empty()) {
      if (line_width + line_trailing + piece.width <= max_width + tolerance) {
        add(piece);
        continue;
      }
      end_line();
    }
    if (fits_alone) {
      add(piece);
      continue;
    }

    // A piece wider than a whole line (a long number, a long word) is the
    // one case that must be split: between characters, as far as each line
    // holds, with at least one character per line, and still keeping
    // punctuation with the character it belongs to.
    std::vector<Piece> parts;
    for (std::size_t i = 0; i < piece.text.size(); ++i) {
      char32_t c = piece.text[i];
      bool clings = i > 0 && (c == ' ' || is_closing(c) ||
                              is_opening(piece.text[i - 1]));
      if (!clings) parts.emplace_back();
      Piece& part = parts.back();
      double width = fonts.advance(c, size);
      part.text += c;
      if (c == ' ') {
        part.trailing_space += width;
      } else {
        part.width += part.trailing_space + width;
        part.trailing_space = 0;
      }
    }
    for (const Piece& part : parts) {
      if (!line.empty() &&
          line_width + line_trailing + part.width > max_width + tolerance) {
        end_line();
      }
      add(part);
    }
  }
  lines.push_back(without_trailing_spaces(line));
}

}  // namespace

std::vector<std::string> break_lines(const FontSet& fonts,
                                     std::string_view utf8, double size,
                                     double max_width) {
  std::vector<std::string> lines;
  if (utf8.empty()) return lines;
  if (!is_valid_utf8(utf8)) {
    throw std::invalid_argument("text to print is not valid UTF-8");
  }

  std::u32string text = decode_utf8(utf8);
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(U'\n', start);
    std::u32string paragraph = text.substr(
        start, end == std::u32string::npos ? std::u32string::npos
                                           : end - start);
    if (!paragraph.empty() && paragraph.back() == U'\r') paragraph.pop_back();
    break_paragraph(fonts, paragraph, size, max_width, lines);
    if (end == std::u32string::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace danju
