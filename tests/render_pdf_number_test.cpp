#define BOOST_TEST_MODULE render_pdf_number
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#include "render/pdf_number.h"

namespace {

std::string number(double value, int decimals = 2) {
  std::string out;
  danju::append_pdf_number(out, value, decimals);
  return out;
}

// What printf makes of the same rounding, trimmed the same way.
std::string by_printf(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;
  char buffer[64];
  int length = std::snprintf(buffer, sizeof buffer, "%.*f", decimals,
                             rounded);
  std::string out(buffer, static_cast<std::size_t>(length));
  if (decimals > 0) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(trims_zeros_and_rounds) {
  BOOST_TEST(number(12.5) == "12.5");
  BOOST_TEST(number(3.0) == "3");
  BOOST_TEST(number(0) == "0");
  BOOST_TEST(number(-0.0001) == "0");
  BOOST_TEST(number(-0.004) == "0");
  BOOST_TEST(number(-12.345, 2) == "-12.35");
  BOOST_TEST(number(595.2756, 2) == "595.28");
  BOOST_TEST(number(0.333333, 3) == "0.333");
  BOOST_TEST(number(1.05, 1) == "1.1");
  BOOST_TEST(number(7.0001, 0) == "7");
  BOOST_TEST(number(0.000001, 6) == "0.000001");
  BOOST_TEST(number(10.10, 2) == "10.1");
  BOOST_TEST(number(100, 2) == "100");
}

BOOST_AUTO_TEST_CASE(never_writes_what_a_reader_rejects) {
  BOOST_TEST(number(std::numeric_limits<double>::quiet_NaN()) == "0");
  BOOST_TEST(number(std::numeric_limits<double>::infinity()) == "0");
  BOOST_TEST(number(1e300) == "0");
  BOOST_TEST(number(2.5, -3) == "3");
  BOOST_TEST(number(2.1234567, 9) == "2.123457");
}

BOOST_AUTO_TEST_CASE(agrees_with_printf_on_page_coordinates) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> coordinate(-1000.0, 2000.0);
  for (int i = 0; i < 20000; ++i) {
    const double value = coordinate(random);
    for (int decimals : {0, 2, 3}) {
      BOOST_TEST_REQUIRE(number(value, decimals) == by_printf(value, decimals),
                         "value " << value << " decimals " << decimals);
    }
  }
}
