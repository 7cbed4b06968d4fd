#include "mail/transfer_encoding.h"

#include <cstdint>

namespace danju {

namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHexDigits[] = "0123456789ABCDEF";

// RFC 2045 allows 76 characters on an encoded line.
constexpr std::size_t kEncodedLine = 76;

std::string hex_escape(unsigned char byte) {
  return {'=', kHexDigits[byte >> 4], kHexDigits[byte & 0x0F]};
}

// Quoted-printable of one line without its line end.
void append_quoted_line(std::string& out, std::string_view line) {
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const bool blank = byte == ' ' || byte == '\t';
    const bool literal =
        (byte >= 33 && byte <= 126 && byte != '=') || (blank && !last);
    const std::string piece =
        literal ? std::string(1, static_cast<char>(byte)) : hex_escape(byte);

    // Keep one column for the "=" of a soft break, except that the final
    // piece of the line may use it.
    const std::size_t room = last ? kEncodedLine : kEncodedLine - 1;
    if (column + piece.size() > room) {
      out += "=\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  }
  out += "\r\n";
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group =
        static_cast<unsigned char>(bytes[i]) << 16 |
        static_cast<unsigned char>(bytes[i + 1]) << 8 |
        static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Alphabet[group >> 18 & 0x3F];
    out += kBase64Alphabet[group >> 12 & 0x3F];
    out += kBase64Alphabet[group >> 6 & 0x3F];
    out += kBase64Alphabet[group & 0x3F];
  }

  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64Alphabet[group >> 18 & 0x3F];
    out += kBase64Alphabet[group >> 12 & 0x3F];
    out += rest == 2 ? kBase64Alphabet[group >> 6 & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64_encode(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kEncodedLine * 2 + 2);
  for (std::size_t i = 0; i < encoded.size(); i += kEncodedLine) {
    out.append(encoded, i, kEncodedLine);
    out += "\r\n";
  }
  return out;
}

std::string normalize_line_ends(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  if (text.empty()) return {};
  const std::string normalized = normalize_line_ends(text);
  const std::string_view lines = normalized;

  // Every line, the last (possibly empty) one included, gets a CRLF; the
  // CRLF after the last line belongs to the boundary that follows it.
  std::string out;
  out.reserve(normalized.size() * 2);
  std::size_t start = 0;
  while (true) {
    const std::size_t end = lines.find("\r\n", start);
    if (end == std::string_view::npos) {
      append_quoted_line(out, lines.substr(start));
      break;
    }
    append_quoted_line(out, lines.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

}  // namespace danju
