#define BOOST_TEST_MODULE render_line_breaker
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "render/font_set.h"
#include "render/line_breaker.h"

using danju::break_lines;
using danju::FontSet;
using Lines = std::vector<std::string>;

namespace {

const FontSet& fonts() {
  static auto loaded = FontSet::load(
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
      {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0",
       "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"});
  return *loaded;
}

const double kSize = 10;

// The width of text at kSize, so that limits follow the real fonts.
double width(const std::string& text) { return fonts().width(text, kSize); }

Lines broken(const std::string& text, double max_width) {
  return break_lines(fonts(), text, kSize, max_width);
}

}  // namespace

BOOST_AUTO_TEST_CASE(chinese_text_breaks_between_any_two_characters) {
  BOOST_TEST(broken("一二三四五六七", width("一二三")) ==
                 (Lines{"一二三", "四五六", "七"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(text_that_fits_is_one_line) {
  BOOST_TEST(broken("客户：王喆", 500) == (Lines{"客户：王喆"}),
             boost::test_tools::per_element());
  BOOST_TEST(broken("", 100).empty());
}

BOOST_AUTO_TEST_CASE(no_line_starts_with_closing_punctuation) {
  // Cut after three characters, the comma would begin line two.
  BOOST_TEST(broken("一二三，四五", width("一二三")) ==
                 (Lines{"一二", "三，四", "五"}),
             boost::test_tools::per_element());
  for (std::string mark : {"。", "、", "；", "：", "？", "！", "）", "】", "》",
                           "」", "』", "”", "’"}) {
    Lines lines = broken("一二三" + mark + "四", width("一二三"));
    BOOST_TEST_INFO("closing mark " << mark);
    BOOST_TEST(lines == (Lines{"一二", "三" + mark + "四"}),
               boost::test_tools::per_element());
  }
  for (std::string mark : {",", ".", ";", ":", "?", "!", ")", "]"}) {
    Lines lines = broken("一二三" + mark + "四", width("一二三"));
    BOOST_TEST_INFO("closing mark " << mark);
    BOOST_REQUIRE(lines.size() >= 2u);
    BOOST_TEST(lines[1].substr(0, mark.size()) != mark);
    BOOST_TEST(lines[0] == "一二");
  }
}

BOOST_AUTO_TEST_CASE(no_line_ends_with_opening_punctuation) {
  for (std::string mark : {"（", "【", "《", "「", "『", "“", "‘", "(", "["}) {
    Lines lines = broken("一二" + mark + "三四", width("一二（"));
    BOOST_TEST_INFO("opening mark " << mark);
    BOOST_TEST(lines == (Lines{"一二", mark + "三四"}),
               boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(latin_words_and_numbers_are_not_split) {
  double limit = width("订单ABCD");
  BOOST_REQUIRE(width("ABCDEF号") > limit);
  BOOST_TEST(broken("订单ABCDEF号", limit) == (Lines{"订单", "ABCDEF", "号"}),
             boost::test_tools::per_element());

  // Amounts and order numbers hold together with their marks.
  limit = width("¥239,733.00元") + 1;
  BOOST_TEST(broken("金额¥239,733.00元", limit) ==
                 (Lines{"金额", "¥239,733.00元"}),
             boost::test_tools::per_element());
  limit = width("GD-2026-0107") + 1;
  BOOST_TEST(broken("订单GD-2026-0107", limit) ==
                 (Lines{"订单", "GD-2026-0107"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(latin_text_breaks_at_spaces_which_vanish_there) {
  BOOST_TEST(broken("hello world foo bar", width("hello world")) ==
                 (Lines{"hello world", "foo bar"}),
             boost::test_tools::per_element());
  BOOST_TEST(broken("hello world", width("world")) ==
                 (Lines{"hello", "world"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_word_longer_than_the_line_is_split) {
  std::string word = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  double limit = width("ABCDEFG");
  Lines lines = broken(word, limit);
  BOOST_TEST(lines.size() > 4u);
  std::string joined;
  for (const auto& line : lines) {
    BOOST_TEST(width(line) <= limit + 1e-9);
    BOOST_TEST(!line.empty());
    joined += line;
  }
  BOOST_TEST(joined == word);

  // One character wider than the line still makes progress.
  BOOST_TEST(broken("一二", 1.0) == (Lines{"一", "二"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(explicit_line_breaks_are_kept) {
  BOOST_TEST(broken("一\n\n二三\r\n四", 500) == (Lines{"一", "", "二三", "四"}),
             boost::test_tools::per_element());
  BOOST_TEST(broken("一二三四\n五", width("一二")) ==
                 (Lines{"一二", "三四", "五"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_line_fits_and_no_text_is_lost) {
  const std::string text =
      "兹有客户（北京𠮷祥家居有限公司）订购实木餐桌 12 张、"
      "餐椅 48 把，合同金额¥239,733.00，交货期 2026-03-12。"
      "请审批人于三日内回复“同意”或“不同意”！Payment within 30 days.";
  for (double limit : {60.0, 95.5, 150.0, 333.0}) {
    Lines lines = broken(text, limit);
    std::string joined;
    for (const auto& line : lines) {
      BOOST_TEST_MESSAGE("limit " << limit << ": " << line);
      BOOST_TEST_INFO("limit " << limit << ", line " << line);
      BOOST_TEST(width(line) <= limit + 1e-9);
      for (std::string closing : {"，", "。", "、", "）", "”", "！", "."}) {
        BOOST_TEST(line.rfind(closing, 0) != 0u);
      }
      for (std::string opening : {"（", "“", "¥"}) {
        BOOST_TEST((line.size() < opening.size() ||
                    line.compare(line.size() - opening.size(), opening.size(),
                                 opening) != 0));
      }
      joined += line;
    }
    std::string expected;
    for (char c : text) {
      if (c != ' ') expected += c;
    }
    std::string joined_without_spaces;
    for (char c : joined) {
      if (c != ' ') joined_without_spaces += c;
    }
    BOOST_TEST(joined_without_spaces == expected);
  }
}

BOOST_AUTO_TEST_CASE(a_character_no_font_has_is_an_error) {
  BOOST_CHECK_THROW(broken("一二\xEE\x80\x80", 100), danju::MissingGlyphError);
}
