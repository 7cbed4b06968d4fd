// The four documents made from the templates in templates/, read back with
// poppler's pdftotext and pdfinfo, and checked with qpdf.
#define BOOST_TEST_MODULE render_documents
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/file_io.h"
#include "core/money.h"
#include "core/text.h"
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
  }
  return "";
}

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
        }
        if (kind == DocumentKind::contract &&
            line == BusinessLine::transport) {
          check_contains(text, "杭州—黄山—杭州", name);
          check_contains(text, "黄山风景区", name);
          check_contains(text, "55座大巴", name);
          check_contains(text, "赵师傅", name);
          check_contains(text, "2026-12-1007:30", name);
        }
        if (std::getenv("DANJU_KEEP_PDF") == nullptr) {
          std::remove(path.c_str());
        }
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
