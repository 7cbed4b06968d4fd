#include "input/charset.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <iconv.h>
#include <unistd.h>

#include "core/file_io.h"
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

// Converts bytes with converter, appending the UTF-8 to *out. With last,
// all of bytes must convert; without, bytes that end in the middle of a
// character are left for the next call, and their count returned. label
// names the charset in errors, whose offsets count from base.
std::size_t convert_some(Converter& converter, std::string_view bytes,
                         bool last, std::size_t base, const std::string& label,
                         std::string* out) {
  const std::size_t start = out->size();
  out->resize(start + bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t written = start;

  for (;;) {
    char* out_next = out->data() + written;
    std::size_t out_left = out->size() - written;
    // A null input flushes the shift state of stateful charsets at the end.
    const std::size_t result =
        in_left > 0 || !last
            ? iconv(converter.handle(), &in, &in_left, &out_next, &out_left)
            : iconv(converter.handle(), nullptr, nullptr, &out_next,
                    &out_left);
    const int reason = errno;
    written = out->size() - out_left;
    if (result != static_cast<std::size_t>(-1)) {
      if (in_left == 0 || !last) break;
      continue;
    }
    if (reason == E2BIG) {
      out->resize(out->size() * 2);
      continue;
    }
    if (reason == EINVAL && !last) break;  // the rest comes next time

    const std::size_t offset = bytes.size() - in_left;
    const std::string at = std::to_string(base + offset);
    if (reason == EILSEQ) {
      throw CharsetError("not " + label + " text: byte " +
                         byte_hex(bytes[offset]) + " at offset " + at +
                         " is no character");
    }
    if (reason == EINVAL) {
      throw CharsetError("not " + label +
                         " text: it ends in the middle of a character "
                         "(offset " + at + ")");
    }
    throw CharsetError("cannot decode " + label + " text");
  }
  out->resize(written);
  return in_left;
}

// Converts the whole of bytes from the iconv charset `from`; label is how
// error messages name it.
std::string convert(std::string_view bytes, const char* from,
                    const std::string& label) {
  Converter converter(from, label);
  std::string out;
  convert_some(converter, bytes, true, 0, label, &out);
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

// Characters of two bytes or more in well-formed UTF-8.
std::size_t wide_characters(std::string_view utf8) {
  std::size_t count = 0;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0xC0) ++count;
  }
  return count;
}

// Bytes without a mark that hold this many wide UTF-8 characters before
// their first fault were written as UTF-8 and damaged (a last character
// cut off, a byte changed): GBK text passes for UTF-8 for a character or
// two at most. Decoding them as GB18030 would only name a wrong place.
constexpr std::size_t kClearlyUtf8 = 4;

[[noreturn]] void throw_broken_utf8(std::size_t offset) {
  throw CharsetError("is UTF-8 text, but byte " + std::to_string(offset) +
                     " is not UTF-8 (a character cut off or damaged); save "
                     "the file again as UTF-8");
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
    const std::size_t bad = first_bad_utf8_offset(bytes);
    if (wide_characters(bytes.substr(0, bad)) >= kClearlyUtf8) {
      throw_broken_utf8(bad);
    }
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

namespace {

constexpr std::size_t kBlock = 1 << 16;

// Where a UTF-8 window may be cut: before the last character when that
// one may still be incomplete (its remaining bytes in the next block).
std::size_t whole_characters(std::string_view window) {
  std::size_t cut = window.size();
  for (int back = 0; back < 3 && cut > 0; ++back) {
    const unsigned char c = static_cast<unsigned char>(window[cut - 1]);
    if ((c & 0xC0) != 0x80) return c < 0x80 ? window.size() : cut - 1;
    --cut;
  }
  return window.size();
}

}  // namespace

struct FileDecoder::Impl {
  std::string path;
  int fd = -1;
  std::string found;
  std::string label;        // for messages
  const char* from = nullptr;  // iconv charset; null: UTF-8 as it is
  std::size_t skip = 0;     // the byte order mark
  std::string carry;        // bytes of a character cut by the block's end
  std::size_t offset = 0;   // of carry's first byte, after the mark
  bool at_end = false;
  std::unique_ptr<Converter> converter;

  // Up to kBlock bytes at the current position; empty at the end.
  std::string read_block() {
    std::string block(kBlock, '\0');
    for (;;) {
      const ssize_t n = ::read(fd, block.data(), block.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw FileError("cannot read " + path);
      block.resize(static_cast<std::size_t>(n));
      return block;
    }
  }

  void seek(std::size_t position) {
    if (::lseek(fd, static_cast<off_t>(position), SEEK_SET) < 0) {
      throw FileError("cannot read " + path);
    }
  }

  // True when everything after the mark is well-formed UTF-8; else says
  // where it is not (counted after the mark), and how many wide
  // characters come before that.
  bool all_utf8(std::size_t* bad_offset, std::size_t* wide_before) {
    seek(skip);
    std::string window;
    std::size_t base = 0;
    std::size_t wide = 0;
    for (;;) {
      const std::string block = read_block();
      window += block;
      const std::size_t cut =
          block.empty() ? window.size() : whole_characters(window);
      const std::string_view whole(window.data(), cut);
      if (!is_valid_utf8(whole)) {
        const std::size_t bad = first_bad_utf8_offset(whole);
        *bad_offset = base + bad;
        *wide_before = wide + wide_characters(whole.substr(0, bad));
        return false;
      }
      wide += wide_characters(whole);
      if (block.empty()) return true;
      base += cut;
      window.erase(0, cut);
    }
  }
};

FileDecoder::FileDecoder(const std::string& path)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m.fd < 0) throw FileError("cannot open " + path);
  const std::string start = m.read_block().substr(0, 3);

  if (starts_with(start, "\xEF\xBB\xBF")) {
    m.skip = 3;
    std::size_t bad = 0, wide = 0;
    if (!m.all_utf8(&bad, &wide)) {
      throw CharsetError("starts with a UTF-8 byte order mark, but byte " +
                         std::to_string(bad + 3) + " is not UTF-8");
    }
    m.found = "UTF-8 with BOM";
  } else if (starts_with(start, "\xFF\xFE")) {
    m.skip = 2;
    m.found = m.label = "UTF-16LE";
    m.from = "UTF-16LE";
  } else if (starts_with(start, "\xFE\xFF")) {
    m.skip = 2;
    m.found = m.label = "UTF-16BE";
    m.from = "UTF-16BE";
  } else if (std::size_t bad = 0, wide = 0; m.all_utf8(&bad, &wide)) {
    m.found = "UTF-8";
  } else if (wide >= kClearlyUtf8) {
    throw_broken_utf8(bad);
  } else {
    m.found = "GB18030";
    m.label = "UTF-8 nor GB18030/GBK";
    m.from = "GB18030";
  }
  rewind();
}

FileDecoder::~FileDecoder() {
  if (impl_->fd >= 0) ::close(impl_->fd);
}

const std::string& FileDecoder::detected() const { return impl_->found; }

void FileDecoder::rewind() {
  Impl& m = *impl_;
  m.seek(m.skip);
  m.carry.clear();
  m.offset = 0;
  m.at_end = false;
  if (m.from) m.converter = std::make_unique<Converter>(m.from, m.label);
}

std::string FileDecoder::next_block() {
  Impl& m = *impl_;
  while (!m.at_end) {
    const std::string block = m.read_block();
    m.at_end = block.empty();
    std::string bytes = m.carry + block;
    if (!m.from) {
      const std::size_t cut = m.at_end ? bytes.size()
                                       : whole_characters(bytes);
      m.carry = bytes.substr(cut);
      bytes.resize(cut);
      if (!bytes.empty()) return bytes;
      continue;
    }

    std::string out;
    std::size_t left = 0;
    try {
      left = convert_some(*m.converter, bytes, m.at_end, m.offset, m.label,
                          &out);
    } catch (const CharsetError& error) {
      if (m.found != "GB18030") throw;
      throw CharsetError(std::string(error.what()) +
                         "; save the file again as UTF-8");
    }
    m.offset += bytes.size() - left;
    m.carry = bytes.substr(bytes.size() - left);
    if (!out.empty()) return out;
  }
  return "";
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
