#include "mail/mime_parameter.h"

#include <cctype>
#include <vector>

#include "mail/encoded_word.h"

namespace danju {

namespace {

// Longest percent-encoded piece in one continuation, so that the piece
// with its "filename*NN*=" and ";" stays within a folded line.
constexpr std::size_t kContinuationChunk = 52;

bool is_plain_parameter(std::string_view text) {
  return !text.empty() && is_plain_header_text(text) && text.size() < 60;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

// Splits percent-encoded text into pieces of at most kContinuationChunk
// characters, never inside a %XX triplet.
std::vector<std::string> continuation_chunks(const std::string& encoded) {
  std::vector<std::string> chunks;
  std::size_t start = 0;
  while (start < encoded.size()) {
    std::size_t end = std::min(start + kContinuationChunk, encoded.size());
    if (end < encoded.size()) {
      if (encoded[end - 1] == '%') end -= 1;
      else if (end >= 2 && encoded[end - 2] == '%') end -= 2;
    }
    chunks.push_back(encoded.substr(start, end - start));
    start = end;
  }
  return chunks;
}

}  // namespace

std::string percent_encode(std::string_view bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x80 && std::isalnum(byte)) || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

void add_name_parameter(HeaderFolder& field, std::string_view file_name) {
  if (is_plain_parameter(file_name)) {
    field.add("name=" + quoted(file_name));
    return;
  }

  // The words keep room for name=" before the first and " after the last.
  const std::vector<std::string> words =
      encode_words(file_name, kMaxEncodedWord - 7, kMaxEncodedWord - 7);
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string piece = words[i];
    if (i == 0) piece = "name=\"" + piece;
    if (i + 1 == words.size()) piece += '"';
    field.add(piece);
  }
}

void add_filename_parameter(HeaderFolder& field, std::string_view file_name) {
  if (is_plain_parameter(file_name)) {
    field.add("filename=" + quoted(file_name));
    return;
  }

  const std::string encoded = percent_encode(file_name);
  const std::string single = "filename*=UTF-8''" + encoded;
  if (single.size() < 75) {
    field.add(single);
    return;
  }

  const std::vector<std::string> chunks = continuation_chunks(encoded);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    std::string piece = "filename*" + std::to_string(i) + "*=";
    if (i == 0) piece += "UTF-8''";
    piece += chunks[i];
    if (i + 1 < chunks.size()) piece += ';';
    field.add(piece);
  }
}

}  // namespace danju
