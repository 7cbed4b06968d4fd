// Charset detection of order files and decoding of labelled mail text.
#define BOOST_TEST_MODULE input_charset
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <string>

#include "core/file_io.h"
#include "input/charset.h"

using danju::CharsetError;
using danju::decode_charset;
using danju::to_utf8;

namespace {

std::string data_file(const std::string& name) {
  return danju::read_file(std::string(DANJU_TEST_DATA) + "/" + name);
}

bool has_replacement_character(const std::string& text) {
  return text.find("\xEF\xBF\xBD") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(utf8_file_with_bom_loses_the_mark) {
  std::string detected;
  const std::string text = to_utf8(data_file("C12a_utf8_bom.csv"), &detected);
  BOOST_TEST(detected == "UTF-8 with BOM");
  BOOST_TEST(text.substr(0, 9) == "订单号");
  BOOST_TEST(text.find("𠮷祥家居") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gb18030_file_keeps_the_four_byte_character) {
  std::string detected;
  const std::string text =
      to_utf8(data_file("C12b_gb18030_nobom.csv"), &detected);
  BOOST_TEST(detected == "GB18030");
  BOOST_TEST(text.find("\"𠮷祥家居\"") != std::string::npos);
  BOOST_TEST(!has_replacement_character(text));
}

BOOST_AUTO_TEST_CASE(gbk_file_reads_as_gb18030) {
  std::string detected;
  const std::string text = to_utf8(data_file("C12c_gbk_nobom.csv"), &detected);
  BOOST_TEST(detected == "GB18030");
  BOOST_TEST(text.substr(0, 31) == "订单号,客户名称,金额\r\n");
  BOOST_TEST(text.find("杭州某某家具\n有限公司") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(plain_utf8_is_returned_unchanged) {
  std::string detected;
  BOOST_TEST(to_utf8("订单号,金额\n", &detected) == "订单号,金额\n");
  BOOST_TEST(detected == "UTF-8");
}

BOOST_AUTO_TEST_CASE(utf16_with_either_byte_order_mark) {
  std::string detected;
  const std::string little = std::string("\xFF\xFE", 2) +
                             std::string("\x6D\x67\xDE\x5D\x42\xD8\xB7\xDF", 8);
  BOOST_TEST(to_utf8(little, &detected) == "杭州𠮷");
  BOOST_TEST(detected == "UTF-16LE");

  const std::string big = std::string("\xFE\xFF", 2) +
                          std::string("\x67\x6D\x5D\xDE\xD8\x42\xDF\xB7", 8);
  BOOST_TEST(to_utf8(big, &detected) == "杭州𠮷");
  BOOST_TEST(detected == "UTF-16BE");
}

BOOST_AUTO_TEST_CASE(undecodable_bytes_are_refused_with_their_offset) {
  // 0xFF never starts a GB18030 character.
  const std::string bytes = std::string("ab\xFF", 3) + "cd";
  try {
    to_utf8(bytes);
    BOOST_FAIL("undecodable bytes were accepted");
  } catch (const CharsetError& error) {
    const std::string message = error.what();
    BOOST_TEST(message.find("0xFF") != std::string::npos, message);
    BOOST_TEST(message.find("offset 2") != std::string::npos, message);
  }
}

BOOST_AUTO_TEST_CASE(utf8_cut_off_mid_character_names_where) {
  // An export cut short in its last character (a copy that did not end),
  // well past the first block a file is read in. Without a mark the bytes
  // are not all UTF-8, but they were written as UTF-8: the error names the
  // cut, not the first place GB18030 decoding trips over.
  std::string text;
  while (text.size() < 100000) text += "GD-2026-0107,宁波鸿达,58.80\n";
  const std::size_t cut_at = text.size();
  text += std::string("杭").substr(0, 2);
  const std::string expected =
      "is UTF-8 text, but byte " + std::to_string(cut_at) + " is not UTF-8";

  try {
    to_utf8(text);
    BOOST_FAIL("a cut character was accepted");
  } catch (const CharsetError& error) {
    BOOST_TEST(std::string(error.what()).find(expected) != std::string::npos,
               error.what());
  }

  const std::string path = "/tmp/danju-charset-cut-" +
                           std::to_string(::getpid()) + ".csv";
  danju::write_file_atomic(path, text);
  try {
    danju::FileDecoder decoder(path);
    BOOST_FAIL("a cut character was accepted");
  } catch (const CharsetError& error) {
    BOOST_TEST(std::string(error.what()).find(expected) != std::string::npos,
               error.what());
  }
  ::unlink(path.c_str());
}

BOOST_AUTO_TEST_CASE(gbk_text_that_starts_like_utf8_is_still_gbk) {
  // 唷啊 in GBK is E0 A1 B0 A1: its first three bytes are also a UTF-8
  // character, so GBK text may pass for UTF-8 for a character.
  const std::string gbk = "\xE0\xA1\xB0\xA1\xCD\xF5\x86\xB4";
  std::string detected;
  const std::string text = to_utf8(gbk, &detected);
  BOOST_TEST(detected == "GB18030");
  BOOST_TEST(text == "唷啊王喆", text);
}

BOOST_AUTO_TEST_CASE(bom_followed_by_broken_utf8_is_refused) {
  BOOST_CHECK_THROW(to_utf8(std::string("\xEF\xBB\xBF" "ab\xC3", 6)),
                    CharsetError);
}

BOOST_AUTO_TEST_CASE(gb2312_label_on_gbk_text_decodes_as_gb18030) {
  // 喆 is in GBK but not in GB2312: a strict GB2312 decoder would fail.
  const std::string bytes = "\xCD\xAC\xD2\xE2\xA1\xA3\xCD\xF5\x86\xB4";
  for (const char* label : {"gb2312", "GB2312", "\"gbk\"", "cp936", "x-gbk",
                            "GB18030"}) {
    const std::string text = decode_charset(bytes, label);
    BOOST_TEST(text == "同意。王喆", label);
    BOOST_TEST(!has_replacement_character(text));
  }
}

BOOST_AUTO_TEST_CASE(other_labels_decode_through_iconv) {
  BOOST_TEST(decode_charset("\xA6\x58\xA6\x50", "big5") == "合同");
  BOOST_TEST(decode_charset("Gr\xFC\xDF" "e", "iso-8859-1") == "Grüße");
  BOOST_TEST(decode_charset("Caf\xE9 \x80" "5", "windows-1252") ==
             "Café €5");
  BOOST_TEST(decode_charset("plain", "us-ascii") == "plain");
  BOOST_TEST(decode_charset("合同", "UTF-8") == "合同");
}

BOOST_AUTO_TEST_CASE(unknown_labels_and_bad_bytes_throw) {
  BOOST_CHECK_THROW(decode_charset("abc", "klingon-8"), CharsetError);
  BOOST_CHECK_THROW(decode_charset("abc", "utf-8//IGNORE"), CharsetError);
  BOOST_CHECK_THROW(decode_charset("caf\xE9", "us-ascii"), CharsetError);
  BOOST_CHECK_THROW(decode_charset("caf\xE9", "utf-8"), CharsetError);
  // A lead byte with nothing after it.
  BOOST_CHECK_THROW(decode_charset("\xCD", "gbk"), CharsetError);
}
