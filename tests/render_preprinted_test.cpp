// Printing onto pre-printed forms (套打): values land where the template
// puts them, moved by the printer's offsets, as poppler's pdftotext -bbox
// reads them back; they stay inside their boxes; more items than rows
// continue on the next form; nothing but the values is drawn; mistakes in
// a template are named with file and line; the calibration page.
#define BOOST_TEST_MODULE render_preprinted
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "fixtures/pdf_tools.h"
#include "fixtures/project_renderer.h"
#include "render/document_renderer.h"
#include "render/preprinted_layout.h"
#include "render/preprinted_template.h"

using namespace danju;
using danju::testing::PdfPage;
using danju::testing::PdfWord;

namespace {

constexpr double kPt = 72.0 / 25.4;  // points per mm

const DocumentRenderer& renderer() {
  return danju::testing::project_renderer();
}

const Company kSeller{"杭州丹聚定制科技有限公司", "杭州市文一西路998号",
                      "0571-8888 6600", "", "", ""};

Order order_with(int items) {
  Order o;
  o.order_no = "LP202600042";
  o.contract_no = "HT-LP-00042";
  o.shipment_no = "FH-LP-00042";
  o.line = BusinessLine::gift;
  o.status = OrderStatus::confirmed;
  o.date = "2026-12-01";
  o.ship_date = "2026-12-20";
  o.salesperson = "陈晓东";
  o.customer.name = "宁波鸿达贸易有限公司";
  o.customer.contact = "王喆";
  o.customer.phone = "139 0000 1234";
  o.customer.address = "浙江省宁波市鄞州区天童南路588号宁波文化广场";
  for (int i = 0; i < items; ++i) {
    LineItem item;
    item.name = "定制品第" + std::to_string(i + 1) + "号";
    item.spec = "A5";
    item.unit = "本";
    item.quantity = 10 + i;
    item.unit_price = Money(2800);
    o.items.push_back(item);
  }
  return o;
}

DocumentRequest note_for(const Order& order) {
  DocumentRequest r;
  r.kind = DocumentKind::shipment_note;
  r.order = &order;
  r.company = &kSeller;
  r.document_no = "FH-LP-00042";
  r.content_hash = std::string(64, 'c');
  r.date = "2026-12-04";
  return r;
}

// A file in the temporary folder, removed when the test ends.
struct TempPdf {
  explicit TempPdf(const std::string& bytes, const std::string& name)
      : path("/tmp/danju-preprinted-" + std::to_string(getpid()) + "-" +
             name + ".pdf") {
    write_file_atomic(path, bytes);
  }
  ~TempPdf() { std::remove(path.c_str()); }
  std::string path;
};

// Draws the request with a template given as text.
std::string draw_with(const std::string& toml, const DocumentRequest& request,
                      const PrintOffset& offset) {
  const PreprintedTemplate form = parse_preprinted_template(toml, "t.toml");
  PdfCanvas canvas(renderer().fonts());
  draw_preprinted(form, FieldValues(request), renderer().fonts(), offset,
                  &canvas);
  return canvas.finish();
}

// The word of the page that starts with text; fails the test without one.
PdfWord word_starting(const PdfPage& page, const std::string& text) {
  for (const PdfWord& word : page.words) {
    if (word.text.rfind(text, 0) == 0) return word;
  }
  BOOST_FAIL("no word starting with " + text + " on the page");
  return {};
}

std::string error_of(const std::string& toml) {
  try {
    parse_preprinted_template(toml, "t.toml");
  } catch (const TemplateError& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e.what();
  }
  BOOST_FAIL("the broken template was accepted:\n" + toml);
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Text without blanks: pdftotext keeps or drops the spaces between
// Chinese and digits as it sees fit.
std::string squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ') out += c;
  }
  return out;
}

// A small form: three fields with each alignment and one item column.
const char kForm[] =
    "[form]\n"                                        // 1
    "size = \"241x140\"\n"                            // 2
    "[[field]]\n"                                     // 3
    "value = \"{customer.name}\"\n"                   // 4
    "x = 30\ny = 20\nwidth = 80\n"                    // 5-7
    "[[field]]\n"                                     // 8
    "value = \"{order.total}\"\n"                     // 9
    "x = 150\ny = 40\nwidth = 50\nalign = \"right\"\n"  // 10-13
    "[[field]]\n"                                     // 14
    "value = \"{document.no}\"\n"                     // 15
    "x = 100\ny = 60\nwidth = 60\nalign = \"center\"\n"  // 16-19
    "[items]\n"                                       // 20
    "y = 80\nrow_pitch = 7\nrows = 3\n"               // 21-23
    "[[items.column]]\n"                              // 24
    "value = \"{item.name}\"\n"                       // 25
    "x = 20\nwidth = 60\n";                           // 26-27

}  // namespace

BOOST_AUTO_TEST_CASE(values_land_at_their_positions_moved_by_the_offsets) {
  const Order order = order_with(2);
  for (const PrintOffset offset :
       {PrintOffset{0, 0}, PrintOffset{1.5, -0.8}, PrintOffset{-2.3, 3.1}}) {
    BOOST_TEST_CONTEXT("offset " << offset.x_mm << ", " << offset.y_mm) {
      const TempPdf pdf(draw_with(kForm, note_for(order), offset), "place");
      const std::vector<PdfPage> pages = danju::testing::pdf_words(pdf.path);
      BOOST_REQUIRE_EQUAL(pages.size(), 1u);
      const PdfPage& page = pages[0];
      const double dx = offset.x_mm, dy = offset.y_mm;

      // Left: the box's left edge; right: its right edge; centre: its
      // middle. The top of the text is the box's top.
      const PdfWord name = word_starting(page, "宁波鸿达");
      BOOST_TEST(name.x_min == (30 + dx) * kPt,
                 boost::test_tools::tolerance(0.5 / ((30 + dx) * kPt)));
      BOOST_TEST(std::abs(name.y_min - (20 + dy) * kPt) < 0.5);

      const PdfWord total = word_starting(page, "¥");
      BOOST_TEST(std::abs(total.x_max - (200 + dx) * kPt) < 0.5);
      BOOST_TEST(std::abs(total.y_min - (40 + dy) * kPt) < 0.5);

      const PdfWord number = word_starting(page, "FH-LP-00042");
      BOOST_TEST(std::abs((number.x_min + number.x_max) / 2 -
                          (130 + dx) * kPt) < 0.5);
      BOOST_TEST(std::abs(number.y_min - (60 + dy) * kPt) < 0.5);

      // Item rows: one pitch apart.
      const PdfWord first = word_starting(page, "定制品第1号");
      const PdfWord second = word_starting(page, "定制品第2号");
      BOOST_TEST(std::abs(first.x_min - (20 + dx) * kPt) < 0.5);
      BOOST_TEST(std::abs(first.y_min - (80 + dy) * kPt) < 0.5);
      BOOST_TEST(std::abs(second.y_min - (87 + dy) * kPt) < 0.5);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_long_value_wraps_inside_its_box) {
  const Order order = order_with(1);
  const std::string form =
      "[form]\nsize = \"241x93\"\n"
      "[[field]]\nvalue = \"{customer.address}\"\n"
      "x = 40\ny = 30\nwidth = 45\nlines = 2\n";
  const TempPdf pdf(draw_with(form, note_for(order), {1, 1}), "wrap");
  const PdfPage page = danju::testing::pdf_words(pdf.path).at(0);
  BOOST_REQUIRE(!page.words.empty());

  const double left = 41 * kPt, right = 86 * kPt;
  const double top = 31 * kPt;
  const double bottom = top + preprinted_box_height(2, 10) * kPt;
  std::vector<double> tops;
  std::string text;
  for (const PdfWord& word : page.words) {
    BOOST_TEST(word.x_min >= left - 0.5);
    BOOST_TEST(word.x_max <= right + 0.5);
    BOOST_TEST(word.y_min >= top - 0.5);
    BOOST_TEST(word.y_max <= bottom + 0.5);
    if (tops.empty() || std::abs(tops.back() - word.y_min) > 1) {
      tops.push_back(word.y_min);
    }
    text += word.text;
  }
  BOOST_TEST(tops.size() == 2u);  // two lines
  BOOST_TEST(text == order.customer.address);
}

BOOST_AUTO_TEST_CASE(a_value_too_long_is_set_smaller_or_refused) {
  const Order order = order_with(1);
  const std::string box =
      "[[field]]\nvalue = \"{customer.address}\"\n"
      "x = 40\ny = 30\nwidth = 60\n";

  // Allowed to shrink: one line, smaller than 10 pt, inside the box.
  const TempPdf pdf(draw_with("[form]\nsize = \"241x93\"\nmin_font_size = 6\n" +
                                  box,
                              note_for(order), {0, 0}),
                    "shrink");
  const PdfPage page = danju::testing::pdf_words(pdf.path).at(0);
  BOOST_REQUIRE_EQUAL(page.words.size(), 1u);
  const PdfWord& word = page.words[0];
  BOOST_TEST(word.text == order.customer.address);
  BOOST_TEST(word.x_max <= 100 * kPt + 0.5);
  BOOST_TEST(word.y_max - word.y_min < 10);  // under 10 pt tall

  // Not allowed to: refused, naming the template line and the value.
  try {
    draw_with("[form]\nsize = \"241x93\"\n" + box, note_for(order), {0, 0});
    BOOST_FAIL("a value was printed past its box");
  } catch (const RenderError& e) {
    const std::string what = e.what();
    BOOST_TEST(contains(what, "t.toml:3:"), what);
    BOOST_TEST(contains(what, "does not fit its box (60 mm wide, 1 line)"),
               what);
    BOOST_TEST(contains(what, order.customer.address), what);
  }
}

BOOST_AUTO_TEST_CASE(the_shipment_note_form_carries_values_only) {
  const Order order = order_with(3);
  const DocumentRequest request = note_for(order);
  const TempPdf form(renderer().render_preprinted_pdf(request, {1.5, -0.8}),
                     "note");
  const TempPdf normal(renderer().render_pdf(request), "normal");

  // 241 mm continuous paper, cut in halves.
  const std::string info =
      danju::testing::command_output("pdfinfo " + form.path);
  BOOST_TEST(contains(info, "Page size:       683.15 x 396.85 pts"), info);
  BOOST_TEST(contains(info, "Pages:           1"), info);

  // No path is drawn: no rectangles, lines or fills. The same check finds
  // the ruled table of the normal note.
  const std::string content = danju::testing::pdf_content(form.path);
  const std::string ruled = danju::testing::pdf_content(normal.path);
  for (const char* op : {" re f\n", " re S\n", " l S\n"}) {
    BOOST_TEST(!contains(content, op), op);
  }
  BOOST_TEST(contains(ruled, " re S\n"));
  BOOST_TEST(contains(content, " Tj\n"));

  // The values are there, and none of the labels the form has printed.
  const std::string text = danju::testing::pdf_page_text(form.path, 1);
  for (const std::string& value :
       {order.customer.name, order.customer.address, std::string("定制品第3号"),
        std::string("FH-LP-00042"), std::string("¥924.00"),
        std::string("人民币玖佰贰拾肆元整"), std::string("第1张共1张")}) {
    BOOST_TEST(contains(squeezed(text), squeezed(value)), value);
  }
  for (const char* label : {"发", "客户名称", "品名", "合计", "第一联",
                            "杭州丹聚", "签收", "金额大写"}) {
    BOOST_TEST(!contains(text, label), label);
  }
}

BOOST_AUTO_TEST_CASE(more_items_than_rows_continue_on_the_next_form) {
  const Order order = order_with(19);
  const TempPdf pdf(renderer().render_preprinted_pdf(note_for(order), {}),
                    "long");
  const std::vector<PdfPage> pages = danju::testing::pdf_words(pdf.path);
  BOOST_REQUIRE_EQUAL(pages.size(), 3u);  // eight rows a form

  // Item 9 opens the second form in the first row.
  const PdfWord ninth = word_starting(pages[1], "定制品第9号");
  BOOST_TEST(std::abs(ninth.y_min - 47 * kPt) < 0.5);
  for (int form = 1; form <= 3; ++form) {
    const std::string text = danju::testing::pdf_page_text(pdf.path, form);
    BOOST_TEST_CONTEXT("form " << form) {
      BOOST_TEST(contains(squeezed(text),
                          "第" + std::to_string(form) + "张共3张"));
      BOOST_TEST(contains(text, "定制品第" + std::to_string(form * 8 - 7) +
                                    "号"));
      BOOST_TEST(contains(text, "（续下页）") == (form != 3));
      BOOST_TEST(contains(text, "人民币") == (form == 3));
      BOOST_TEST(!contains(text, "定制品第" + std::to_string(form * 8 + 1) +
                                     "号"));
    }
  }
}

BOOST_AUTO_TEST_CASE(template_mistakes_are_named_with_file_and_line) {
  const std::string form = "[form]\nsize = \"241x140\"\n";
  const std::string field = "[[field]]\n";  // line 3

  BOOST_TEST(contains(error_of(form + field + "value = \"{customer.nmae}\"\n"
                                              "x = 1\ny = 1\nwidth = 9\n"),
                      "t.toml:4: unknown placeholder {customer.nmae}"));
  BOOST_TEST(contains(error_of(form + field + "value = \"{item.name}\"\n"
                                              "x = 1\ny = 1\nwidth = 9\n"),
                      "t.toml:4: unknown placeholder {item.name}"));
  BOOST_TEST(contains(error_of(form + field + "value = \"x\"\n"
                                              "x = 250\ny = 1\nwidth = 9\n"),
                      "t.toml:5: field.x = 250 must be between 0 and 241"));
  BOOST_TEST(contains(error_of(form + field + "value = \"x\"\n"
                                              "x = 200\ny = 1\nwidth = 50\n"),
                      "t.toml:3: the box of x runs past the right edge"));
  BOOST_TEST(contains(error_of(form + field + "value = \"x\"\n"
                                              "x = 1\ny = 137\nwidth = 9\n"),
                      "t.toml:3: the box of x runs past the bottom edge"));
  BOOST_TEST(contains(error_of(form + field + "value = \"x\"\nx = 1\n"
                                              "y = 1\nwidth = 9\n"
                                              "colour = \"red\"\n"),
                      "t.toml:8: unknown key field.colour"));
  BOOST_TEST(contains(error_of(form + field + "value = \"x\"\nx = 1\n"
                                              "y = 1\nwidth = 9\n"
                                              "pages = \"first\"\n"),
                      "t.toml:8: field.pages \"first\""));
  BOOST_TEST(contains(error_of(form + "[items]\ny = 100\nrow_pitch = 7\n"
                                      "rows = 8\n[[items.column]]\n"
                                      "value = \"{item.no}\"\nx = 1\n"
                                      "width = 9\n"),
                      "t.toml:3: the last item row runs past the bottom"));
  BOOST_TEST(contains(error_of(form + "[items]\ny = 40\nrow_pitch = 7\n"
                                      "rows = 4\n"
                                      "[[items.column]]\n"      // 7
                                      "value = \"{item.no}\"\nx = 10\n"
                                      "width = 20\n"
                                      "[[items.column]]\n"      // 11
                                      "value = \"{item.name}\"\nx = 25\n"
                                      "width = 20\n"),
                      "t.toml:11: the column {item.name} at x 25 mm "
                      "overlaps the column {item.no} (line 7)"));
  BOOST_TEST(contains(error_of("[form]\nsize = \"Letter\"\n" + field +
                               "value = \"x\"\nx = 1\ny = 1\nwidth = 9\n"),
                      "t.toml:2: form.size \"Letter\" is not one of"));
  BOOST_TEST(contains(error_of(field + "value = \"x\"\nx = 1\ny = 1\n"
                                       "width = 9\n"),
                      "missing key form"));
}

BOOST_AUTO_TEST_CASE(the_calibration_page_shows_rulers_marks_and_boxes) {
  const TempPdf pdf(renderer().render_calibration_pdf(
                        DocumentKind::shipment_note, "oki-5860", {1.5, -0.8}),
                    "calibration");
  const std::vector<PdfPage> pages = danju::testing::pdf_words(pdf.path);
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(std::abs(pages[0].width - 241 * kPt) < 0.01);
  BOOST_TEST(std::abs(pages[0].height - 140 * kPt) < 0.01);

  // Crosshair A's label sits right of its centre at (20, 20) mm, and the
  // box of the customer's name at its template place, both moved by the
  // offsets.
  const PdfWord mark = word_starting(pages[0], "A");
  BOOST_TEST(std::abs(mark.x_min - (20 + 1.5 + 1.5) * kPt) < 0.5);
  const PdfWord box = word_starting(pages[0], "{customer.name}");
  BOOST_TEST(std::abs(box.x_min - (32 + 0.4 + 1.5) * kPt) < 0.5);
  // The ruler is numbered every 10 mm.
  const std::string ruler = danju::testing::pdf_page_text(pdf.path, 1);
  for (const char* n : {"10", "100", "230", "130"}) {
    BOOST_TEST(contains(ruler, n), n);
  }
  BOOST_TEST(contains(danju::testing::pdf_content(pdf.path), " l S\n"));

  const std::string how = danju::testing::pdf_page_text(pdf.path, 2);
  for (const char* part :
       {"打印机 oki-5860", "offset_x_mm = +1.5", "offset_y_mm = -0.8",
        "[printers.oki-5860]", "X = 20，Y = 20", "241×140"}) {
    BOOST_TEST(contains(how, part), part);
  }
}
