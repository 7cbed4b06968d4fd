// The documents made from the templates in templates/, read back with
// poppler's pdftotext (its -bbox too) and pdfinfo, and checked with qpdf.
#define BOOST_TEST_MODULE render_documents
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/file_io.h"
#include "core/money.h"
#include "core/text.h"
#include "fixtures/pdf_words.h"
#include "render/chinese_date.h"
#include "render/document_renderer.h"

using namespace danju;

namespace {

const char kLatin[] = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const char kMicroHei[] = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0";
const char kHanaMin[] = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf";
// The SHA-256 the store would keep for the order version.
const char kContentHash[] =
    "5d41402abc4b2a76b9719d911017c592a94ab4f1c6b1e3f0d8e8a7c1b2c3d4e5";

RendererSettings settings() {
  RendererSettings s;
  s.templates_folder = std::string(DANJU_SOURCE_DIR) + "/templates";
  s.latin_font.path = kLatin;
  s.cjk_fonts = {FontSpec{kMicroHei}, FontSpec{kHanaMin}};
  return s;
}

const DocumentRenderer& renderer() {
  static const DocumentRenderer instance(settings());
  return instance;
}

Company company() {
  Company c;
  c.name = "杭州丹聚定制科技有限公司";
  c.address = "杭州市西湖区文三路100号";
  c.phone = "0571-8888 6666";
  c.bank = "中国工商银行杭州文三路支行";
  c.account = "1202 0000 1234 5678";
  return c;
}

Order make_order(BusinessLine line, int items) {
  Order o;
  o.order_no = "GD-2026-0107";
  o.contract_no = "HT-2026-0107";
  o.shipment_no = "FH-2026-0107";
  o.line = line;
  o.order_type = "加单";
  o.status = OrderStatus::confirmed;
  o.date = "2026-11-20";
  o.ship_date = "2026-12-20";
  o.department = "销售一部";
  o.salesperson = "周喆";
  o.customer.name = "王喆、李堃、𠮷祥家居有限公司";
  o.customer.contact = "李堃";
  o.customer.phone = "139 0000 1234";
  o.customer.address = "上海市浦东新区世纪大道1号";
  o.payment_terms = "合同签订后付30%，发货前付清余款";
  o.prepayment_pct = 30;
  for (int i = 0; i < items; ++i) {
    LineItem item;
    item.name = i == 0 ? "定制实木雕花礼盒（含烫金徽标、内衬丝绒、"
                         "独立编号证书及手提袋）特别加长品名用于换行检查"
                       : "定制礼品第" + std::to_string(i + 1) + "号";
    item.spec = "300×200×80mm";
    item.unit = "套";
    item.quantity = 100 + i * 7;
    item.unit_price = Money(12345 + i * 101);
    o.items.push_back(item);
  }
  if (line == BusinessLine::furniture) {
    o.extra["measured_by"] = "林工";
    o.extra["measure_date"] = "2026-11-18";
    o.extra["drawing_no"] = "QJ-0107-A";
  }
  if (line == BusinessLine::transport) {
    o.extra["route"] = "杭州—黄山—杭州";
    o.extra["origin"] = "杭州东站";
    o.extra["destination"] = "黄山风景区";
    o.extra["service_time"] = "2026-12-10 07:30 至 2026-12-12 18:00";
    o.extra["headcount"] = "45";
    o.extra["vehicle_type"] = "55座大巴";
    o.extra["vehicle_count"] = "2";
    o.extra["driver"] = "赵师傅";
  }
  return o;
}

DocumentRequest request_for(DocumentKind kind, const Order& order,
                            const Company& company) {
  DocumentRequest r;
  r.kind = kind;
  r.order = &order;
  r.company = &company;
  r.document_no = "DJ-2026-00042";
  r.version = 3;
  r.content_hash = kContentHash;
  r.date = "2026-12-04";
  r.approvals = {{"部门负责人意见", "张伟", "同意", "2026-12-04 09:30 +08:00"},
                 {"法务意见", "", "", ""},
                 {"公司负责人意见", "", "", ""}};
  return r;
}

std::string run(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"),
                                             pclose);
  BOOST_REQUIRE(pipe);
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) {
    out.append(buffer, n);
  }
  return out;
}

std::string temp_pdf(const std::string& pdf, const std::string& name) {
  const std::string path = "/tmp/danju-render-" + std::to_string(getpid()) +
                           "-" + name + ".pdf";
  write_file_atomic(path, pdf);
  return path;
}

// pdftotext output without blanks and line breaks: cells may be separated
// by either, and titles are letter-spaced.
std::string squeezed_text(const std::string& path, int page = 0) {
  std::string command = "pdftotext -enc UTF-8 -layout ";
  if (page > 0) {
    command += "-f " + std::to_string(page) + " -l " + std::to_string(page) +
               " ";
  }
  const std::string text = run(command + path + " - 2>&1");
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f') out += c;
  }
  // The ideographic space is a blank too.
  std::string result;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
      continue;
    }
    result += out[i];
  }
  return result;
}

// "683.15 x 396.85 pts": the first page's size, as pdfinfo prints it.
std::string page_size(const std::string& path) {
  const std::string info = run("pdfinfo " + path + " 2>&1");
  const auto at = info.find("Page size:");
  BOOST_REQUIRE(at != std::string::npos);
  const auto from = info.find_first_not_of(' ', at + 10);
  return info.substr(from, info.find('\n', from) - from);
}

int page_count(const std::string& path) {
  const std::string info = run("pdfinfo " + path + " 2>&1");
  const auto at = info.find("Pages:");
  BOOST_REQUIRE(at != std::string::npos);
  return std::stoi(info.substr(at + 6));
}

void check_contains(const std::string& text, const std::string& wanted,
                    const std::string& what) {
  BOOST_CHECK_MESSAGE(text.find(wanted) != std::string::npos,
                      what + ": \"" + wanted + "\" not found");
}

void check_pdf_clean(const std::string& path) {
  const std::string check = run("qpdf --check " + path + " 2>&1; echo rc=$?");
  BOOST_CHECK_MESSAGE(
      check.find("No syntax or stream encoding errors") != std::string::npos &&
          check.find("rc=0") != std::string::npos,
      path + ": " + check);
  const std::string info = run("pdfinfo " + path + " 2>&1");
  BOOST_CHECK_MESSAGE(info.find("595.276 x 841.89 pts (A4)") !=
                          std::string::npos,
                      path + " is not A4: " + info);
}

const char* kind_title(DocumentKind kind, BusinessLine line) {
  switch (kind) {
    case DocumentKind::contract:
      if (line == BusinessLine::furniture) return "全屋定制合同";
      if (line == BusinessLine::transport) return "包车合同";
      return "购销合同";
    case DocumentKind::contract_approval: return "合同审批单";
    case DocumentKind::order_sheet: return "内部订货单";
    case DocumentKind::shipment_note: return "发货单";
    case DocumentKind::sample_request: return "打样申请单";
    case DocumentKind::delivery_receipt: return "收货回执";
    case DocumentKind::dispatch_sheet: return "派车单";
  }
  return "";
}

// Renders the request to a temporary file and returns its path.
std::string rendered(const DocumentRequest& request, const std::string& name,
                     const DocumentRenderer& with = renderer()) {
  return temp_pdf(with.render_pdf(request), name);
}

// The draft mark runs large and turned across the page: its characters are
// words of their own, far taller than any line of the form.
void check_draft_mark(const std::string& path) {
  int found = 0;
  for (const auto& page : danju::testing::read_pdf_words(path)) {
    for (const auto& word : page.words) {
      const bool large = word.y_max - word.y_min > 40;
      if (large && (word.text == "草" || word.text == "稿")) ++found;
    }
  }
  BOOST_CHECK_MESSAGE(found == 2, path + ": no 草稿 mark across the page");
}

void remove_unless_kept(const std::string& path) {
  if (std::getenv("DANJU_KEEP_PDF") == nullptr) std::remove(path.c_str());
}

// Every layout problem of the PDF is one failed check.
void check_layout(const std::string& path, const std::string& what,
                  const danju::testing::Margins& margins = {}) {
  const auto pages = danju::testing::read_pdf_words(path);
  BOOST_CHECK_MESSAGE(!pages.empty(), what + ": no pages read");
  for (const std::string& problem :
       danju::testing::layout_problems(pages, margins)) {
    BOOST_ERROR(what + ": " + problem);
  }
}

// An issued paper (no approval boxes) of the kind for the order, with its
// number: the file it was rendered to, and its text as squeezed_text reads
// it.
std::pair<std::string, std::string> issued_paper(DocumentKind kind,
                                                 const Order& order,
                                                 const std::string& number) {
  const Company seller = company();
  DocumentRequest request = request_for(kind, order, seller);
  request.document_no = number;
  request.approvals.clear();
  const std::string path = rendered(request, document_kind_name(kind));
  return {path, squeezed_text(path)};
}

// Each text is found on the paper; what names it in a failure.
void check_shows(
    const std::string& text,
    std::initializer_list<std::pair<std::string, const char*>> wanted) {
  for (const auto& [part, what] : wanted) check_contains(text, part, what);
}

// An issued paper for the warehouse or the driver: one clean page that
// fits, with no draft mark and no price (what the goods cost is the
// shipment note's business). The file is removed afterwards.
void check_issued_page(const std::string& path, const std::string& text,
                       const Order& order, const std::string& what) {
  BOOST_CHECK_MESSAGE(text.find(format_yuan(order.total())) ==
                          std::string::npos,
                      what + " shows the order's total");
  BOOST_CHECK_MESSAGE(text.find("草稿") == std::string::npos,
                      what + " carries the draft mark");
  BOOST_CHECK_EQUAL(page_count(path), 1);
  check_pdf_clean(path);
  check_layout(path, what);
  remove_unless_kept(path);
}

// The gift order as its sample is asked for: material, colour and what the
// customer wants of it.
Order sample_order() {
  Order order = make_order(BusinessLine::gift, 3);
  order.extra["material"] = "304不锈钢（内胆）、竹木杯盖";
  order.extra["colour"] = "哑光黑，杯盖原木色";
  order.extra["sample_quantity"] = "3";
  order.extra["sample_notes"] =
      "杯身激光雕刻企业LOGO（居中，宽40mm），礼盒内衬丝绒；"
      "客户要求先看两种黑色的色板。";
  return order;
}

// The project's templates copied to a folder of the test's own, with one
// file replaced, and a renderer reading them. The folder is removed
// afterwards.
struct TemplateCopy {
  std::string folder;
  std::unique_ptr<DocumentRenderer> renderer;

  TemplateCopy(const std::string& name, const std::string& file,
               const std::string& text)
      : folder("/tmp/danju-render-" + std::to_string(getpid()) + "-" +
               name) {
    make_directories(folder);
    const std::string source = std::string(DANJU_SOURCE_DIR) + "/templates/";
    for (DocumentKind kind : all_document_kinds()) {
      const std::string base =
          std::string(document_kind_name(kind)) + ".toml";
      write_file_atomic(folder + "/" + base, read_file(source + base));
    }
    write_file_atomic(folder + "/" + file, text);
    RendererSettings own = settings();
    own.templates_folder = folder;
    renderer = std::make_unique<DocumentRenderer>(own);
  }
  ~TemplateCopy() { std::filesystem::remove_all(folder); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_kind_and_line_shows_the_order) {
  const Company seller = company();
  const DocumentKind kinds[] = {
      DocumentKind::contract, DocumentKind::contract_approval,
      DocumentKind::order_sheet, DocumentKind::shipment_note};
  const BusinessLine lines[] = {BusinessLine::gift, BusinessLine::furniture,
                                BusinessLine::transport};
  for (BusinessLine line : lines) {
    const Order order = make_order(line, 15);
    for (DocumentKind kind : kinds) {
      const std::string name = std::string(document_kind_name(kind)) + "-" +
                               business_line_name(line);
      BOOST_TEST_CONTEXT(name) {
        const DocumentRequest request = request_for(kind, order, seller);
        const std::string pdf = renderer().render_pdf(request);
        BOOST_CHECK(pdf == renderer().render_pdf(request));
        const std::string path = temp_pdf(pdf, name);
        const std::string text = squeezed_text(path);

        check_contains(text, kind_title(kind, line), name);
        check_contains(text, "王喆、李堃、𠮷祥家居有限公司", name);
        check_contains(text, "DJ-2026-00042", name);
        check_contains(text, "2026年12月04日", name);
        check_contains(text, format_yuan(order.total()), name);
        check_contains(text, "人民币" + rmb_capitals(order.total()), name);
        check_pdf_clean(path);

        if (kind == DocumentKind::shipment_note) {
          BOOST_CHECK_EQUAL(page_count(path), 4);
          const char* labels[] = {"第一联财务记账联", "第二联销售存根联",
                                  "第三联仓库发货联", "第四联客户签收联"};
          for (int page = 1; page <= 4; ++page) {
            const std::string on_page = squeezed_text(path, page);
            check_contains(on_page, labels[page - 1], name);
            check_contains(on_page,
                           "第" + std::to_string(page) + "联／共4联", name);
            check_contains(on_page, "客户签收", name);
            check_contains(on_page, "人民币" + rmb_capitals(order.total()),
                           name);
            for (int other = 1; other <= 4; ++other) {
              if (other == page) continue;
              BOOST_CHECK(on_page.find(labels[other - 1]) ==
                          std::string::npos);
            }
          }
        } else if (kind == DocumentKind::contract) {
          // Fifteen items and the clauses take a second page.
          BOOST_CHECK_EQUAL(page_count(path), 2);
        } else {
          BOOST_CHECK_EQUAL(page_count(path), 1);
        }
        if (kind == DocumentKind::contract_approval ||
            kind == DocumentKind::order_sheet) {
          check_contains(text, "部门负责人意见", name);
          check_contains(text, "张伟", name);
          check_contains(text, "法务意见", name);
        }
        if (kind == DocumentKind::contract && line == BusinessLine::gift) {
          check_contains(text, "30%作为预付款", name);
          check_contains(text, format_yuan(order.prepayment_due()), name);
        }
        if (line == BusinessLine::furniture &&
            kind != DocumentKind::shipment_note &&
            kind != DocumentKind::contract_approval) {
          check_contains(text, "加单", name);
          check_contains(text, "现场测量林工2026-11-18", name);
          check_contains(text, "图纸编号QJ-0107-A", name);
        }
        if (kind == DocumentKind::contract &&
            line == BusinessLine::transport) {
          check_contains(text, "杭州—黄山—杭州", name);
          check_contains(text, "黄山风景区", name);
          check_contains(text, "55座大巴", name);
          check_contains(text, "赵师傅", name);
          check_contains(text, "2026-12-1007:30", name);
        }
        remove_unless_kept(path);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_long_table_continues_with_its_header) {
  const Company seller = company();
  const Order order = make_order(BusinessLine::gift, 60);
  const DocumentRequest request =
      request_for(DocumentKind::order_sheet, order, seller);
  const std::string path = temp_pdf(renderer().render_pdf(request), "long");

  const int pages = page_count(path);
  BOOST_CHECK_GE(pages, 2);
  const std::string of = "共" + std::to_string(pages) + "页";
  for (int page = 1; page <= pages; ++page) {
    const std::string text = squeezed_text(path, page);
    check_contains(text, "第" + std::to_string(page) + "页" + of, "page");
    check_contains(text, "品名", "header row");
    check_contains(text, "金额（元）", "header row");
  }
  // The totals sit on the last page, and only there.
  const std::string last = squeezed_text(path, pages);
  check_contains(last, "人民币" + rmb_capitals(order.total()), "last page");
  BOOST_CHECK(squeezed_text(path, 1).find(format_yuan(order.total())) ==
              std::string::npos);
  check_contains(squeezed_text(path), "定制礼品第60号", "last item");
  check_pdf_clean(path);
  std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(a_character_no_font_has_names_field_and_code_point) {
  const Company seller = company();
  Order order = make_order(BusinessLine::gift, 3);
  order.customer.contact = "李\U0003134A";  // CJK extension G
  const DocumentRequest request =
      request_for(DocumentKind::contract, order, seller);
  try {
    renderer().render_pdf(request);
    BOOST_FAIL("a PDF was made with a character no font has");
  } catch (const RenderError& e) {
    const std::string what = e.what();
    BOOST_TEST_MESSAGE(what);
    BOOST_CHECK(what.find("U+3134A") != std::string::npos);
    BOOST_CHECK(what.find("customer.contact") != std::string::npos);
    BOOST_CHECK(what.find("GD-2026-0107") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(threads_share_one_renderer) {
  const Company seller = company();
  const Order gift = make_order(BusinessLine::gift, 15);
  const Order transport = make_order(BusinessLine::transport, 5);
  const DocumentRequest note =
      request_for(DocumentKind::shipment_note, gift, seller);
  const DocumentRequest contract =
      request_for(DocumentKind::contract, transport, seller);
  const std::string expected_note = renderer().render_pdf(note);
  const std::string expected_contract = renderer().render_pdf(contract);

  std::vector<std::string> notes(4), contracts(4);
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&, t] {
      notes[t] = renderer().render_pdf(note);
      contracts[t] = renderer().render_pdf(contract);
    });
  }
  for (auto& worker : workers) worker.join();
  for (int t = 0; t < 4; ++t) {
    BOOST_CHECK(notes[t] == expected_note);
    BOOST_CHECK(contracts[t] == expected_contract);
  }
}

BOOST_AUTO_TEST_CASE(a_bad_date_names_the_field) {
  const Company seller = company();
  Order order = make_order(BusinessLine::gift, 2);
  order.ship_date = "12/20/2026";
  const DocumentRequest request =
      request_for(DocumentKind::contract_approval, order, seller);
  try {
    renderer().render_pdf(request);
    BOOST_FAIL("a date in the wrong form was printed");
  } catch (const RenderError& e) {
    BOOST_CHECK(std::string(e.what()).find("order.ship_date") !=
                std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(chinese_dates) {
  BOOST_CHECK_EQUAL(*chinese_date("2026-12-04"), "2026年12月04日");
  BOOST_CHECK_EQUAL(*chinese_date(""), "");
  BOOST_CHECK(!chinese_date("2026/12/04"));
  BOOST_CHECK(!chinese_date("2026-13-04"));
}

BOOST_AUTO_TEST_CASE(the_sample_request_states_what_production_needs) {
  const Company seller = company();
  const Order order = sample_order();
  DocumentRequest request =
      request_for(DocumentKind::sample_request, order, seller);
  request.document_no = "DY-GD-2026-0107";
  request.version = 2;
  request.prepaid = order.prepayment_due();
  request.approvals = {{"部门负责人意见", "", "", ""}};
  request.watermark = "草稿";
  const std::string path = rendered(request, "sample");
  const std::string text = squeezed_text(path);

  check_shows(text, {
      {"打样申请单", "title"},
      {"DY-GD-2026-0107", "number"},
      {"第2版", "the order version it was made from"},
      {"2026年12月04日", "date"},
      {"304不锈钢（内胆）、竹木杯盖", "material"},
      {"哑光黑，杯盖原木色", "colour"},
      {"打样数量3", "sample quantity"},
      // 100 + 107 + 114 pieces in bulk, in the fields and the totals row.
      {"大货订购数量321", "bulk quantity"},
      {"大货合计321", "totals row"},
      {"定制礼品第3号", "items"},
      {"杯身激光雕刻企业LOGO", "what the customer wants"},
      {"30%，已收" + format_yuan(order.prepayment_due()), "prepayment"},
      {"部门负责人意见", "approval box"},
      {"第1页共1页", "page numbers"},
  });
  check_draft_mark(path);
  BOOST_CHECK_EQUAL(page_count(path), 1);
  check_pdf_clean(path);
  check_layout(path, "sample request");
  remove_unless_kept(path);
}

BOOST_AUTO_TEST_CASE(the_receipt_lists_what_the_customer_signs_for) {
  const Order order = make_order(BusinessLine::gift, 4);
  const auto [path, text] = issued_paper(DocumentKind::delivery_receipt,
                                         order, "HZ-FH-2026-0107");

  check_shows(text, {
      {"收货回执", "title"},
      {"回执编号：HZ-FH-2026-0107", "number"},
      {"发货单号：FH-2026-0107", "shipment number"},
      {"GD-2026-0107", "order number"},
      {"HT-2026-0107", "contract number"},
      {"王喆、李堃、𠮷祥家居有限公司", "customer"},
      {"定制礼品第4号", "items"},
      {"300×200×80mm", "spec"},
      // 100 + 107 + 114 + 121 pieces shipped.
      {"合计442", "total shipped"},
      {"实收数量", "column the customer fills in"},
      {"收货单位（盖章）：", "stamp box"},
      {"收货人签字：", "signature box"},
      {"日期：年月日", "date line"},
      {"销售部、财务部各备档", "who keeps it"},
      {"第1页共1页", "page numbers"},
  });
  check_issued_page(path, text, order, "receipt");
}

BOOST_AUTO_TEST_CASE(the_dispatch_sheet_tells_the_driver_where_and_when) {
  Order order = make_order(BusinessLine::transport, 2);
  order.remarks = "司机须提前30分钟到达上车点。";
  const auto [path, text] = issued_paper(DocumentKind::dispatch_sheet, order,
                                         "PC-GD-2026-0107");

  check_shows(text, {
      {"派车单", "title"},
      {"派车单号：PC-GD-2026-0107", "number"},
      {"行程路线杭州—黄山—杭州", "route"},
      {"出发地杭州东站", "origin"},
      {"目的地黄山风景区", "destination"},
      {"用车时间2026-12-1007:30至2026-12-1218:00", "time"},
      {"乘车人数45", "headcount"},
      {"车型55座大巴", "vehicle type"},
      {"车辆数2", "vehicle count"},
      {"驾驶员赵师傅", "driver"},
      {"注意事项：司机须提前30分钟到达上车点。", "remarks"},
      {"出车里程（km）", "for the driver to fill in"},
      {"调度员：", "dispatcher's box"},
      {"第1页共1页", "page numbers"},
  });
  check_issued_page(path, text, order, "dispatch sheet");
}

// Long names and many items: every kind of every line wraps and continues
// over pages without a word past the margins, one word on another, or a
// line that starts with closing punctuation.
BOOST_AUTO_TEST_CASE(no_kind_runs_past_its_margins) {
  const Company seller = company();
  for (BusinessLine line : {BusinessLine::gift, BusinessLine::furniture,
                            BusinessLine::transport}) {
    Order order = sample_order();
    const Order many = make_order(line, 25);
    order.line = line;
    order.items = many.items;
    order.extra.insert(many.extra.begin(), many.extra.end());
    order.remarks = "客户要求：分两批送货，每批到货后三日内验收；"
                    "如遇节假日顺延。（以上内容经双方确认）";
    for (DocumentKind kind : all_document_kinds()) {
      const std::string name = std::string(document_kind_name(kind)) + "-" +
                               business_line_name(line) + "-fit";
      DocumentRequest request = request_for(kind, order, seller);
      // Papers that wait for a chain carry the draft mark.
      const bool issued = kind == DocumentKind::shipment_note ||
                          kind == DocumentKind::delivery_receipt ||
                          kind == DocumentKind::dispatch_sheet;
      if (!issued) request.watermark = "草稿";
      const std::string path = rendered(request, name);
      check_layout(path, name);
      remove_unless_kept(path);
    }
  }
}

// 241 mm continuous paper, whole (280 mm) and torn at half height (140
// mm): the shipment note and the receipt fit it as they fit A4.
BOOST_AUTO_TEST_CASE(shipment_note_and_receipt_on_continuous_paper) {
  const Company seller = company();
  const Order order = make_order(BusinessLine::gift, 6);
  const struct {
    const char* size;
    const char* points;  // as pdfinfo prints the page size
  } papers[] = {{"241x280", "683.15 x 793.701 pts"},
                {"241x140", "683.15 x 396.85 pts"}};

  for (const auto& paper : papers) {
    const std::string folder = "/tmp/danju-render-" +
                               std::to_string(getpid()) + "-" + paper.size;
    make_directories(folder);
    const std::string source = std::string(DANJU_SOURCE_DIR) + "/templates/";
    for (DocumentKind kind : all_document_kinds()) {
      const std::string file = std::string(document_kind_name(kind)) + ".toml";
      std::string text = read_file(source + file);
      const bool on_roll = kind == DocumentKind::shipment_note ||
                           kind == DocumentKind::delivery_receipt;
      const auto at = text.find("size = \"A4\"");
      if (on_roll) {
        BOOST_REQUIRE(at != std::string::npos);
        text.replace(at, 11, std::string("size = \"") + paper.size + "\"");
      }
      write_file_atomic(folder + "/" + file, text);
    }
    RendererSettings on_paper = settings();
    on_paper.templates_folder = folder;
    const DocumentRenderer roll(on_paper);

    for (DocumentKind kind :
         {DocumentKind::shipment_note, DocumentKind::delivery_receipt}) {
      const std::string name =
          std::string(document_kind_name(kind)) + "-" + paper.size;
      DocumentRequest request = request_for(kind, order, seller);
      request.approvals.clear();
      const std::string path = rendered(request, name, roll);
      BOOST_CHECK_EQUAL(page_size(path), paper.points);
      check_layout(path, name);

      // Four copies, each as many pages as it needs, each counted.
      const int pages = page_count(path);
      if (kind == DocumentKind::shipment_note) {
        BOOST_CHECK_EQUAL(pages % 4, 0);
        const int per_copy = pages / 4;
        const std::string last = squeezed_text(path, pages);
        check_contains(last, "第四联客户签收联", name);
        check_contains(last,
                       "第" + std::to_string(per_copy) + "页共" +
                           std::to_string(per_copy) + "页",
                       name);
        check_contains(last, "人民币" + rmb_capitals(order.total()), name);
      } else {
        const std::string last = squeezed_text(path, pages);
        check_contains(last, "收货人签字：", name);
        check_contains(squeezed_text(path), "定制礼品第6号", name);
      }
      if (std::string(paper.size) == "241x280") BOOST_CHECK_LE(pages, 4);
      remove_unless_kept(path);
    }
    std::filesystem::remove_all(folder);
  }
}

// An amount is read as one figure: too wide for its column, it is set in
// a smaller size on one line, never broken across two.
BOOST_AUTO_TEST_CASE(a_figure_wider_than_its_column_is_set_smaller) {
  const Company seller = company();
  Order order = make_order(BusinessLine::gift, 2);
  order.items[1].quantity = 98765;
  order.items[1].unit_price = Money(987654321);  // 9,876,543.21 each
  const std::string amount = format_plain(order.items[1].amount());
  const std::string total = format_plain(order.total());
  BOOST_REQUIRE_GT(amount.size(), 17u);  // wider than the 金额 column

  for (DocumentKind kind :
       {DocumentKind::contract, DocumentKind::shipment_note}) {
    DocumentRequest request = request_for(kind, order, seller);
    request.approvals.clear();
    const std::string name = std::string(document_kind_name(kind)) + "-wide";
    const std::string path = rendered(request, name);
    check_layout(path, name);

    const auto pages = danju::testing::read_pdf_words(path);
    BOOST_REQUIRE(!pages.empty());
    double amount_height = 0, name_height = 0;
    bool total_whole = false;
    for (const auto& word : pages.front().words) {
      if (word.text == amount) amount_height = word.y_max - word.y_min;
      if (word.text == "定制礼品第2号") name_height = word.y_max - word.y_min;
      total_whole = total_whole || word.text.find(total) != std::string::npos;
    }
    BOOST_CHECK_MESSAGE(amount_height > 0, name + ": " + amount +
                                               " is not one word");
    BOOST_CHECK_MESSAGE(total_whole, name + ": " + total + " is split");
    // Set smaller than the text of the same row, but still legible.
    BOOST_CHECK_LT(amount_height, name_height);
    BOOST_CHECK_GT(amount_height, name_height * 0.5);
    remove_unless_kept(path);
  }
}

// A long footer (the bank line of an A5 contract) wraps beside the page
// count instead of running over it and off the paper; a long number line
// leaves the date a line of its own, and a date line too long for it wraps.
BOOST_AUTO_TEST_CASE(a_long_footer_wraps_beside_the_page_count) {
  const TemplateCopy a5(
      "a5-footer", "contract.gift.toml",
      "[page]\nsize = \"A5\"\n\n"
      "[header]\ntitle = \"购 销 合 同\"\nqr = true\n"
      // Too long to share its line with the date.
      "number = \"合同编号：{document.no}　订单编号：{order.order_no}"
      "　业务员：{order.salesperson}\"\n"
      // Too long for a line of its own.
      "date = \"日期：{document.date}　{company.address}　{company.bank}"
      "　账号 {company.account}　{customer.address}\"\n\n"
      "[[block]]\ntype = \"fields\"\n"
      "rows = [[\"客户名称\", \"{customer.name}\"]]\n\n"
      "[footer]\n"
      "left = \"{company.name}　开户行：{company.bank}"
      "　账号：{company.account}\"\n");
  // The same with the page number in the left text: it wraps too.
  const TemplateCopy paged(
      "a5-footer-paged", "contract.gift.toml",
      "[page]\nsize = \"A5\"\n\n"
      "[[block]]\ntype = \"fields\"\n"
      "rows = [[\"客户名称\", \"{customer.name}\"]]\n\n"
      "[footer]\n"
      "left = \"第{page.no}页　{company.name}　开户行：{company.bank}"
      "　账号：{company.account}\"\n");
  const DocumentRenderer& small = *a5.renderer;

  Company seller = company();
  seller.bank = "中国工商银行股份有限公司杭州市西湖区文三路高新技术开发区"
                "科技园支行营业部";
  seller.account = "1202 0000 1234 5678 9012 3456";
  const Order order = make_order(BusinessLine::gift, 3);
  DocumentRequest request =
      request_for(DocumentKind::contract, order, seller);
  const std::string path = rendered(request, "contract-a5-footer", small);
  danju::testing::Margins margins;
  check_layout(path, "A5 contract with a long bank line", margins);

  // The account number, at the end of the footer, is on the paper whole,
  // on a line of its own below the start of the footer.
  const auto pages = danju::testing::read_pdf_words(path);
  BOOST_REQUIRE(!pages.empty());
  double account_top = 0, company_top = 0;
  for (const auto& word : pages.front().words) {
    if (word.text.find("5678") != std::string::npos) {
      account_top = std::max(account_top, word.y_min);
    }
    if (word.text.find(seller.name) == 0) {
      company_top = std::max(company_top, word.y_min);
    }
  }
  BOOST_CHECK_GT(account_top, 0);
  BOOST_CHECK_GT(account_top, company_top);
  check_contains(squeezed_text(path), "9012345", "the account number");
  remove_unless_kept(path);

  const std::string paged_path =
      rendered(request, "contract-a5-footer-paged", *paged.renderer);
  check_layout(paged_path, "A5 contract with the page in a long footer");
  const std::string paged_text = squeezed_text(paged_path);
  check_contains(paged_text, "第1页", "the page number");
  check_contains(paged_text, "9012345", "the account number");
  remove_unless_kept(paged_path);
}

// A5 with everything too wide for it: a number line longer than the page,
// a right footer longer than half of it, four signature boxes whose labels
// take several lines and whose date lines are wider than the boxes, and a
// table whose first column carries a total. Everything stays on the paper,
// nothing overlaps, and nothing is left out.
BOOST_AUTO_TEST_CASE(an_a5_paper_with_everything_too_wide_still_fits) {
  const TemplateCopy copy("a5-wide", "delivery_receipt.toml",
      "[page]\nsize = \"A5\"\n\n"
      "[header]\ntitle = \"收 货 回 执\"\n"
      "number = \"发货单号：{order.shipment_no}　合同编号：{order.contract_no}"
      "　订单编号：{order.order_no}　客户：{customer.name}\"\n\n"
      "[[block]]\ntype = \"items\"\ntotal_label = \"合计\"\n"
      "[[block.column]]\nheader = \"数量\"\nvalue = \"{item.quantity}\"\n"
      "total = \"{order.total_quantity}\"\nwidth = 20\nformat = \"integer\"\n"
      "[[block.column]]\nheader = \"品名\"\nvalue = \"{item.name}\"\n"
      "width = 98\n\n"
      "[[block]]\ntype = \"signatures\"\n"
      "boxes = [\"收货人签字（请用正楷书写全名并注明身份证号后四位）：\", "
      "\"仓库：\", \"承运人：\", \"业务员：\"]\n"
      "date_line = \"日期：　　　　年　　　月　　　日\"\n\n"
      "[footer]\nleft = \"{company.name}\"\n"
      "right = \"开户行：{company.bank}　账号：{company.account}　"
      "第 {page.no} 页 共 {page.count} 页\"\n");
  const DocumentRenderer& small = *copy.renderer;

  const Company seller = company();
  const Order order = make_order(BusinessLine::gift, 3);
  DocumentRequest request =
      request_for(DocumentKind::delivery_receipt, order, seller);
  request.approvals.clear();
  const std::string path = rendered(request, "receipt-a5-wide", small);
  check_layout(path, "A5 receipt with everything too wide");
  BOOST_CHECK_EQUAL(page_count(path), 1);

  const std::string text = squeezed_text(path);
  // The label's last line, on the paper too.
  check_contains(text, "后四位）：", "the whole signature label");
  check_contains(text, "合计" + std::to_string(100 + 107 + 114),
                 "the first column's total");
  check_contains(text, "第1页共1页", "the page count");
  check_contains(text, "客户：王喆、李堃、𠮷祥家居有限公司", "the number line");
  // A right footer too long for half the width even at 5 points takes
  // the bottom line alone, the left text above it.
  std::string wide_right = read_file(copy.folder + "/delivery_receipt.toml");
  const auto right_at = wide_right.find("right = \"");
  BOOST_REQUIRE(right_at != std::string::npos);
  wide_right.insert(right_at + 9, "{company.address}　");
  // And eight signature boxes whose date line has more than blanks.
  const auto boxes_at = wide_right.find("boxes = [");
  BOOST_REQUIRE(boxes_at != std::string::npos);
  wide_right.insert(boxes_at + 9, "\"甲：\", \"乙：\", \"丙：\", \"丁：\", ");
  const auto date_at = wide_right.find("date_line = \"");
  BOOST_REQUIRE(date_at != std::string::npos);
  wide_right.insert(date_at + 13, "签收日期及时间　");
  const TemplateCopy stacked("a5-stacked", "delivery_receipt.toml",
                             wide_right);
  const std::string stacked_path =
      rendered(request, "receipt-a5-stacked", *stacked.renderer);
  check_layout(stacked_path, "A5 receipt with a right footer of its own");
  check_contains(squeezed_text(stacked_path), "第1页共1页", "the page count");
  remove_unless_kept(stacked_path);

  std::size_t dates = 0;
  for (std::size_t at = text.find("日期：年月日"); at != std::string::npos;
       at = text.find("日期：年月日", at + 1)) {
    ++dates;
  }
  BOOST_CHECK_EQUAL(dates, 4u);
  remove_unless_kept(path);
}

// A footer that takes most of a small page: the paper is refused with a
// message that names the room the header and the footer leave.
BOOST_AUTO_TEST_CASE(a_row_taller_than_the_room_says_what_took_it) {
  const TemplateCopy copy("tall-footer", "delivery_receipt.toml",
      "[page]\nsize = \"241x93\"\nmargin_top = 20\nmargin_bottom = 20\n\n"
      "[header]\ntitle = \"收货回执\"\ntitle_size = 12\ncompany = \"\"\n\n"
      "[[block]]\ntype = \"fields\"\n"
      "rows = [[\"客户\", \"{customer.name}\"]]\n\n"
      "[footer]\nfont_size = 14\n"
      "left = \"" + std::string(
          "{company.name}　{company.address}　{company.bank}　"
          "{company.account}　{company.phone}　") + std::string(
          "{company.name}　{company.address}　{company.bank}　"
          "{company.account}　{company.phone}　") + std::string(
          "{company.name}　{company.address}　{company.bank}　"
          "{company.account}　{company.phone}\"\n"));
  const DocumentRenderer& roll = *copy.renderer;

  const Company seller = company();
  const Order order = make_order(BusinessLine::gift, 1);
  DocumentRequest request =
      request_for(DocumentKind::delivery_receipt, order, seller);
  request.approvals.clear();
  try {
    roll.render_pdf(request);
    BOOST_ERROR("a page with no room was rendered");
  } catch (const RenderError& error) {
    const std::string what = error.what();
    BOOST_TEST(what.find("delivery_receipt.toml") != std::string::npos, what);
    BOOST_TEST(what.find("the header and the footer leave") !=
                   std::string::npos,
               what);
  }
}

// A company name too long for the room between the paper code and the copy
// label of an A5 four-part note: set smaller, then wrapped, never under
// the label.
BOOST_AUTO_TEST_CASE(a_long_company_name_keeps_clear_of_the_copy_label) {
  // The note's own copies, on A5 with one field.
  const std::string note = read_file(std::string(DANJU_SOURCE_DIR) +
                                     "/templates/shipment_note.toml");
  const auto copies = note.find("[[copy]]");
  BOOST_REQUIRE(copies != std::string::npos);
  const TemplateCopy copy("a5-company", "shipment_note.toml",
                          "[page]\nsize = \"A5\"\n\n"
                          "[header]\ntitle = \"发 货 单\"\nqr = true\n\n"
                          "[[block]]\ntype = \"fields\"\n"
                          "rows = [[\"客户名称\", \"{customer.name}\"]]\n\n" +
                              note.substr(copies));
  const DocumentRenderer& small = *copy.renderer;

  Company seller = company();
  seller.name = "浙江省杭州市西湖区丹聚全屋定制家具与礼品科技股份有限公司"
                "第二分公司";
  const Order order = make_order(BusinessLine::gift, 1);
  DocumentRequest request =
      request_for(DocumentKind::shipment_note, order, seller);
  request.approvals.clear();
  const std::string path = rendered(request, "note-a5-company", small);
  check_layout(path, "A5 note with a long company name");
  check_contains(squeezed_text(path, 1), "科技股份有限公司第二分公司",
                 "the company's whole name");
  remove_unless_kept(path);
}
