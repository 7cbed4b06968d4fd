#include "mail/mime_reader_charset.h"

#include "core/text.h"
#include "input/charset.h"

namespace danju {

namespace {

// True when decode_charset knows the label. Empty input still makes it
// open the converter, which is what fails for an unknown name.
bool is_known_label(const std::string& label) {
  if (label.empty()) return false;
  try {
    decode_charset("", label);
    return true;
  } catch (const CharsetError&) {
    return false;
  }
}

bool try_decode(std::string_view bytes, const std::string& label,
                std::string* out) {
  try {
    *out = decode_charset(bytes, label);
    return true;
  } catch (const CharsetError&) {
    return false;
  }
}

// One character's bytes in the label's charset, or with no label as UTF-8
// or GB18030.
bool read_piece(std::string_view piece, const std::string& label,
                std::string* out) {
  if (label.empty() && is_valid_utf8(piece)) {
    *out = std::string(piece);
    return true;
  }
  const std::string charset = label.empty() ? "gb18030" : label;
  return try_decode(piece, charset, out) && is_valid_utf8(*out);
}

// One line that did not decode as a whole, read character by character.
std::string salvage_line(std::string_view line, const std::string& label) {
  std::string out;
  std::size_t i = 0;

  while (i < line.size()) {
    if (static_cast<unsigned char>(line[i]) < 0x80) {
      out.push_back(line[i]);
      ++i;
      continue;
    }

    // A character in any charset read here is at most four bytes long; a
    // byte that starts none is dropped.
    std::size_t taken = 1;
    for (std::size_t length = 1; length <= 4; ++length) {
      if (i + length > line.size()) break;
      std::string decoded;
      if (read_piece(line.substr(i, length), label, &decoded)) {
        out += decoded;
        taken = length;
        break;
      }
    }
    i += taken;
  }
  return out;
}

// One line as well-formed UTF-8 or GB18030, whichever reads it whole.
bool try_unlabelled(std::string_view line, std::string* out) {
  try {
    *out = to_utf8(line);
    return is_valid_utf8(*out);
  } catch (const CharsetError&) {
    return false;
  }
}

}  // namespace

std::string text_from_charset(std::string_view bytes, std::string_view label) {
  std::string known(label);
  if (!is_known_label(known)) known.clear();

  std::string whole;
  if (!known.empty() && try_decode(bytes, known, &whole) &&
      is_valid_utf8(whole)) {
    return whole;
  }
  if (known.empty() && try_unlabelled(bytes, &whole)) return whole;

  std::string out;
  std::size_t start = 0;
  while (start <= bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) end = bytes.size();
    const std::string_view line = bytes.substr(start, end - start);

    std::string decoded;
    if ((!known.empty() && try_decode(line, known, &decoded) &&
         is_valid_utf8(decoded)) ||
        try_unlabelled(line, &decoded)) {
      out += decoded;
    } else {
      out += salvage_line(line, known);
    }

    if (last) break;
    out.push_back('\n');
    start = end + 1;
  }
  return out;
}

}  // namespace danju
