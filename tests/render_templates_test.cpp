// Reading templates: a broken template is refused when the renderer is
// built, with the file and line of the mistake; a business line's variant
// replaces the kind's template for that line only.
#define BOOST_TEST_MODULE render_templates
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "core/file_io.h"
#include "core/order.h"
#include "render/document_renderer.h"
#include "render/document_template.h"
#include "render/template_set.h"

using namespace danju;

namespace {

// A folder holding the project's base templates, for one test.
struct TemplateFolder {
  std::string path;

  explicit TemplateFolder(const std::string& name)
      : path("/tmp/danju-templates-" + std::to_string(getpid()) + "-" +
             name) {
    make_directories(path);
    for (DocumentKind each : all_document_kinds()) {
      const std::string kind = document_kind_name(each);
      const std::string file = kind + ".toml";
      write_file_atomic(path + "/" + file,
                        read_file(std::string(DANJU_SOURCE_DIR) +
                                  "/templates/" + file));
    }
  }
  ~TemplateFolder() {
    for (DocumentKind each : all_document_kinds()) {
      const std::string kind = document_kind_name(each);
      std::remove((path + "/" + kind + ".toml").c_str());
      for (const char* line : {"gift", "furniture", "transport"}) {
        std::remove((path + "/" + kind + "." + line + ".toml").c_str());
      }
    }
    rmdir(path.c_str());
  }
  void write(const std::string& file, const std::string& text) const {
    write_file_atomic(path + "/" + file, text);
  }
};

RendererSettings settings_for(const std::string& folder) {
  RendererSettings s;
  s.templates_folder = folder;
  s.latin_font.path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  s.cjk_fonts = {FontSpec{"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0"},
                 FontSpec{"/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"}};
  return s;
}

// A small valid template; line numbers matter to the tests below.
const char kGood[] =
    "[header]\n"                                    // 1
    "title = \"试验单\"\n"                           // 2
    "\n"                                            // 3
    "[[block]]\n"                                   // 4
    "type = \"fields\"\n"                           // 5
    "rows = [[\"客户\", \"{customer.name}\"]]\n"      // 6
    "\n"                                            // 7
    "[[block]]\n"                                   // 8
    "type = \"items\"\n"                            // 9
    "[[block.column]]\n"                            // 10
    "header = \"品名\"\n"                            // 11
    "value = \"{item.name}\"\n"                     // 12
    "width = 60\n";                                 // 13

// The error a broken copy of contract.toml gives the renderer.
std::string error_of(const std::string& name, const std::string& text) {
  TemplateFolder folder(name);
  folder.write("contract.toml", text);
  try {
    DocumentRenderer renderer(settings_for(folder.path));
  } catch (const TemplateError& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e.what();
  }
  BOOST_FAIL(name + ": the broken template was accepted");
  return "";
}

std::string replaced(std::string text, const std::string& from,
                     const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

void check_has(const std::string& what, const std::string& part) {
  BOOST_CHECK_MESSAGE(what.find(part) != std::string::npos,
                      "\"" + part + "\" not in: " + what);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_good_template_is_read) {
  const DocumentTemplate t = parse_document_template(kGood, "good.toml");
  BOOST_CHECK_EQUAL(t.header.title, "试验单");
  BOOST_REQUIRE_EQUAL(t.blocks.size(), 2u);
  BOOST_CHECK(t.blocks[1].type == Block::Type::items);
  BOOST_REQUIRE_EQUAL(t.blocks[1].item_columns.size(), 1u);
  BOOST_CHECK_EQUAL(t.blocks[1].item_columns[0].width, 60);
  BOOST_CHECK_EQUAL(t.page.width, 210);
  BOOST_CHECK_EQUAL(t.page.height, 297);
}

BOOST_AUTO_TEST_CASE(paper_sizes) {
  const std::string a5 = std::string("[page]\nsize = \"A5\"\n") + kGood;
  const DocumentTemplate t = parse_document_template(a5, "a5.toml");
  BOOST_CHECK_EQUAL(t.page.width, 148);
  BOOST_CHECK_EQUAL(t.page.height, 210);
  const std::string roll = std::string("[page]\nsize = \"241x280\"\n") + kGood;
  BOOST_CHECK_EQUAL(parse_document_template(roll, "r.toml").page.width, 241);
  const std::string half = std::string("[page]\nsize = \"241x140\"\n") + kGood;
  const DocumentTemplate torn = parse_document_template(half, "h.toml");
  BOOST_CHECK_EQUAL(torn.page.width, 241);
  BOOST_CHECK_EQUAL(torn.page.height, 140);

  const std::string letter = std::string("[page]\nsize = \"Letter\"\n") + kGood;
  try {
    parse_document_template(letter, "letter.toml");
    BOOST_FAIL("Letter paper was accepted");
  } catch (const TemplateError& e) {
    check_has(e.what(), "letter.toml:2:");
    check_has(e.what(), "Letter");
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_key_names_file_and_line) {
  const std::string what = error_of(
      "key", replaced(kGood, "width = 60\n", "width = 60\ncolour = \"red\"\n"));
  check_has(what, "contract.toml:14:");
  check_has(what, "colour");
}

BOOST_AUTO_TEST_CASE(an_unknown_placeholder_names_file_and_line) {
  const std::string what = error_of(
      "placeholder", replaced(kGood, "{customer.name}", "{customer.nmae}"));
  check_has(what, "contract.toml:6:");
  check_has(what, "{customer.nmae}");
}

BOOST_AUTO_TEST_CASE(a_misspelt_extra_field_is_refused) {
  // {order.extra.orign} would print nothing on every paper.
  const std::string what = error_of(
      "extra", replaced(kGood, "{customer.name}", "{order.extra.orign}"));
  check_has(what, "contract.toml:6:");
  check_has(what, "{order.extra.orign}");
  check_has(what, "origin");

  // Capitals or a dash are no name at all, and said to be so.
  const std::string capital = error_of(
      "capital", replaced(kGood, "{customer.name}", "{order.extra.Route}"));
  check_has(capital, "contract.toml:6:");
  check_has(capital, "{order.extra.Route} is no placeholder");

  // The extra fields an export can carry are accepted.
  TemplateFolder folder("extra-good");
  folder.write("contract.toml",
               replaced(kGood, "{customer.name}",
                        "{order.extra.origin}{order.extra.sample_notes}"));
  BOOST_CHECK_NO_THROW(DocumentRenderer(settings_for(folder.path)));
}

BOOST_AUTO_TEST_CASE(a_fields_block_too_narrow_for_its_pairs_is_refused) {
  // Four pairs a row on A5 with wide margins leave 9.5 mm each.
  const std::string what = error_of(
      "narrow", replaced("[page]\nsize = \"A5\"\nmargin_left = 55\n"
                         "margin_right = 55\n\n" + std::string(kGood),
                         "type = \"fields\"\n",
                         "type = \"fields\"\ncolumns = 4\n"));
  check_has(what, "contract.toml:11:");
  check_has(what, "at least 15 mm");

  // Without a label_width of its own, a narrow page's block takes less
  // than the usual 28 mm, and its values keep room.
  TemplateFolder folder("narrow-default");
  folder.write("contract.toml",
               replaced("[page]\nsize = \"A5\"\n\n" + std::string(kGood),
                        "type = \"fields\"\n",
                        "type = \"fields\"\ncolumns = 4\n"));
  BOOST_CHECK_NO_THROW(DocumentRenderer(settings_for(folder.path)));
  const DocumentTemplate read =
      load_document_template(folder.path + "/contract.toml");
  BOOST_REQUIRE(!read.blocks.empty());
  BOOST_TEST(read.blocks[0].label_width < 28.0);
  BOOST_TEST(read.blocks[0].label_width >= 5.0);
}

BOOST_AUTO_TEST_CASE(a_page_with_no_room_for_blocks_is_refused_at_load) {
  // 93 mm paper: 40 mm margins at the top and 40 at the bottom leave the
  // header and footer nothing.
  const std::string margins = error_of(
      "margins", "[page]\nsize = \"241x93\"\nmargin_top = 40\n"
                 "margin_bottom = 40\n\n" + std::string(kGood));
  check_has(margins, "contract.toml:1:");
  check_has(margins, "93 mm page");
  check_has(margins, "lower the margins");

  // A 40 mm QR code on the same paper with ordinary margins.
  const std::string code = error_of(
      "qr", replaced("[page]\nsize = \"241x93\"\n\n" + std::string(kGood),
                     "title = \"试验单\"\n",
                     "title = \"试验单\"\nqr = true\nqr_size = 40\n"));
  check_has(code, "contract.toml:1:");
  check_has(code, "with its QR code");

  // The same code on A4 leaves plenty.
  TemplateFolder folder("qr-a4");
  folder.write("contract.toml",
               replaced(kGood, "title = \"试验单\"\n",
                        "title = \"试验单\"\nqr = true\nqr_size = 40\n"));
  BOOST_CHECK_NO_THROW(DocumentRenderer(settings_for(folder.path)));
}

BOOST_AUTO_TEST_CASE(an_item_field_outside_the_items_block_is_refused) {
  const std::string what = error_of(
      "scope", replaced(kGood, "{customer.name}", "{item.name}"));
  check_has(what, "contract.toml:6:");
  check_has(what, "items block");
}

BOOST_AUTO_TEST_CASE(an_unclosed_brace_is_refused) {
  const std::string what = error_of(
      "brace", replaced(kGood, "{customer.name}", "{customer.name"));
  check_has(what, "contract.toml:6:");
}

BOOST_AUTO_TEST_CASE(a_bad_width_names_file_and_line) {
  const std::string zero =
      error_of("zero", replaced(kGood, "width = 60", "width = 0"));
  check_has(zero, "contract.toml:13:");
  check_has(zero, "品名");

  const std::string wide =
      error_of("wide", replaced(kGood, "width = 60", "width = 200"));
  check_has(wide, "contract.toml:13:");
  check_has(wide, "180 mm");
}

BOOST_AUTO_TEST_CASE(a_syntax_error_names_file_and_line) {
  const std::string what = error_of(
      "syntax", replaced(kGood, "title = \"试验单\"", "title = \"试验单"));
  check_has(what, "contract.toml:2:");
}

BOOST_AUTO_TEST_CASE(an_unknown_block_type_and_bad_colour) {
  check_has(error_of("type", replaced(kGood, "\"fields\"", "\"feilds\"")),
            "contract.toml:5:");
  const std::string colour = error_of(
      "colour", std::string(kGood) +
                    "\n[[copy]]\nlabel = \"第一联\"\ncolour = \"red\"\n");
  check_has(colour, "contract.toml:17:");
  check_has(colour, "#rrggbb");
}

BOOST_AUTO_TEST_CASE(a_broken_variant_is_refused_too) {
  TemplateFolder folder("variant");
  folder.write("order_sheet.furniture.toml",
               replaced(kGood, "{item.name}", "{item.colour}"));
  try {
    DocumentRenderer renderer(settings_for(folder.path));
    BOOST_FAIL("the broken variant was accepted");
  } catch (const TemplateError& e) {
    check_has(e.what(), "order_sheet.furniture.toml:12:");
  }
}

BOOST_AUTO_TEST_CASE(a_misspelt_template_file_is_refused) {
  for (const char* name : {"shipment_notes.toml", "contract.gifts.toml"}) {
    TemplateFolder folder(std::string("misspelt-") + name);
    folder.write(name, kGood);
    try {
      DocumentRenderer renderer(settings_for(folder.path));
      BOOST_ERROR(std::string(name) + " was ignored");
    } catch (const TemplateError& e) {
      check_has(e.what(), std::string(name) + ":1: not a template name");
      check_has(e.what(), "shipment_note");
    }
    std::remove((folder.path + "/" + name).c_str());
  }

  // Hidden files editors leave beside a template are not templates.
  TemplateFolder folder("hidden");
  folder.write(".#contract.toml", "not toml at all");
  folder.write("._shipment_note.toml", "\x01\x02");
  BOOST_CHECK_NO_THROW(DocumentRenderer(settings_for(folder.path)));
  std::remove((folder.path + "/.#contract.toml").c_str());
  std::remove((folder.path + "/._shipment_note.toml").c_str());
}

BOOST_AUTO_TEST_CASE(a_missing_kind_is_refused) {
  TemplateFolder folder("missing");
  std::remove((folder.path + "/shipment_note.toml").c_str());
  try {
    DocumentRenderer renderer(settings_for(folder.path));
    BOOST_FAIL("a folder without shipment_note.toml was accepted");
  } catch (const TemplateError& e) {
    check_has(e.what(), "shipment_note.toml");
  }
}

BOOST_AUTO_TEST_CASE(a_variant_replaces_the_template_for_its_line_only) {
  TemplateFolder folder("lines");
  folder.write("contract.furniture.toml",
               replaced(kGood, "试验单", "家具专用单"));
  const TemplateSet set = TemplateSet::load(folder.path);
  BOOST_CHECK_EQUAL(
      set.find(DocumentKind::contract, BusinessLine::furniture).header.title,
      "家具专用单");
  BOOST_CHECK_EQUAL(
      set.find(DocumentKind::contract, BusinessLine::gift).header.title,
      "购 销 合 同");
}

BOOST_AUTO_TEST_CASE(continuous_paper_gives_its_page_size) {
  TemplateFolder folder("paper");
  const std::string note = read_file(std::string(DANJU_SOURCE_DIR) +
                                     "/templates/shipment_note.toml");
  folder.write("shipment_note.transport.toml",
               replaced(note, "size = \"A4\"", "size = \"241x280\""));
  const DocumentRenderer renderer(settings_for(folder.path));

  Company company;
  company.name = "丹聚运输";
  Order order;
  order.order_no = "YS-2026-0001";
  order.line = BusinessLine::transport;
  order.customer.name = "李堃";
  LineItem trip;
  trip.name = "包车";
  trip.unit = "趟";
  trip.quantity = 1;
  trip.unit_price = Money(880000);
  order.items = {trip};
  DocumentRequest request;
  request.kind = DocumentKind::shipment_note;
  request.order = &order;
  request.company = &company;
  request.document_no = "FH-2026-0001";
  request.content_hash = std::string(64, 'a');
  request.date = "2026-12-04";

  const std::string path =
      "/tmp/danju-paper-" + std::to_string(getpid()) + ".pdf";
  write_file_atomic(path, renderer.render_pdf(request));
  std::string info;
  {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(
        popen(("pdfinfo " + path).c_str(), "r"), pclose);
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) {
      info.append(buffer, n);
    }
  }
  std::remove(path.c_str());
  check_has(info, "Pages:           4");
  // 241 mm x 280 mm in points.
  check_has(info, "683.15 x 793.701 pts");
}

BOOST_AUTO_TEST_CASE(the_project_templates_all_read) {
  const TemplateSet set =
      TemplateSet::load(std::string(DANJU_SOURCE_DIR) + "/templates");
  const auto& note =
      set.find(DocumentKind::shipment_note, BusinessLine::transport);
  BOOST_REQUIRE_EQUAL(note.copies.size(), 4u);
  BOOST_CHECK_EQUAL(note.copies[0].label, "第一联 财务记账联");
  BOOST_CHECK_EQUAL(note.copies[3].label, "第四联 客户签收联");
  BOOST_CHECK_EQUAL(
      set.find(DocumentKind::contract, BusinessLine::transport).header.title,
      "包 车 合 同");
}
