#include "mail/mime_reader_transfer.h"

#include <cctype>

namespace danju {

namespace {

// The 6-bit value of a base64 character, or -1.
int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Lower case without blanks and quotes: " Base64" and "BASE64" match.
std::string bare_lower(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '"') continue;
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(static_cast<char>(std::tolower(byte)));
  }
  return out;
}

}  // namespace

std::string base64_decode_loose(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned int bits = 0;
  int bit_count = 0;

  for (char c : text) {
    if (c == '=') break;
    const int value = base64_value(c);
    if (value < 0) continue;
    bits = (bits << 6) | static_cast<unsigned int>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out.push_back(static_cast<char>((bits >> bit_count) & 0xFF));
    }
  }
  return out;
}

std::string quoted_printable_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;

  while (i < text.size()) {
    // One line at a time, so that blanks before its end can be dropped.
    std::size_t end = text.find('\n', i);
    const bool has_end = end != std::string_view::npos;
    if (!has_end) end = text.size();
    std::size_t content_end = end;
    const bool crlf =
        has_end && content_end > i && text[content_end - 1] == '\r';
    if (crlf) --content_end;
    while (content_end > i && is_blank(text[content_end - 1])) --content_end;

    bool soft_break = false;
    for (std::size_t k = i; k < content_end; ++k) {
      if (text[k] != '=') {
        out.push_back(text[k]);
        continue;
      }
      if (k + 1 == content_end) {
        soft_break = true;
        break;
      }
      const int high = k + 2 < content_end ? hex_value(text[k + 1]) : -1;
      const int low = k + 2 < content_end ? hex_value(text[k + 2]) : -1;
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        k += 2;
      } else {
        out.push_back('=');
      }
    }

    if (has_end && !soft_break) out += crlf ? "\r\n" : "\n";
    i = has_end ? end + 1 : end;
  }
  return out;
}

std::string decode_transfer_encoding(std::string_view body,
                                     std::string_view encoding) {
  const std::string name = bare_lower(encoding);
  if (name == "base64") return base64_decode_loose(body);
  if (name == "quoted-printable") return quoted_printable_decode(body);
  return std::string(body);
}

}  // namespace danju
