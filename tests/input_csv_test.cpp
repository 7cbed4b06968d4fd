// The RFC 4180 reader, on the handed Excel exports and on edge cases.
#define BOOST_TEST_MODULE input_csv
#include <boost/test/unit_test.hpp>

#include <iconv.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/money.h"
#include "input/charset.h"
#include "input/csv_reader.h"

using danju::CsvError;
using danju::CsvTable;
using danju::read_csv;

namespace {

CsvTable read_data_file(const std::string& name) {
  const std::string bytes =
      danju::read_file(std::string(DANJU_TEST_DATA) + "/" + name);
  return read_csv(danju::to_utf8(bytes));
}

std::int64_t fen_of(const std::string& text) {
  std::string error;
  const auto money = danju::parse_money(text, &error);
  BOOST_REQUIRE_MESSAGE(money, text + ": " + error);
  return money->fen();
}

void check_handed_file(const std::string& name, const std::string& first) {
  const CsvTable table = read_data_file(name);
  const std::vector<std::string> header = {"订单号", "客户名称", "金额"};
  BOOST_TEST(table.header == header, boost::test_tools::per_element());
  BOOST_TEST(table.header[0].find("\xEF\xBB\xBF") == std::string::npos);
  BOOST_REQUIRE_EQUAL(table.records.size(), 2u);

  BOOST_TEST(table.records[0].line == 2);
  BOOST_TEST(table.records[0].fields[0] == "202408150000012345");
  BOOST_TEST(table.records[0].fields[1] == first);
  BOOST_TEST(fen_of(table.records[0].fields[2]) == 100500);

  BOOST_TEST(table.records[1].line == 3);
  BOOST_TEST(table.records[1].fields[1] == "杭州某某家具\n有限公司");
  BOOST_TEST(fen_of(table.records[1].fields[2]) == 1005000);
}

}  // namespace

BOOST_AUTO_TEST_CASE(utf8_export_with_bom) {
  check_handed_file("C12a_utf8_bom.csv", "𠮷祥家居");
}

BOOST_AUTO_TEST_CASE(gb18030_export_without_bom) {
  check_handed_file("C12b_gb18030_nobom.csv", "𠮷祥家居");
}

BOOST_AUTO_TEST_CASE(gbk_export_without_bom) {
  // GBK has no 𠮷; this export has 李 in its place.
  const CsvTable table = read_data_file("C12c_gbk_nobom.csv");
  check_handed_file("C12c_gbk_nobom.csv", table.records.at(0).fields.at(1));
  BOOST_TEST(table.records[0].fields[1].substr(0, 3) == "李");
}

BOOST_AUTO_TEST_CASE(quoted_commas_quotes_and_newlines) {
  const CsvTable table = read_csv(
      "a,b,c\r\n"
      "\"1,005.00\",\"he said \"\"yes\"\"\",\"two\r\nlines\"\r\n"
      "x,,\n");
  BOOST_REQUIRE_EQUAL(table.records.size(), 2u);
  const std::vector<std::string> first = {"1,005.00", "he said \"yes\"",
                                          "two\nlines"};
  BOOST_TEST(table.records[0].fields == first,
             boost::test_tools::per_element());
  BOOST_TEST(table.records[1].line == 4);
  const std::vector<std::string> second = {"x", "", ""};
  BOOST_TEST(table.records[1].fields == second,
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(blank_lines_are_skipped_but_counted) {
  const CsvTable table = read_csv("h1,h2\n\n1,2\r\n\r\n\"3\n\n4\",5\n6,7");
  BOOST_REQUIRE_EQUAL(table.records.size(), 3u);
  BOOST_TEST(table.records[0].line == 3);
  BOOST_TEST(table.records[1].line == 5);
  BOOST_TEST(table.records[1].fields[0] == "3\n\n4");
  BOOST_TEST(table.records[2].line == 8);
  BOOST_TEST(table.records[2].fields[1] == "7");
}

BOOST_AUTO_TEST_CASE(old_mac_line_ends) {
  const CsvTable table = read_csv("h1,h2\r1,2\r3,4\r");
  BOOST_REQUIRE_EQUAL(table.records.size(), 2u);
  BOOST_TEST(table.records[1].line == 3);
  BOOST_TEST(table.records[1].fields[0] == "3");
}

BOOST_AUTO_TEST_CASE(leading_byte_order_mark_is_dropped) {
  const CsvTable table = read_csv("\xEF\xBB\xBF订单号,金额\n1,2\n");
  BOOST_TEST(table.header[0] == "订单号");
  BOOST_TEST(table.header_line == 1);
}

BOOST_AUTO_TEST_CASE(unclosed_quote_names_the_line_it_opened_on) {
  try {
    read_csv("h\n1\n\"never\nclosed\n");
    BOOST_FAIL("an unclosed quote was accepted");
  } catch (const CsvError& error) {
    BOOST_TEST(error.line() == 3);
    BOOST_TEST(std::string(error.what()).find("line 3:") == 0u);
  }
}

BOOST_AUTO_TEST_CASE(text_after_a_closing_quote_is_refused) {
  BOOST_CHECK_THROW(read_csv("h\n\"abc\"x,1\n"), CsvError);
}

BOOST_AUTO_TEST_CASE(empty_text_has_no_header) {
  const CsvTable table = read_csv("");
  BOOST_TEST(table.header.empty());
  BOOST_TEST(table.records.empty());
}

namespace {

std::string encode(const std::string& utf8, const char* charset) {
  iconv_t to = iconv_open(charset, "UTF-8");
  BOOST_REQUIRE(to != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* next = out.data();
  std::size_t out_left = out.size();
  BOOST_REQUIRE(iconv(to, &in, &in_left, &next, &out_left) !=
                static_cast<std::size_t>(-1));
  iconv_close(to);
  out.resize(out.size() - out_left);
  return out;
}

// A file of these bytes, removed at the end.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& bytes) {
    char pattern[] = "/tmp/danju-csv-XXXXXX";
    const int fd = mkstemp(pattern);
    BOOST_REQUIRE(fd >= 0);
    close(fd);
    path = pattern;
    danju::write_file_atomic(path, bytes);
  }
  ~TempFile() { unlink(path.c_str()); }
};

// Some 300 KB of records with Chinese text, quoted commas and line breaks
// and a four-byte character, so that blocks end inside characters and
// records.
std::string big_export() {
  std::string text = "订单号,客户名称,备注\r\n";
  for (int n = 0; n < 3000; ++n) {
    text += "LP" + std::to_string(100000 + n) + ",宁波鸿达贸易有限公司" +
            std::string(n % 7, 'x') + ",\"第一行，\"\"引号\"\"\n𠮷第二行\"\r\n";
    if (n % 100 == 0) text += "\r\n";
  }
  return text;
}

void check_same_records(const std::string& bytes) {
  const CsvTable whole = read_csv(danju::to_utf8(bytes));
  TempFile file(bytes);
  danju::CsvFileSource source(file.path);
  BOOST_TEST(source.header() == whole.header,
             boost::test_tools::per_element());
  BOOST_TEST(source.header_line() == whole.header_line);
  for (int pass = 0; pass < 2; ++pass) {
    danju::CsvRecord record;
    std::size_t n = 0;
    while (source.next(&record)) {
      BOOST_REQUIRE(n < whole.records.size());
      BOOST_TEST(record.line == whole.records[n].line);
      BOOST_TEST(record.fields == whole.records[n].fields,
                 boost::test_tools::per_element());
      ++n;
    }
    BOOST_TEST(n == whole.records.size());
    source.rewind();
  }
}

template <typename Error>
std::string error_of(const std::function<void()>& read) {
  try {
    read();
  } catch (const Error& error) {
    return error.what();
  }
  return "(nothing thrown)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_file_read_block_by_block_reads_as_the_whole_text) {
  const std::string text = big_export();
  check_same_records(text);
  check_same_records("\xEF\xBB\xBF" + text);
  check_same_records(encode(text, "GB18030"));
  check_same_records("\xFF\xFE" + encode(text, "UTF-16LE"));
  check_same_records("h1,h2\r1,2\r3,4\r");
  check_same_records("");
}

BOOST_AUTO_TEST_CASE(a_quoted_cell_of_megabytes_reads_whole) {
  // A cell spanning dozens of blocks, with line breaks, doubled quotes and
  // characters cut by the blocks' ends, between ordinary records.
  std::string cell;
  for (int n = 0; cell.size() < 3000000; ++n) {
    cell += "第" + std::to_string(n) + "行，\"\"说明\"\"𠮷\r\n";
  }
  const std::string text = "订单号,备注,金额\r\nLP1,短,1\r\nLP2,\"" + cell +
                           "\",2\r\nLP3,\"" + cell + cell + "\",3\r\n" +
                           "LP4,短,4\r\n";
  check_same_records(text);
  check_same_records("\xEF\xBB\xBF" + text);

  TempFile file(text);
  danju::CsvFileSource source(file.path);
  danju::CsvRecord record;
  std::vector<std::string> amounts;
  while (source.next(&record)) amounts.push_back(record.fields.at(2));
  BOOST_TEST(amounts == (std::vector<std::string>{"1", "2", "3", "4"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_fault_deep_in_a_file_is_reported_as_for_the_whole) {
  const std::string gb = encode(big_export(), "GB18030") + "LP1,\x81\x20\r\n";
  TempFile broken(gb);
  const std::string expected = error_of<danju::CharsetError>(
      [&] { danju::to_utf8(gb); });
  BOOST_TEST(expected.find("offset") != std::string::npos);
  BOOST_TEST(error_of<danju::CharsetError>([&] {
               danju::CsvFileSource source(broken.path);
               danju::CsvRecord record;
               while (source.next(&record)) {
               }
             }) == expected);

  const std::string unclosed = big_export() + "LP2,\"never\nclosed\n";
  TempFile quote(unclosed);
  danju::CsvFileSource source(quote.path);
  danju::CsvRecord record;
  BOOST_TEST(error_of<CsvError>([&] {
               while (source.next(&record)) {
               }
             }) == error_of<CsvError>([&] { read_csv(unclosed); }));
}
