// The spreadsheets of the approval form and the order sheet, read back with
// openpyxl (Debian's /usr/bin/python3) and, for formulas, from the sheet XML.
#define BOOST_TEST_MODULE render_xlsx
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "core/file_io.h"
#include "core/money.h"
#include "core/text.h"
#include "fixtures/renderer_settings.h"
#include "render/document_renderer.h"
#include "render/xlsx_writer.h"

using namespace danju;

namespace {

// Dumps a workbook as lines: "meta<TAB>name<TAB>value" and
// "cell<TAB>coordinate<TAB>type<TAB>number format<TAB>value".
const char kReader[] = R"(
import sys, zipfile, openpyxl
path = sys.argv[1]
book = openpyxl.load_workbook(path)
sheet = book.worksheets[0]
def meta(name, value):
    print("meta\t%s\t%s" % (name, value))
meta("sheets", "|".join(book.sheetnames))
meta("merged", "|".join(sorted(str(r) for r in sheet.merged_cells.ranges)))
meta("freeze", sheet.freeze_panes)
meta("paper", sheet.page_setup.paperSize)
meta("fit_width", sheet.page_setup.fitToWidth)
meta("fit_height", sheet.page_setup.fitToHeight)
meta("fit", sheet.sheet_properties.pageSetUpPr.fitToPage)
meta("title_rows", sheet.print_title_rows)
meta("footer", sheet.oddFooter.center.text)
meta("header", sheet.oddHeader.center.text)
formulas = 0
with zipfile.ZipFile(path) as z:
    for name in z.namelist():
        if name.startswith("xl/worksheets/"):
            data = z.read(name).decode("utf-8")
            formulas += data.count("<f>") + data.count("<f ")
meta("formulas", formulas)
for row in sheet.iter_rows():
    for cell in row:
        if cell.value is None:
            continue
        kind = type(cell.value).__name__
        text = repr(cell.value) if kind == "float" else str(cell.value)
        print("cell\t%s\t%s\t%s\t%s" % (cell.coordinate, kind,
              cell.number_format, text.replace("\n", "\\n")))
)";

struct CellRead {
  std::string type, format, value;
};

struct Workbook {
  std::map<std::string, std::string> meta;
  std::map<std::string, CellRead> cells;

  // The coordinate of the first cell showing value exactly.
  std::string find(const std::string& value) const {
    for (const auto& [coordinate, cell] : cells) {
      if (cell.value == value) return coordinate;
    }
    return "";
  }
  bool has_text(const std::string& value) const {
    for (const auto& entry : cells) {
      if (entry.second.value == value && entry.second.type == "str") {
        return true;
      }
    }
    return false;
  }
};

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

Workbook read_back(const std::string& path) {
  const std::string script =
      "/tmp/danju-xlsx-reader-" + std::to_string(getpid()) + ".py";
  write_file_atomic(script, kReader);
  const std::string out = run("/usr/bin/python3 " + script + " " + path +
                              " 2>&1");
  std::remove(script.c_str());

  Workbook book;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto parts = split(line, '\t');
    if (parts.size() == 3 && parts[0] == "meta") {
      book.meta[parts[1]] = parts[2];
    } else if (parts.size() == 5 && parts[0] == "cell") {
      book.cells[parts[1]] = CellRead{parts[2], parts[3], parts[4]};
    }
  }
  BOOST_REQUIRE_MESSAGE(book.meta.count("sheets"), "openpyxl said: " + out);
  return book;
}

const DocumentRenderer& renderer() {
  static const DocumentRenderer instance(testing::shipped_renderer_settings());
  return instance;
}

// An order whose text looks like formulas to a spreadsheet, with a credit
// line of −500.00.
Order tricky_order() {
  Order o;
  o.order_no = "GD-2026-0201";
  o.contract_no = "HT-2026-0201";
  o.line = BusinessLine::gift;
  o.date = "2026-11-30";
  o.ship_date = "2026-12-24";
  o.department = "销售二部";
  o.salesperson = "@张工";
  o.customer.name = "=HYPERLINK(\"http://example.invalid/\",\"查看\")";
  o.customer.contact = "王喆";
  o.customer.phone = "+86 139 0000 1234";
  o.payment_terms = "-30% 预付";
  LineItem mug;
  mug.name = "定制马克杯";
  mug.spec = "350ml";
  mug.unit = "个";
  mug.quantity = 1200;
  mug.unit_price = Money(2350);
  LineItem credit;
  credit.name = "老客户优惠";
  credit.unit = "项";
  credit.quantity = 1;
  credit.unit_price = Money(-50000);
  o.items = {mug, credit};
  return o;
}

DocumentRequest request_for(DocumentKind kind, const Order& order,
                            const Company& company) {
  DocumentRequest r;
  r.kind = kind;
  r.order = &order;
  r.company = &company;
  r.document_no = "SP-HT-2026-00007";
  r.date = "2026-12-04";
  r.approvals = {{"部门负责人意见", "张伟", "同意", "2026-12-04 09:30 +08:00"},
                 {"财务意见", "", "", ""}};
  return r;
}

std::string temp_path(const std::string& name) {
  return "/tmp/danju-xlsx-" + std::to_string(getpid()) + "-" + name +
         ".xlsx";
}

}  // namespace

BOOST_AUTO_TEST_CASE(both_kinds_have_a_spreadsheet) {
  BOOST_CHECK(DocumentRenderer::has_xlsx(DocumentKind::contract_approval));
  BOOST_CHECK(DocumentRenderer::has_xlsx(DocumentKind::order_sheet));
  BOOST_CHECK(!DocumentRenderer::has_xlsx(DocumentKind::contract));
  BOOST_CHECK(!DocumentRenderer::has_xlsx(DocumentKind::shipment_note));
}

BOOST_AUTO_TEST_CASE(order_sheet_reads_back) {
  Company company;
  company.name = "杭州丹聚定制科技有限公司";
  const Order order = tricky_order();
  const DocumentRequest request =
      request_for(DocumentKind::order_sheet, order, company);
  const std::string path = temp_path("order-sheet");
  renderer().write_xlsx(request, path);
  const Workbook book = read_back(path);

  // Text that looks like a formula, a phone number or a mention stays text.
  BOOST_CHECK_EQUAL(book.meta.at("formulas"), "0");
  BOOST_CHECK(book.has_text(order.customer.name));
  BOOST_CHECK(book.has_text("@张工"));

  // A merged title across the top row.
  BOOST_CHECK_EQUAL(book.cells.at("A1").value, "内 部 订 货 单");
  BOOST_CHECK(book.meta.at("merged").find("A1:G1") != std::string::npos);

  // The item table: header row frozen and repeated when printed.
  const std::string head = book.find("品名");
  BOOST_REQUIRE(!head.empty());
  const int head_row = std::stoi(head.substr(1));
  BOOST_CHECK_EQUAL(book.meta.at("freeze"),
                    "A" + std::to_string(head_row + 1));
  BOOST_CHECK_EQUAL(book.meta.at("title_rows"),
                    "$" + std::to_string(head_row) + ":$" +
                        std::to_string(head_row));

  // Quantities, prices and amounts are numbers with number formats; the
  // credit line stays a negative number.
  const std::string first = std::to_string(head_row + 1);
  const std::string second = std::to_string(head_row + 2);
  BOOST_CHECK_EQUAL(book.cells.at("E" + first).type, "int");
  BOOST_CHECK_EQUAL(book.cells.at("E" + first).value, "1200");
  BOOST_CHECK_EQUAL(book.cells.at("E" + first).format, "#,##0");
  BOOST_CHECK_EQUAL(book.cells.at("F" + first).value, "23.5");
  BOOST_CHECK_EQUAL(book.cells.at("F" + first).format, "#,##0.00");
  BOOST_CHECK_EQUAL(book.cells.at("G" + first).value, "28200");
  BOOST_CHECK_EQUAL(book.cells.at("G" + second).value, "-500");
  BOOST_CHECK(book.cells.at("G" + second).type != "str");
  BOOST_CHECK_EQUAL(book.cells.at("G" + second).format, "#,##0.00");

  // The total as a number in yuan, the capitals as text after 人民币.
  const std::string total_row = std::to_string(head_row + 3);
  BOOST_CHECK_EQUAL(book.cells.at("A" + total_row).value, "合计");
  BOOST_CHECK_EQUAL(book.cells.at("G" + total_row).value, "27700");
  BOOST_CHECK_EQUAL(book.cells.at("G" + total_row).format, "#,##0.00");
  BOOST_CHECK(book.has_text("人民币" + rmb_capitals(order.total())));

  // Decided steps show the approver; the order of the chain is kept.
  BOOST_CHECK(book.has_text("部门负责人意见"));
  BOOST_CHECK(book.has_text("财务意见"));

  // Print setup: A4, one page wide, page numbers in the footer.
  BOOST_CHECK_EQUAL(book.meta.at("paper"), "9");
  BOOST_CHECK_EQUAL(book.meta.at("fit"), "True");
  // The file leaves fitToWidth out when it is 1, its default.
  BOOST_CHECK(book.meta.at("fit_width") == "1" ||
              book.meta.at("fit_width") == "None");
  BOOST_CHECK_EQUAL(book.meta.at("fit_height"), "0");
  BOOST_CHECK_EQUAL(book.meta.at("footer"), "第 &P 页 共 &N 页");
  BOOST_CHECK(book.meta.at("header").find("SP-HT-2026-00007") !=
              std::string::npos);
  BOOST_CHECK_EQUAL(book.meta.at("sheets"), "内部订货单 SP-HT-2026-00007");
  std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(approval_form_reads_back) {
  Company company;
  company.name = "杭州丹聚定制科技有限公司";
  const Order order = tricky_order();
  const DocumentRequest request =
      request_for(DocumentKind::contract_approval, order, company);
  const std::string path = temp_path("approval");
  renderer().write_xlsx(request, path);
  const Workbook book = read_back(path);

  BOOST_CHECK_EQUAL(book.meta.at("formulas"), "0");
  BOOST_CHECK_EQUAL(book.cells.at("A1").value, "合 同 审 批 单");
  BOOST_CHECK(book.has_text(order.customer.name));
  BOOST_CHECK(book.has_text("+86 139 0000 1234"));
  BOOST_CHECK(book.has_text("@张工"));
  BOOST_CHECK(book.has_text("-30% 预付"));
  BOOST_CHECK(book.has_text("2026年12月24日"));

  // 合同金额（小写）: the amount as a number in ¥ format.
  const std::string label = book.find("合同金额（小写）");
  BOOST_REQUIRE(!label.empty());
  const std::string amount = "B" + label.substr(1);
  BOOST_CHECK_EQUAL(book.cells.at(amount).value, "27700");
  BOOST_CHECK_EQUAL(book.cells.at(amount).format, "\xC2\xA5#,##0.00");
  BOOST_CHECK(book.has_text("人民币" + rmb_capitals(order.total())));
  BOOST_CHECK(book.has_text("同意　　审批人：张伟　　时间：2026-12-04 09:30 "
                            "+08:00"));
  BOOST_CHECK_EQUAL(book.meta.at("paper"), "9");
  std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(the_file_appears_whole_and_no_temporary_stays) {
  Company company;
  const Order order = tricky_order();
  const DocumentRequest request =
      request_for(DocumentKind::order_sheet, order, company);
  const std::string folder =
      "/tmp/danju-xlsx-folder-" + std::to_string(getpid());
  make_directories(folder);
  const std::string path = folder + "/sheet.xlsx";
  write_file_atomic(path, "old");
  renderer().write_xlsx(request, path);
  BOOST_CHECK_EQUAL(read_file(path).substr(0, 2), "PK");
  const std::string listing = run("ls -A " + folder);
  BOOST_CHECK_EQUAL(listing, "sheet.xlsx\n");
  std::remove(path.c_str());

  // A folder that does not exist is a RenderError naming the file.
  try {
    renderer().write_xlsx(request, folder + "/no/x.xlsx");
    BOOST_FAIL("a spreadsheet was written into a missing folder");
  } catch (const RenderError& e) {
    BOOST_CHECK(std::string(e.what()).find(folder + "/no/x.xlsx") !=
                std::string::npos);
    BOOST_CHECK(std::string(e.what()).find("GD-2026-0201") !=
                std::string::npos);
  }
  rmdir(folder.c_str());
}

BOOST_AUTO_TEST_CASE(sheet_names_are_made_valid) {
  std::set<std::string> used;
  BOOST_CHECK_EQUAL(valid_sheet_name("a[b]:c*d?e/f\\g", &used),
                    "a_b__c_d_e_f_g");
  BOOST_CHECK_EQUAL(valid_sheet_name("'引号'", &used), "引号");
  BOOST_CHECK_EQUAL(valid_sheet_name("", &used), "Sheet");
  const std::string long_name =
      valid_sheet_name("合同审批单合同审批单合同审批单合同审批单合同审批单"
                       "合同审批单合同审批单",
                       &used);
  BOOST_CHECK_EQUAL(decode_utf8(long_name).size(), 31u);
  // Characters beyond the BMP count twice, as Excel counts.
  const std::string wide = valid_sheet_name(
      "𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷", &used);
  BOOST_CHECK_EQUAL(decode_utf8(wide).size(), 15u);
  // Unique without regard to case, still at most 31.
  BOOST_CHECK_EQUAL(valid_sheet_name("SHEET", &used), "SHEET(2)");
  const std::string again = valid_sheet_name(
      "合同审批单合同审批单合同审批单合同审批单合同审批单合同审批单合同审批单",
      &used);
  BOOST_CHECK(again != long_name);
  BOOST_CHECK_EQUAL(decode_utf8(again).size(), 31u);
  BOOST_CHECK(again.find("(2)") != std::string::npos);
}
