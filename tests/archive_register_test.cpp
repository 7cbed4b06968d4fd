// The month's register and export, end to end: a real night run makes the
// documents, the real danju binary writes the register and the zip, and
// openpyxl and Python's zipfile read them back.
#define BOOST_TEST_MODULE archive_register
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "fixtures/child_process.h"
#include "fixtures/job_folder.h"
#include "fixtures/job_run.h"
#include "fixtures/python_check.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::testing::ChildProcess;
using danju::testing::JobFolder;
using danju::testing::parse_facts;
using danju::testing::run_python;

namespace {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome danju_cli(const std::vector<std::string>& arguments) {
  ChildProcess child(DANJU_BINARY, arguments);
  Outcome outcome;
  outcome.code = child.wait(&outcome.out, &outcome.err);
  return outcome;
}

// LP001: a confirmed order (contract and approval form); LP002: sample
// confirmed and paid in full (also the order sheet and the shipment note).
std::string orders_csv() {
  return std::string(danju::testing::order_csv_header()) +
         "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
         "宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只,100,58.80\r\n"
         "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
         "宁波鸿达贸易有限公司,王喆,定制U盘,64GB,个,50,35.50\r\n"
         "LP002,礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,黄伟,"
         "杭州某某家具有限公司,李堃,定制笔记本,A5,本,10,28.00\r\n";
}

const char* const kPayments =
    "订单号,款项类型,金额,到账日期\r\n"
    "LP002,预付款,84.00,2026-11-21\r\n"
    "LP002,尾款,196.00,2026-12-03\r\n";

// Reads a register back: the sheet's setup, then each row by its file path.
const char* const kReadRegister = R"(
import sys, openpyxl
path = sys.argv[1]
book = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)
ws, wv = book.active, cached.active
def out(key, value):
    text = str(value).replace('\\', '\\\\').replace('\n', '\\n')
    print(key + '\t' + text)
# A whole number of yuan reads back as an int: both are numbers.
def kind_of(value):
    return 'number' if type(value) in (int, float) else type(value).__name__
out('max_row', ws.max_row)
out('freeze', ws.freeze_panes)
out('orientation', ws.page_setup.orientation)
out('paper', ws.page_setup.paperSize)
# An absent fitToWidth means the default of the format: one page wide.
width = ws.page_setup.fitToWidth
out('fit_width', 1 if width is None else width)
out('fit_height', ws.page_setup.fitToHeight)
out('fit_to_page', ws.sheet_properties.pageSetUpPr.fitToPage)
out('filter', ws.auto_filter.ref)
out('print_titles', ws.print_title_rows)
out('footer', ws.oddFooter.center.text)
out('heading', '|'.join(str(c.value) for c in ws[1]))
total = 0
last = ws.max_row
data_rows = last - 1
if last > 1 and str(ws.cell(last, 1).value).startswith('合计'):
    data_rows -= 1
    out('total_formula', ws.cell(last, 7).value)
    out('total_cached_fen', round(wv.cell(last, 7).value * 100))
    out('total_type', kind_of(wv.cell(last, 7).value))
out('data_rows', data_rows)
formulas = 0
for r in range(2, 2 + data_rows):
    cells = [ws.cell(r, c) for c in range(1, 12)]
    for c in cells:
        if c.data_type == 'f':
            formulas += 1
    p = cells[9].value
    amount = cells[6].value
    total += round(amount * 100)
    out('row:' + p + ':no', cells[4].value)
    out('row:' + p + ':date', cells[0].value)
    out('row:' + p + ':customer', cells[2].value)
    out('row:' + p + ':kind', cells[3].value)
    out('row:' + p + ':fen', round(amount * 100))
    out('row:' + p + ':amount_type', kind_of(amount))
    out('row:' + p + ':format', cells[6].number_format)
    out('row:' + p + ':state', cells[7].value)
    out('row:' + p + ':approvals', cells[8].value or '')
    out('row:' + p + ':sha256', cells[10].value)
out('rows_fen', total)
out('formulas_in_rows', formulas)
)";

// Reads an export back: every file's name with its SHA-256, and whether
// MANIFEST.sha256 agrees with the content.
const char* const kReadZip = R"(
import sys, zipfile, hashlib
z = zipfile.ZipFile(sys.argv[1])
# Folders get entries of their own ("documents/"); they hold no content.
names = [n for n in z.namelist() if not n.endswith('/')]
print('count\t%d' % len(names))
print('test\t%s' % (z.testzip() or 'ok'))
for n in names:
    print('file:%s\t%s' % (n, hashlib.sha256(z.read(n)).hexdigest()))
listed, good = set(), 0
for line in z.read('MANIFEST.sha256').decode('utf-8').splitlines():
    digest, name = line.split('  ', 1)
    listed.add(name)
    if hashlib.sha256(z.read(name)).hexdigest() == digest:
        good += 1
print('manifest_lines\t%d' % len(listed))
print('manifest_good\t%d' % good)
unlisted = set(names) - listed - {'MANIFEST.sha256'}
print('unlisted\t%s' % ','.join(sorted(unlisted)))
)";

std::map<std::string, std::string> python_facts(const char* script,
                                                const std::string& file) {
  const auto result = run_python({"-c", script, file});
  BOOST_REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  return parse_facts(result.out);
}

// A job that has had its night on 2026-12-04, with every step of LP001's
// approval form approved from the command line (so it has a stamped
// approved PDF too).
struct RunJob {
  JobFolder job;
  std::string db_path;

  RunJob() {
    job.write("inbox/orders.csv", orders_csv());
    job.write("inbox/payments.csv", kPayments);
    const Outcome run = danju_cli(
        {"run", job.job_file(), "--date", "2026-12-04", "--quiet"});
    BOOST_REQUIRE_MESSAGE(run.code == 0, run.out + run.err);
    db_path = job.path("data/danju.sqlite");
    BOOST_REQUIRE(danju::testing::approve_pending(job, "contract_approval",
                                                  "LP001") > 0);
  }

  std::int64_t count(const std::string& sql) const {
    danju::Database db(db_path, true);
    danju::Statement q = db.prepare(sql);
    q.step();
    return q.integer(0);
  }
};

// What the register must show, worked out from the tables independently:
// the PDF papers of December, the approved PDF where there is one.
struct ExpectedRow {
  std::string document_no;
  std::int64_t fen = 0;
  std::string sha256;
  std::string approvals;
};

std::map<std::string, ExpectedRow> expected_rows(const std::string& db_path) {
  danju::Database db(db_path, true);
  danju::Statement q = db.prepare(
      "SELECT d.path, d.document_no, o.total_fen, d.sha256, "
      "(SELECT id FROM documents p WHERE p.order_no = d.order_no AND "
      " p.order_version = d.order_version AND p.kind = d.kind AND "
      " p.format = 'pdf') FROM documents d JOIN orders o ON "
      "o.order_no = d.order_no AND o.version = d.order_version "
      "WHERE d.business_date LIKE '2026-12-%' AND (d.format = "
      "'approved.pdf' OR (d.format = 'pdf' AND NOT EXISTS (SELECT 1 FROM "
      "documents a WHERE a.order_no = d.order_no AND a.order_version = "
      "d.order_version AND a.kind = d.kind AND a.format = 'approved.pdf')))");
  std::map<std::string, ExpectedRow> rows;
  while (q.step()) {
    ExpectedRow row;
    row.document_no = q.text(1);
    row.fen = q.integer(2);
    row.sha256 = q.text(3);
    danju::Statement steps = db.prepare(
        "SELECT approver_name, decided_at FROM approval_steps WHERE "
        "document_id = ?1 AND state = 'approved' ORDER BY step");
    steps.bind(1, q.integer(4));
    while (steps.step()) {
      if (!row.approvals.empty()) row.approvals += "; ";
      row.approvals += steps.text(0) + " " + steps.text(1).substr(0, 10);
    }
    rows[q.text(0)] = row;
  }
  return rows;
}

}  // namespace

BOOST_AUTO_TEST_CASE(register_rows_match_the_documents_table) {
  RunJob run;
  BOOST_REQUIRE(run.count("SELECT COUNT(*) FROM documents WHERE format = "
                          "'approved.pdf'") == 2);

  const Outcome made = danju_cli(
      {"register", run.job.job_file(), "--month", "2026-12"});
  BOOST_REQUIRE_MESSAGE(made.code == 0, made.out + made.err);
  const std::string path = run.job.path("output/registers/"
                                        "register-2026-12.xlsx");
  BOOST_TEST(made.out.find(path) != std::string::npos, made.out);
  BOOST_REQUIRE(fs::exists(path));

  auto facts = python_facts(kReadRegister, path);
  const auto expected = expected_rows(run.db_path);
  // LP001: contract, approval form (approved); LP002: contract, approval
  // form, shipment note, customer's receipt (its order sheet waits for
  // the approved contract).
  BOOST_TEST(expected.size() == 6u);
  BOOST_TEST(facts["data_rows"] == std::to_string(expected.size()));
  BOOST_TEST(facts["max_row"] == std::to_string(expected.size() + 2));

  std::int64_t sum = 0;
  int with_approvals = 0;
  for (const auto& [file, row] : expected) {
    const std::string key = "row:" + file + ":";
    BOOST_TEST(facts[key + "no"] == row.document_no, file);
    BOOST_TEST(facts[key + "fen"] == std::to_string(row.fen), file);
    BOOST_TEST(facts[key + "amount_type"] == "number", file);
    BOOST_TEST(facts[key + "format"] == "¥#,##0.00", file);
    BOOST_TEST(facts[key + "sha256"] == row.sha256, file);
    BOOST_TEST(facts[key + "date"] == "2026-12-04", file);
    BOOST_TEST(facts[key + "approvals"] == row.approvals, file);
    if (!row.approvals.empty()) ++with_approvals;
    sum += row.fen;
  }
  BOOST_TEST(with_approvals == 1);

  // LP001: 100 × 58.80 + 50 × 35.50 = 7,655.00; LP002: 280.00.
  const std::string approved_form = [&] {
    for (const auto& [file, row] : expected) {
      if (file.find("SP-") != std::string::npos &&
          file.find("-approved.pdf") != std::string::npos) {
        return file;
      }
    }
    return std::string();
  }();
  BOOST_REQUIRE(!approved_form.empty());
  BOOST_TEST(facts["row:" + approved_form + ":fen"] == "765500");
  BOOST_TEST(facts["row:" + approved_form + ":customer"] ==
             "宁波鸿达贸易有限公司");
  BOOST_TEST(facts["row:" + approved_form + ":kind"] == "合同审批单");
  BOOST_TEST(facts["row:" + approved_form + ":state"] == "已审批");
  BOOST_TEST(facts["row:" + approved_form + ":approvals"].find("王喆 ") == 0u);

  BOOST_TEST(sum == 4 * 28000 + 2 * 765500);
  BOOST_TEST(facts["rows_fen"] == std::to_string(sum));
  BOOST_TEST(facts["total_cached_fen"] == std::to_string(sum));
  BOOST_TEST(facts["total_type"] == "number");
  BOOST_TEST(facts["total_formula"] == "=SUM(G2:G7)");
  BOOST_TEST(facts["formulas_in_rows"] == "0");

  BOOST_TEST(facts["freeze"] == "A2");
  BOOST_TEST(facts["orientation"] == "landscape");
  BOOST_TEST(facts["paper"] == "9");
  BOOST_TEST(facts["fit_to_page"] == "True");
  BOOST_TEST(facts["fit_width"] == "1");
  BOOST_TEST(facts["fit_height"] == "0");
  BOOST_TEST(facts["filter"] == "A1:K7");
  BOOST_TEST(facts["print_titles"] == "$1:$1");
  BOOST_TEST(facts["footer"].find("&P") != std::string::npos);
  BOOST_TEST(facts["heading"].find("金额（元）") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(export_holds_every_document_with_a_true_manifest) {
  RunJob run;
  fs::create_directories(run.job.path("output/archive/2026-12"));
  run.job.write("output/archive/2026-12/trail.txt", "审批记录\n");
  fs::create_directories(run.job.path("output/archive/2026-12/deep"));
  run.job.write("output/archive/2026-12/deep/manifest.txt", "x\n");
  run.job.write("output/archive/2026-12/half.txt.tmp-123", "partial");

  const std::string zip = run.job.path("month.zip");
  const Outcome made = danju_cli(
      {"export", run.job.job_file(), "--month", "2026-12", "--out", zip});
  BOOST_REQUIRE_MESSAGE(made.code == 0, made.out + made.err);
  BOOST_TEST(made.out.find(zip) != std::string::npos, made.out);
  // Nothing temporary is left beside the zip.
  for (const auto& entry : fs::directory_iterator(run.job.root())) {
    BOOST_TEST(entry.path().filename().string().find(".tmp-") ==
               std::string::npos, entry.path());
  }

  auto facts = python_facts(kReadZip, zip);
  BOOST_TEST(facts["test"] == "ok");

  danju::Database db(run.db_path, true);
  danju::Statement documents = db.prepare(
      "SELECT path, sha256 FROM documents WHERE business_date LIKE "
      "'2026-12-%'");
  int recorded = 0;
  while (documents.step()) {
    ++recorded;
    BOOST_TEST(facts["file:" + documents.text(0)] == documents.text(1),
               documents.text(0));
  }
  // 6 PDFs, the stamped form and the signed contract, and the two
  // approval forms' spreadsheets.
  BOOST_TEST(recorded == 10);

  BOOST_TEST(!facts["file:registers/register-2026-12.xlsx"].empty());
  BOOST_TEST(facts["file:archive/2026-12/trail.txt"] ==
             danju::sha256_hex("审批记录\n"));
  BOOST_TEST(!facts["file:archive/2026-12/deep/manifest.txt"].empty());
  BOOST_TEST(facts.count("file:archive/2026-12/half.txt.tmp-123") == 0u);

  // Documents, register, every file of the month's archive (what the run
  // filed and the two written above), and the manifest itself.
  int archived = 0;
  for (const auto& entry : fs::recursive_directory_iterator(
           run.job.path("output/archive/2026-12"))) {
    if (entry.is_regular_file() &&
        entry.path().string().find(".tmp-") == std::string::npos) {
      ++archived;
    }
  }
  BOOST_TEST(archived > 2);
  const int files = recorded + 1 + archived;
  BOOST_TEST(facts["count"] == std::to_string(files + 1));
  BOOST_TEST(facts["manifest_lines"] == std::to_string(files));
  BOOST_TEST(facts["manifest_good"] == std::to_string(files));
  BOOST_TEST(facts["unlisted"] == "");
}

BOOST_AUTO_TEST_CASE(export_refuses_a_changed_document) {
  RunJob run;
  std::string changed;
  {
    danju::Database db(run.db_path, true);
    danju::Statement q = db.prepare(
        "SELECT path FROM documents WHERE format = 'pdf' LIMIT 1");
    BOOST_REQUIRE(q.step());
    changed = q.text(0);
  }
  run.job.write("output/" + changed, "not the document");

  const std::string zip = run.job.path("month.zip");
  const Outcome made = danju_cli(
      {"export", run.job.job_file(), "--month", "2026-12", "--out", zip});
  BOOST_TEST(made.code == 1);
  BOOST_TEST(made.err.find(changed) != std::string::npos, made.err);
  BOOST_TEST(made.err.find("no zip was written") != std::string::npos);
  BOOST_TEST(!fs::exists(zip));
}

BOOST_AUTO_TEST_CASE(a_month_without_papers_has_the_header_only) {
  RunJob run;
  const std::string path = run.job.path("november.xlsx");
  const Outcome made = danju_cli(
      {"register", run.job.job_file(), "--month", "2026-11", "--out", path});
  BOOST_REQUIRE_MESSAGE(made.code == 0, made.out + made.err);
  BOOST_TEST(made.out.find("no PDF document is dated in 2026-11") !=
                 std::string::npos, made.out);
  BOOST_TEST(made.out.find("header row only") != std::string::npos);

  auto facts = python_facts(kReadRegister, path);
  BOOST_TEST(facts["max_row"] == "1");
  BOOST_TEST(facts["data_rows"] == "0");
  BOOST_TEST(facts.count("total_formula") == 0u);
  BOOST_TEST(facts["freeze"] == "A2");
  BOOST_TEST(facts["orientation"] == "landscape");
}

BOOST_AUTO_TEST_CASE(an_impossible_month_is_refused) {
  // The month is checked before the job is read; no run is needed.
  struct {
    JobFolder job;
  } run;
  for (const std::string command : {"register", "export"}) {
    const Outcome refused = danju_cli(
        {command, run.job.job_file(), "--month", "2026-13", "--out",
         run.job.path("x.out")});
    BOOST_TEST(refused.code == 2, command);
    BOOST_TEST(refused.err.find("--month 2026-13 is not a month") !=
                   std::string::npos, refused.err);
    BOOST_TEST(!fs::exists(run.job.path("x.out")));
  }
  const Outcome missing = danju_cli({"register", run.job.job_file()});
  BOOST_TEST(missing.code == 2);
  BOOST_TEST(missing.err.find("--month") != std::string::npos);
}
