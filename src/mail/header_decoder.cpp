#include "mail/header_decoder.h"

#include "core/text.h"

#include <cctype>
#include <vector>

#include "mail/mime_reader_charset.h"
#include "mail/mime_reader_transfer.h"

namespace danju {

namespace {

// One piece of a header value: plain text, or the bytes of an encoded-word
// with the charset they are in.
struct HeaderPiece {
  bool encoded = false;
  std::string charset;  // lower case, language part removed
  std::string bytes;
};

bool is_blank_text(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// Q encoding (RFC 2047 4.2): "_" is a space, "=XX" a byte.
std::string q_decode(std::string_view text) {
  std::string spaced(text);
  for (char& c : spaced) {
    if (c == '_') c = ' ';
  }
  return quoted_printable_decode(spaced);
}

// Reads the encoded-word starting at value[start] ("=?"). On success sets
// piece and the index just past "?=".
bool read_encoded_word(std::string_view value, std::size_t start,
                       HeaderPiece* piece, std::size_t* next) {
  const std::size_t charset_end = value.find('?', start + 2);
  if (charset_end == std::string_view::npos) return false;
  if (charset_end + 2 >= value.size() || value[charset_end + 2] != '?') {
    return false;
  }
  const char encoding = static_cast<char>(
      std::toupper(static_cast<unsigned char>(value[charset_end + 1])));
  if (encoding != 'B' && encoding != 'Q') return false;
  const std::size_t text_start = charset_end + 3;
  const std::size_t text_end = value.find("?=", text_start);
  if (text_end == std::string_view::npos) return false;

  std::string_view charset = value.substr(start + 2, charset_end - start - 2);
  const std::string_view text = value.substr(text_start, text_end - text_start);
  for (std::string_view part : {charset, text}) {
    for (char c : part) {
      if (c == ' ' || c == '\t') return false;
    }
  }
  if (charset.empty()) return false;

  // RFC 2231 lets a language follow the charset: "utf-8*zh-cn".
  const std::size_t star = charset.find('*');
  if (star != std::string_view::npos) charset = charset.substr(0, star);

  piece->encoded = true;
  piece->charset = ascii_lower(charset);
  piece->bytes = encoding == 'B' ? base64_decode_loose(text) : q_decode(text);
  *next = text_end + 2;
  return true;
}

std::vector<HeaderPiece> split_pieces(std::string_view value) {
  std::vector<HeaderPiece> pieces;
  std::string plain;
  std::size_t i = 0;

  while (i < value.size()) {
    HeaderPiece word;
    std::size_t next = 0;
    if (value.compare(i, 2, "=?") == 0 &&
        read_encoded_word(value, i, &word, &next)) {
      if (!plain.empty()) pieces.push_back({false, "", plain});
      plain.clear();
      pieces.push_back(word);
      i = next;
    } else {
      plain.push_back(value[i]);
      ++i;
    }
  }
  if (!plain.empty()) pieces.push_back({false, "", plain});
  return pieces;
}

}  // namespace

std::string unfold_header(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c != '\r' && c != '\n') out.push_back(c);
  }
  return out;
}

std::string decode_header_text(std::string_view value) {
  const std::string unfolded = unfold_header(value);
  const std::vector<HeaderPiece> pieces = split_pieces(unfolded);

  // Blanks between two encoded-words are no text (RFC 2047 6.2).
  std::vector<HeaderPiece> kept;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const bool between_words = !pieces[k].encoded && k > 0 &&
                               k + 1 < pieces.size() &&
                               pieces[k - 1].encoded && pieces[k + 1].encoded &&
                               is_blank_text(pieces[k].bytes);
    if (!between_words) kept.push_back(pieces[k]);
  }

  std::string out;
  std::size_t k = 0;
  while (k < kept.size()) {
    if (!kept[k].encoded) {
      out += text_from_charset(kept[k].bytes, "");
      ++k;
      continue;
    }
    std::string bytes = kept[k].bytes;
    const std::string& charset = kept[k].charset;
    std::size_t j = k + 1;
    while (j < kept.size() && kept[j].encoded && kept[j].charset == charset) {
      bytes += kept[j].bytes;
      ++j;
    }
    out += text_from_charset(bytes, charset);
    k = j;
  }
  return out;
}

}  // namespace danju
