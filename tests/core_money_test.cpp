// Money parsing, formatting and capitals, against the voucher-writing rules.
#define BOOST_TEST_MODULE core_money
#include <boost/test/unit_test.hpp>

#include <string>

#include "core/money.h"

using danju::Money;

namespace {

Money parse(const std::string& text) {
  std::string error;
  const auto money = danju::parse_money(text, &error);
  BOOST_REQUIRE_MESSAGE(money, text + ": " + error);
  return *money;
}

std::string capitals(const std::string& text) {
  return danju::rmb_capitals(parse(text));
}

std::string rejection(const std::string& text) {
  std::string error;
  const auto money = danju::parse_money(text, &error);
  BOOST_CHECK_MESSAGE(!money, text + " was accepted");
  return error;
}

}  // namespace

BOOST_AUTO_TEST_CASE(capitals_follow_the_voucher_rules) {
  const std::pair<const char*, const char*> rows[] = {
      {"100000", "壹拾万元整"},
      {"110000", "壹拾壹万元整"},
      {"10.00", "壹拾元整"},
      {"100000000", "壹亿元整"},
      {"1000000000.01", "壹拾亿元零壹分"},
      {"100010000", "壹亿零壹万元整"},
      {"10000005", "壹仟万零伍元整"},
      {"1005", "壹仟零伍元整"},
      {"10050", "壹万零伍拾元整"},
      {"1409.50", "壹仟肆佰零玖元伍角整"},
      {"6007.14", "陆仟零柒元壹角肆分"},
      {"16409.02", "壹万陆仟肆佰零玖元零贰分"},
      {"54106.38", "伍万肆仟壹佰零陆元叁角捌分"},
      {"10000.21", "壹万元贰角壹分"},
      {"0.29", "贰角玖分"},
      {"1.15", "壹元壹角伍分"},
      {"1.00", "壹元整"},
      {"0.00", "零元整"},
      {"0.01", "壹分"},
      {"0.5", "伍角整"},
      {"１，２３４．５０", "壹仟贰佰叁拾肆元伍角整"},
  };
  for (const auto& [input, expected] : rows) {
    BOOST_TEST(capitals(input) == expected, input);
  }
}

BOOST_AUTO_TEST_CASE(capitals_above_one_hundred_million) {
  BOOST_TEST(danju::rmb_capitals(Money(100000000000000LL * 100)) ==
             "壹佰万亿元整");
  BOOST_TEST(danju::rmb_capitals(Money(1200000000000LL * 100)) ==
             "壹万贰仟亿元整");
  BOOST_TEST(danju::rmb_capitals(Money(1000000010000LL * 100)) ==
             "壹万亿零壹万元整");
  BOOST_TEST(danju::rmb_capitals(Money(2000300000LL * 100)) ==
             "贰拾亿零叁拾万元整");
}

BOOST_AUTO_TEST_CASE(amounts_are_never_rounded_or_negative) {
  BOOST_TEST(rejection("1.005").find("more than two decimals") == 0);
  BOOST_TEST(rejection("-0.30").find("negative") == 0);
  BOOST_TEST(rejection("－12").find("negative") == 0);
  BOOST_TEST(rejection("1.2E+5").find("not an amount") == 0);
  BOOST_TEST(rejection("12,34.00").find("not an amount") == 0);
  BOOST_TEST(rejection("").find("empty") == 0);
  BOOST_TEST(rejection("12.").find("not an amount") == 0);
  BOOST_CHECK_THROW(danju::rmb_capitals(Money(-1)), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(parsing_accepts_what_spreadsheets_write) {
  BOOST_TEST(parse("1,005.00").fen() == 100500);
  BOOST_TEST(parse(" ¥12.3 ").fen() == 1230);
  BOOST_TEST(parse("￥1,234,567.89").fen() == 123456789);
  BOOST_TEST(parse("54106.38").fen() == 5410638);
  BOOST_TEST(parse("8元").fen() == 800);
  std::string error;
  const auto negative = danju::parse_money("-500.00", &error, true);
  BOOST_REQUIRE(negative);
  BOOST_TEST(negative->fen() == -50000);
}

BOOST_AUTO_TEST_CASE(figures_carry_thousands_separators) {
  BOOST_TEST(danju::format_yuan(Money(23973300)) == "¥239,733.00");
  BOOST_TEST(danju::format_plain(Money(5)) == "0.05");
  BOOST_TEST(danju::format_plain(Money(100000000)) == "1,000,000.00");
  BOOST_TEST(danju::format_yuan(Money(-50000)) == "-¥500.00");
  BOOST_TEST(Money(1000).percent(30).fen() == 300);
  BOOST_TEST(Money(1005).percent(30).fen() == 302);
}
