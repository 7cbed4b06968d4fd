#include "input/charset.h"

#include <cerrno>
#include <cstdio>
#include <iconv.h>

#include "core/text.h"

namespace danju {

namespace {

// Owns one iconv descriptor.
class Converter {
 public:
  Converter(const char* from, const std::string& label)
      : handle_(iconv_open("UTF-8", from)) {
    if (handle_ == reinterpret_cast<iconv_t>(-1)) {
      throw CharsetError("unknown charset \"" + label + "\"");
    }
  }
  ~Converter() { iconv_close(handle_); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  iconv_t handle() const { return handle_; }

 private:
  iconv_t handle_;
};

std::string byte_hex(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02X", byte);
  return buffer;
}

// Converts the whole of bytes from the iconv charset `from`; label is how
// error messages name it.
std::string convert(std::string_view bytes, const char* from,
                    const std::string& label) {
  Converter converter(from, label);
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t written = 0;

  for (;;) {
    char* out_next = out.data() + written;
    std::size_t out_left = out.size() - written;
    // A null input flushes the shift state of stateful charsets at the end.
    const std::size_t result =
        in_left > 0
            ? iconv(converter.handle(), &in, &in_left, &out_next, &out_left)
            : iconv(converter.handle(), nullptr, nullptr, &out_next,
                    &out_left);
    const int reason = errno;
    written = out.size() - out_left;
    if (result != static_cast<std::size_t>(-1)) {
      if (in_left == 0) break;
      continue;
    }
    if (reason == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }

    const std::size_t offset = bytes.size() - in_left;
    if (reason == EILSEQ) {
      throw CharsetError(
          "not " + label + " text: byte " + byte_hex(bytes[offset]) +
          " at offset " + std::to_string(offset) + " is no character");
    }
    if (reason == EINVAL) {
      throw CharsetError("not " + label +
                         " text: it ends in the middle of a character "
                         "(offset " + std::to_string(offset) + ")");
    }
    throw CharsetError("cannot decode " + label + " text");
  }
  out.resize(written);
  return out;
}

// Offset of the first byte that does not start a well-formed UTF-8
// sequence; only used to say where in an error message.
std::size_t first_bad_utf8_offset(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t length = 1;
    while (length <= 4 && !is_valid_utf8(bytes.substr(i, length))) ++length;
    if (length > 4 || i + length > bytes.size()) return i;
    i += length;
  }
  return i;
}

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// The iconv name for a MIME label, or "" when the label is not acceptable.
std::string iconv_name(const std::string& label) {
  for (const char* gb : {"gb2312", "gbk", "cp936", "x-gbk", "gb18030",
                         "euc-cn", "x-euc-cn", "windows-936", "ms936",
                         "csgb2312", "gb_2312-80"}) {
    if (label == gb) return "GB18030";
  }
  if (label == "utf8") return "UTF-8";
  if (label == "ascii" || label == "us-ascii" || label == "ansi_x3.4-1968") {
    return "ASCII";
  }
  if (label == "latin1") return "ISO-8859-1";
  if (label == "big5" || label == "x-big5" || label == "cn-big5") {
    return "BIG5";
  }

  // Anything else goes to iconv by its own name; only plain names pass, so
  // that no "//" option can be smuggled in with a label.
  std::string upper;
  for (char c : label) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == ':';
    if (!plain) return "";
    upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  }
  return upper;
}

std::string normalized_label(const std::string& label) {
  std::string out;
  for (char c : label) {
    if (c == ' ' || c == '\t' || c == '"' || c == '\'') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string* detected) {
  std::string found;
  std::string text;

  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    if (!is_valid_utf8(bytes)) {
      const std::size_t offset = first_bad_utf8_offset(bytes) + 3;
      throw CharsetError("starts with a UTF-8 byte order mark, but byte " +
                         std::to_string(offset) + " is not UTF-8");
    }
    found = "UTF-8 with BOM";
    text = std::string(bytes);
  } else if (starts_with(bytes, "\xFF\xFE")) {
    found = "UTF-16LE";
    text = convert(bytes.substr(2), "UTF-16LE", found);
  } else if (starts_with(bytes, "\xFE\xFF")) {
    found = "UTF-16BE";
    text = convert(bytes.substr(2), "UTF-16BE", found);
  } else if (is_valid_utf8(bytes)) {
    found = "UTF-8";
    text = std::string(bytes);
  } else {
    found = "GB18030";
    try {
      text = convert(bytes, "GB18030", "UTF-8 nor GB18030/GBK");
    } catch (const CharsetError& error) {
      throw CharsetError(std::string(error.what()) +
                         "; save the file again as UTF-8");
    }
  }

  if (detected) *detected = found;
  return text;
}

std::string decode_charset(std::string_view bytes, std::string label) {
  const std::string wanted = normalized_label(label);
  const std::string name = iconv_name(wanted);
  if (name.empty()) throw CharsetError("unknown charset \"" + label + "\"");

  if (name == "UTF-8" || name == "ASCII") {
    // Checked here rather than by iconv, so that the message says where.
    const bool ascii_only = name == "ASCII";
    for (std::size_t i = 0; ascii_only && i < bytes.size(); ++i) {
      if (static_cast<unsigned char>(bytes[i]) >= 0x80) {
        throw CharsetError("not us-ascii text: byte " + byte_hex(bytes[i]) +
                           " at offset " + std::to_string(i));
      }
    }
    if (!is_valid_utf8(bytes)) {
      throw CharsetError("not UTF-8 text: byte " +
                         std::to_string(first_bad_utf8_offset(bytes)) +
                         " is no character");
    }
    return std::string(bytes);
  }
  return convert(bytes, name.c_str(), wanted);
}

}  // namespace danju
