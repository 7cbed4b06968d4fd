// The RFC 4180 reader, on the handed Excel exports and on edge cases.
#define BOOST_TEST_MODULE input_csv
#include <boost/test/unit_test.hpp>

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
