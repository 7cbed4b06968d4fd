// The paper code as a QR code: its rectangles cover exactly the dark
// modules, and on every kind of paper the printed code, rasterised at
// 300 dpi with poppler's pdftoppm, is read back by zbar's zbarimg as the
// code's text.
#define BOOST_TEST_MODULE render_qr
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <utility>

#include "core/file_io.h"
#include "core/paper_code.h"
#include "fixtures/pdf_tools.h"
#include "fixtures/project_renderer.h"
#include "render/document_renderer.h"
#include "render/document_template.h"
#include "render/qr_code.h"

using namespace danju;

namespace {

const char kHash[] =
    "9c518c851fb0a94ab4f1c6b1e3f0d8e8a7c1b2c3d4e55d41402abc4b2a76b971";

const DocumentRenderer& renderer() {
  return danju::testing::project_renderer();
}

Order order_of(BusinessLine line) {
  Order o;
  o.order_no = "LP202600042";
  o.contract_no = "HT-LP-00042";
  o.shipment_no = "FH-LP-00042";
  o.line = line;
  o.status = OrderStatus::confirmed;
  o.date = "2026-12-01";
  o.ship_date = "2026-12-20";
  o.customer.name = "宁波鸿达贸易有限公司";
  o.salesperson = "陈晓东";
  LineItem item;
  item.name = "定制保温杯";
  item.spec = "500ml";
  item.unit = "只";
  item.quantity = 100;
  item.unit_price = Money(5880);
  o.items = {item};
  return o;
}

// What zbarimg reads from the paper's first page.
std::string decoded_code(const std::string& pdf, const std::string& name) {
  const std::string path = "/tmp/danju-qr-" + std::to_string(getpid()) +
                           "-" + name + ".pdf";
  write_file_atomic(path, pdf);
  const std::string text = danju::testing::qr_text_on_first_page(path);
  std::remove(path.c_str());
  return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(rectangles_cover_exactly_the_dark_modules) {
  const QrCode code = QrCode::encode("DANJU1|SP-HT-LP-00042|v2|9c518c851fb0");
  BOOST_REQUIRE_GE(code.size(), 21);
  // One point a module, quiet zone included, so module (c, r) is the unit
  // square whose centre is (4 + c + 0.5, side - 4 - r - 0.5).
  const double side = code.size() + 2 * kQrQuietModules;
  const std::vector<QrRect> rects = qr_rectangles(code, 0, 0, side);

  std::set<std::pair<int, int>> covered;
  for (const QrRect& rect : rects) {
    for (double y = rect.y + 0.5; y < rect.y + rect.h; y += 1) {
      for (double x = rect.x + 0.5; x < rect.x + rect.w; x += 1) {
        const int column = static_cast<int>(std::floor(x)) - kQrQuietModules;
        const int row = static_cast<int>(side - kQrQuietModules -
                                         std::floor(y)) - 1;
        BOOST_CHECK_MESSAGE(covered.insert({column, row}).second,
                            "module covered twice");
      }
    }
  }
  int dark = 0;
  for (int row = 0; row < code.size(); ++row) {
    for (int column = 0; column < code.size(); ++column) {
      if (!code.dark(column, row)) continue;
      ++dark;
      BOOST_CHECK(covered.count({column, row}) == 1);
    }
  }
  BOOST_TEST(covered.size() == static_cast<std::size_t>(dark));
  // Merged runs: far fewer rectangles than dark modules.
  BOOST_TEST(rects.size() * 2 < static_cast<std::size_t>(dark));
}

BOOST_AUTO_TEST_CASE(text_a_code_cannot_hold_is_refused) {
  BOOST_CHECK_THROW(QrCode::encode(""), std::invalid_argument);
  BOOST_CHECK_THROW(QrCode::encode(std::string(4000, 'x')),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(every_kind_prints_a_code_that_reads_back) {
  const Company seller{"杭州丹聚定制科技有限公司", "杭州市文一西路998号",
                       "0571-8888 6600", "", "", ""};
  for (BusinessLine line : {BusinessLine::gift, BusinessLine::transport}) {
    const Order order = order_of(line);
    for (DocumentKind kind :
         {DocumentKind::contract, DocumentKind::contract_approval,
          DocumentKind::order_sheet, DocumentKind::shipment_note}) {
      const std::string name = std::string(document_kind_name(kind)) + "-" +
                               business_line_name(line);
      BOOST_TEST_CONTEXT(name) {
        DocumentRequest request;
        request.kind = kind;
        request.order = &order;
        request.company = &seller;
        request.document_no = "DJ-" + std::string(document_kind_name(kind));
        request.version = 2;
        request.content_hash = kHash;
        request.date = "2026-12-04";
        // The draft mark lies across the page, under the code.
        if (kind != DocumentKind::shipment_note) request.watermark = "草稿";
        const std::string expected =
            "DANJU1|" + request.document_no + "|v2|9c518c851fb0";
        BOOST_TEST(decoded_code(renderer().render_pdf(request), name) ==
                   expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_code_needs_the_content_hash) {
  const Company seller{"杭州丹聚定制科技有限公司", "", "", "", "", ""};
  const Order order = order_of(BusinessLine::gift);
  DocumentRequest request;
  request.kind = DocumentKind::shipment_note;
  request.order = &order;
  request.company = &seller;
  request.document_no = "FH-LP-00042";
  request.date = "2026-12-04";
  try {
    renderer().render_pdf(request);
    BOOST_FAIL("a paper code was printed without a content hash");
  } catch (const RenderError& e) {
    BOOST_TEST(std::string(e.what()).find("document.code") !=
               std::string::npos, e.what());
  }
}

BOOST_AUTO_TEST_CASE(the_header_keys_are_checked) {
  const std::string body =
      "[[block]]\ntype = \"text\"\ntext = \"x\"\n";
  const DocumentTemplate on = parse_document_template(
      "[header]\nqr = true\nqr_size = 25\n" + body, "on.toml");
  BOOST_TEST(on.header.qr);
  BOOST_TEST(on.header.qr_size == 25);
  BOOST_TEST(!parse_document_template(body, "off.toml").header.qr);

  for (const std::string& header :
       {std::string("qr = \"yes\""), std::string("qr = true\nqr_size = 8")}) {
    try {
      parse_document_template("[header]\n" + header + "\n" + body, "h.toml");
      BOOST_FAIL(header + " was accepted");
    } catch (const TemplateError& e) {
      const std::string what = e.what();
      BOOST_TEST((what.find("h.toml:2:") != std::string::npos ||
                  what.find("h.toml:3:") != std::string::npos),
                 what);
    }
  }
}
