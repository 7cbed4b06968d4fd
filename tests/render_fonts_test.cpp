#define BOOST_TEST_MODULE render_fonts
#include <boost/test/unit_test.hpp>

#include <hb.h>

#include <memory>
#include <string>

#include "render/font_set.h"

using danju::FontSet;
using danju::GlyphRun;
using danju::MissingGlyphError;

namespace {

const std::string kLatin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const std::string kMicroHei =
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0";
const std::string kHanaMinB =
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf";

const FontSet& fonts() {
  static auto loaded = FontSet::load(kLatin, {kMicroHei, kHanaMinB});
  return *loaded;
}

// The advance of one character read straight from the font file, in
// points at size, independently of FontSet.
double advance_in_file(const std::string& file, unsigned index, char32_t c,
                       double size) {
  hb_blob_t* blob = hb_blob_create_from_file(file.c_str());
  hb_face_t* face = hb_face_create(blob, index);
  hb_font_t* font = hb_font_create(face);
  unsigned upem = hb_face_get_upem(face);
  hb_font_set_scale(font, upem, upem);
  hb_codepoint_t glyph = 0;
  BOOST_REQUIRE(hb_font_get_nominal_glyph(font, c, &glyph));
  double advance = hb_font_get_glyph_h_advance(font, glyph) * size / upem;
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return advance;
}

int face_of(const std::string& utf8) {
  auto runs = fonts().shape(utf8, 10);
  BOOST_REQUIRE_EQUAL(runs.size(), 1u);
  return runs[0].face;
}

}  // namespace

BOOST_AUTO_TEST_CASE(latin_text_comes_from_the_latin_font) {
  BOOST_TEST(face_of("A") == 0);
  BOOST_TEST(face_of("7") == 0);
  BOOST_TEST(face_of("¥") == 0);
  BOOST_TEST(face_of("é") == 0);
}

BOOST_AUTO_TEST_CASE(chinese_text_comes_from_the_first_cjk_font) {
  BOOST_TEST(face_of("客户") == 1);
  // Full-width punctuation is in DejaVu Sans too, but looks right only in
  // the Chinese font.
  BOOST_TEST(face_of("：") == 1);
  BOOST_TEST(face_of("、") == 1);
}

BOOST_AUTO_TEST_CASE(a_character_the_first_cjk_font_lacks_falls_back) {
  // U+20BB7 is not in WenQuanYi Micro Hei but is in HanaMinB.
  BOOST_TEST(face_of("𠮷") == 2);
}

BOOST_AUTO_TEST_CASE(shape_groups_characters_into_runs_of_one_face) {
  auto runs = fonts().shape("客户A1𠮷祥", 12);
  BOOST_REQUIRE_EQUAL(runs.size(), 4u);
  BOOST_TEST(runs[0].face == 1);
  BOOST_TEST(runs[0].glyphs.size() == 2u);
  BOOST_TEST((runs[0].text == U"客户"));
  BOOST_TEST(runs[1].face == 0);
  BOOST_TEST((runs[1].text == U"A1"));
  BOOST_TEST(runs[2].face == 2);
  BOOST_TEST((runs[2].text == U"𠮷"));
  BOOST_TEST(runs[3].face == 1);
  for (const GlyphRun& run : runs) {
    for (auto glyph : run.glyphs) BOOST_TEST(glyph != 0u);
  }
}

BOOST_AUTO_TEST_CASE(widths_are_the_advances_in_the_font_files) {
  double a = advance_in_file(kLatin, 0, U'A', 9.5);
  double ke = advance_in_file(
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, U'客', 9.5);
  double ji = advance_in_file(kHanaMinB, 0, U'𠮷', 9.5);
  BOOST_TEST(a > 5.0);  // DejaVu's A is 0.684 em
  BOOST_TEST(a < 7.0);

  BOOST_TEST(fonts().width("A", 9.5) == a, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(fonts().width("客A𠮷", 9.5) == ke + a + ji,
             boost::test_tools::tolerance(1e-9));

  auto runs = fonts().shape("客A", 9.5);
  BOOST_REQUIRE_EQUAL(runs.size(), 2u);
  BOOST_TEST(runs[0].width == ke, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(runs[1].width == a, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_character_no_font_has_is_an_error_naming_it) {
  for (char32_t missing : {char32_t(0xE000), char32_t(0x10FFFD)}) {
    std::string text = "客户";
    if (missing == 0xE000) {
      text += "\xEE\x80\x80";
    } else {
      text += "\xF4\x8F\xBF\xBD";
    }
    BOOST_TEST(fonts().first_missing(text) == missing);
    try {
      fonts().shape(text, 10);
      BOOST_FAIL("shape drew a character no font has");
    } catch (const MissingGlyphError& error) {
      BOOST_TEST(error.code_point() == missing);
      std::string expected = missing == 0xE000 ? "U+E000" : "U+10FFFD";
      BOOST_TEST(std::string(error.what()).find(expected) !=
                 std::string::npos);
    }
    BOOST_CHECK_THROW(fonts().width(text, 10), MissingGlyphError);
  }
  BOOST_TEST(fonts().first_missing("客户：王喆") == 0u);
}

BOOST_AUTO_TEST_CASE(without_the_fallback_font_the_rare_character_is_named) {
  auto two = FontSet::load(kLatin, {kMicroHei});
  try {
    two->shape("客户：𠮷祥家居", 10);
    BOOST_FAIL("U+20BB7 was drawn without a font that has it");
  } catch (const MissingGlyphError& error) {
    BOOST_TEST(error.code_point() == 0x20BB7u);
    BOOST_TEST(std::string(error.what()).find("U+20BB7 (𠮷)") !=
               std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(metrics_come_from_the_first_cjk_face) {
  BOOST_TEST(fonts().ascent() > 0.7);
  BOOST_TEST(fonts().ascent() < 1.2);
  BOOST_TEST(fonts().descent() > 0.0);
  BOOST_TEST(fonts().descent() < 0.4);
}

BOOST_AUTO_TEST_CASE(an_unreadable_font_is_an_error_naming_the_file) {
  try {
    FontSet::load("/nonexistent/NoSuch.ttf", {kMicroHei});
    BOOST_FAIL("a missing font file was accepted");
  } catch (const std::runtime_error& error) {
    BOOST_TEST(std::string(error.what()).find("/nonexistent/NoSuch.ttf") !=
               std::string::npos);
  }
  try {
    FontSet::load(kLatin,
                  {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#7"});
    BOOST_FAIL("a face beyond the collection was accepted");
  } catch (const std::runtime_error& error) {
    BOOST_TEST(std::string(error.what()).find("#7") != std::string::npos);
  }
  const std::string bad_number =
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#x";
  BOOST_CHECK_THROW(FontSet::load(kLatin, {bad_number}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(text_that_is_not_utf8_is_refused) {
  BOOST_CHECK_THROW(fonts().shape("abc\xFF", 10), std::invalid_argument);
}
