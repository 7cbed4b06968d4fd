// Turning the bytes of order files and mail parts into UTF-8 text.
//
// Everything inside Danju is UTF-8. Order exports arrive as whatever Excel
// or the shop system saved (UTF-8 with or without a BOM, UTF-16 from "Unicode
// text", GBK from a Chinese Windows); mail parts carry a charset label that
// is often too narrow (gb2312 labels on GBK text). Both are converted here,
// with glibc iconv, and never with replacement characters: text that cannot
// be decoded is refused with a CharsetError, never patched with U+FFFD.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace danju {

// what() says which charset was tried and at which byte it failed.
class CharsetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Decodes an order file of unknown charset. In this order: a byte order mark
// (UTF-8's is removed; UTF-16LE and UTF-16BE are converted), else the bytes
// as they are when they are well-formed UTF-8, else GB18030 (which contains
// GBK and GB2312, so all three read the same). When detected is given it
// receives the name of what was found: "UTF-8 with BOM", "UTF-16LE",
// "UTF-16BE", "UTF-8" or "GB18030". Throws CharsetError when none fits.
//
// Limitation: a short GBK file that happens to be well-formed UTF-8 is read
// as UTF-8; with real Chinese text this is practically never the case.
std::string to_utf8(std::string_view bytes, std::string* detected = nullptr);

// An order file decoded a block at a time, exactly as to_utf8 decodes it
// whole (the same detection, text and errors), with memory for a block
// however big the file. The constructor reads the whole file once when
// only that can tell its charset (no byte order mark: is all of it UTF-8?).
// Throws FileError when the file cannot be read, CharsetError as to_utf8
// does: from the constructor, or from next_block when the fault is found
// while decoding.
class FileDecoder {
 public:
  explicit FileDecoder(const std::string& path);
  ~FileDecoder();
  FileDecoder(const FileDecoder&) = delete;
  FileDecoder& operator=(const FileDecoder&) = delete;

  // The next block of UTF-8 text, of whole characters; empty at the end.
  std::string next_block();
  // Starts again at the beginning of the file.
  void rewind();
  // What to_utf8 reports as detected.
  const std::string& detected() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Decodes bytes that a label (a MIME charset parameter) names. The labels
// gb2312, gbk, cp936, x-gbk, euc-cn and gb18030 all decode as GB18030,
// because senders label GBK text as gb2312; utf-8, us-ascii, iso-8859-*,
// windows-125*, big5 and the other charsets iconv knows decode as named.
// The label is matched without regard to case, blanks or quotes. Throws
// CharsetError for an unknown label and for bytes the charset cannot decode.
std::string decode_charset(std::string_view bytes, std::string label);

}  // namespace danju
