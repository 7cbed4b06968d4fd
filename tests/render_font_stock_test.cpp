// A template's wording is embedded as one stock font, the same bytes in
// every document made from it; each document's own subset holds only the
// glyphs of its values. Read back with qpdf (tests/fixtures/pdf_fonts.py)
// and pdftotext.
#define BOOST_TEST_MODULE render_font_stock
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/money.h"
#include "core/text.h"
#include "fixtures/child_process.h"
#include "fixtures/python_check.h"
#include "fixtures/renderer_settings.h"
#include "render/document_renderer.h"

using namespace danju;

namespace {

Order order_for(const std::string& customer, const std::string& product) {
  Order o;
  o.order_no = "GD-2026-0311";
  o.contract_no = "HT-2026-0311";
  o.shipment_no = "FH-2026-0311";
  o.line = BusinessLine::gift;
  o.status = OrderStatus::confirmed;
  o.date = "2026-11-20";
  o.ship_date = "2026-12-20";
  o.department = "礼品事业部";
  o.salesperson = "陈晓东";
  o.customer = {customer, "王伟", "13900000000", "宁波市鄞州区天童路88号"};
  o.payment_terms = "预付30%";
  o.prepayment_pct = 30;
  o.items.push_back({product, "500ml", "只", 120, Money(5880)});
  return o;
}

struct EmbeddedFont {
  std::string name;          // "ABCDEF+WenQuanYiMicroHei"
  std::string program_hash;  // SHA-256 of the compressed program
  std::u32string characters;
};

struct Made {
  std::vector<EmbeddedFont> fonts;
  std::u32string text;  // pdftotext's, without blanks
};

Made make(const DocumentRenderer& renderer, const Order& order,
          const std::string& name) {
  const Company company{"杭州丹聚定制科技有限公司", "杭州市余杭区文一西路998号",
                        "0571-8888 6600", "", "", ""};
  DocumentRequest request;
  request.kind = DocumentKind::contract_approval;
  request.order = &order;
  request.company = &company;
  request.document_no = "SP-2026-0311";
  request.version = 1;
  request.content_hash = std::string(64, 'a');
  request.date = "2026-12-04";
  request.approvals = {{"部门负责人意见", "张伟", "同意", "2026-12-04 09:30"},
                       {"法务意见", "", "", ""}};
  const std::string path = "/tmp/danju-stock-" + std::to_string(getpid()) +
                           "-" + name + ".pdf";
  write_file_atomic(path, renderer.render_pdf(request));

  Made made;
  const auto listed = testing::run_python(
      {std::string(DANJU_SOURCE_DIR) + "/tests/fixtures/pdf_fonts.py", path});
  BOOST_REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
  for (const std::string& line : split(listed.out, '\n')) {
    if (line.empty()) continue;
    const std::vector<std::string> parts = split(line, '\t');
    BOOST_REQUIRE(parts.size() == 3);
    made.fonts.push_back({parts[0], parts[1], decode_utf8(parts[2])});
  }

  testing::ChildProcess text("/usr/bin/pdftotext",
                             {"-enc", "UTF-8", path, "-"});
  std::string out, err;
  BOOST_REQUIRE(text.wait(&out, &err) == 0);
  for (char32_t c : decode_utf8(out)) {
    if (c != U' ' && c != U'\n' && c != U'\f' && c != U'\u3000') {
      made.text += c;
    }
  }
  std::remove(path.c_str());
  return made;
}

bool is_cjk_font(const EmbeddedFont& font) {
  return font.name.find("WenQuanYi") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(documents_of_one_template_share_its_stock_font) {
  const DocumentRenderer renderer(testing::shipped_renderer_settings());
  const Made first = make(
      renderer, order_for("宁波瑞丰实业有限公司", "定制保温杯"), "first");
  const Made second = make(renderer, order_for("合肥鸿达电子科技公司",
                                               "烫金笔记本"),
                           "second");

  // Each has two Chinese fonts: the stock and its own subset.
  std::map<std::string, std::string> first_cjk, second_cjk;
  for (const auto& font : first.fonts) {
    if (is_cjk_font(font)) first_cjk[font.name] = font.program_hash;
  }
  for (const auto& font : second.fonts) {
    if (is_cjk_font(font)) second_cjk[font.name] = font.program_hash;
  }
  BOOST_TEST(first_cjk.size() == 2u);
  BOOST_TEST(second_cjk.size() == 2u);

  // Exactly one of them is the same font, byte for byte, in both.
  int shared = 0;
  for (const auto& [name, hash] : first_cjk) {
    const auto other = second_cjk.find(name);
    if (other != second_cjk.end() && other->second == hash) ++shared;
  }
  BOOST_TEST(shared == 1);
}

BOOST_AUTO_TEST_CASE(each_glyph_is_embedded_once_and_drawn) {
  const DocumentRenderer renderer(testing::shipped_renderer_settings());
  const Made made = make(renderer, order_for("宁波瑞丰实业有限公司",
                                             "定制保温杯"),
                         "once");

  // No character is in two fonts: the stock's glyphs are not repeated in
  // the document's own subset.
  std::multiset<char32_t> all;
  for (const auto& font : made.fonts) {
    all.insert(font.characters.begin(), font.characters.end());
  }
  for (char32_t c : all) {
    BOOST_TEST_CHECK(all.count(c) == 1u,
                     "U+" << std::hex << static_cast<unsigned>(c)
                          << " is embedded more than once");
  }

  // The title is the template's wording, so it comes from the stock, and
  // the customer's name from the document's own subset.
  const std::u32string title = U"审批单";
  const std::u32string customer = U"瑞丰";
  for (const auto& font : made.fonts) {
    if (!is_cjk_font(font)) continue;
    const bool has_title =
        font.characters.find(title[0]) != std::u32string::npos;
    const bool has_customer =
        font.characters.find(customer[0]) != std::u32string::npos;
    BOOST_TEST(has_title != has_customer);
  }

  // Every embedded character is printed: the subsets stay compact.
  for (const auto& font : made.fonts) {
    for (char32_t c : font.characters) {
      if (c == U' ' || c == U'\u3000') continue;
      BOOST_TEST_CHECK(made.text.find(c) != std::u32string::npos,
                       font.name << " holds U+" << std::hex
                                 << static_cast<unsigned>(c)
                                 << ", which the page does not show");
    }
  }

  // And the text reads back whole where stock and own glyphs meet.
  BOOST_TEST((made.text.find(U"宁波瑞丰实业有限公司定制产品购销合同") !=
              std::u32string::npos));
  BOOST_TEST((made.text.find(U"合同审批单") != std::u32string::npos));
}
