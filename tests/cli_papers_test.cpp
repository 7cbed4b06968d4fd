// Printed papers end to end, through the real danju program: a night run
// makes papers whose QR code a scanner (zbar) reads back, and
// `danju verify --paper` tells a genuine paper from a wrong or an unknown
// one; `danju calibrate` and the [preprinted] job keys for pre-printed
// forms.
#define BOOST_TEST_MODULE cli_papers
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "fixtures/child_process.h"
#include "fixtures/job_folder.h"
#include "fixtures/pdf_tools.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::testing::ChildProcess;
using danju::testing::JobFolder;

namespace {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome danju_command(const std::vector<std::string>& arguments) {
  ChildProcess child(DANJU_BINARY, arguments);
  Outcome outcome;
  outcome.code = child.wait(&outcome.out, &outcome.err);
  return outcome;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// LP001 is confirmed (contract and approval form, waiting for approval);
// LP002 is paid in full, so its shipment note is issued and filed.
void write_inbox(const JobFolder& job) {
  job.write("inbox/orders.csv",
            std::string(danju::testing::order_csv_header()) +
                "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
                "宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只,100,58.80\r\n"
                "LP002,礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,"
                "陈晓东,杭州某某家具有限公司,李堃,定制笔记本,A5,本,10,"
                "28.00\r\n");
  job.write("inbox/payments.csv",
            "订单号,款项类型,金额,到账日期\r\n"
            "LP002,全款,280.00,2026-12-03\r\n");
}

std::string content_hash(const JobFolder& job, const std::string& order_no) {
  danju::Database db(job.path("data/danju.sqlite"), true);
  danju::Statement query = db.prepare(
      "SELECT content_hash FROM orders WHERE order_no = ?1 AND version = 1");
  query.bind(1, order_no);
  BOOST_REQUIRE(query.step());
  return query.text(0);
}

// A job after a real night run on the inbox above.
struct RunJob {
  explicit RunJob(const std::string& tables = "") : job("", tables) {
    write_inbox(job);
    const Outcome run = danju_command(
        {"run", job.job_file(), "--date", "2026-12-04", "--quiet"});
    BOOST_REQUIRE_MESSAGE(run.code == 0, run.out + run.err);
  }
  Outcome paper(const std::string& text) {
    return danju_command({"verify", job.job_file(), "--paper", text});
  }
  JobFolder job;
};

const char kNote[] = "output/documents/2026-11/LP002/FH-LP002-v1.pdf";
const char kFiled[] = "output/archive/2026-12/LP002/FH-LP002-v1.pdf";

}  // namespace

BOOST_AUTO_TEST_CASE(the_code_on_a_paper_reads_back_and_checks_out) {
  RunJob run;
  const std::string expected =
      "DANJU1|FH-LP002|v1|" + content_hash(run.job, "LP002").substr(0, 12);

  // The paper as made and as filed for finance carry the same code.
  const std::string scanned =
      danju::testing::qr_text_on_first_page(run.job.path(kNote));
  BOOST_TEST(scanned == expected);
  BOOST_TEST(danju::testing::qr_text_on_first_page(run.job.path(kFiled)) ==
             expected);

  const Outcome good = run.paper(scanned);
  BOOST_TEST(good.code == 0, good.out + good.err);
  BOOST_TEST(contains(good.out, "FH-LP002 (发货单), version 1 of order LP002"),
             good.out);
  BOOST_TEST(contains(good.out, "archive:   archive/2026-12/LP002/"
                                "FH-LP002-v1.pdf (pdf, intact)"),
             good.out);
  BOOST_TEST(contains(good.out, "SHA-256 " + content_hash(run.job, "LP002")),
             good.out);
  BOOST_TEST(contains(good.out, "agrees with the records; exit code 0"),
             good.out);

  // A form still waiting for approval is on record but not filed.
  std::string form_no;
  {
    danju::Database db(run.job.path("data/danju.sqlite"), true);
    danju::Statement query = db.prepare(
        "SELECT document_no FROM documents WHERE order_no = 'LP001' AND "
        "kind = 'contract_approval' AND format = 'pdf'");
    BOOST_REQUIRE(query.step());
    form_no = query.text(0);
  }
  const std::string form = "DANJU1|" + form_no + "|v1|" +
                           content_hash(run.job, "LP001").substr(0, 12);
  const Outcome pending = run.paper(form);
  BOOST_TEST(pending.code == 0, pending.out + pending.err);
  BOOST_TEST(contains(pending.out, "not filed"), pending.out);
}

BOOST_AUTO_TEST_CASE(a_wrong_hash_and_an_unknown_paper_are_told_apart) {
  RunJob run;
  const std::string hash = content_hash(run.job, "LP002").substr(0, 12);
  const std::string other = hash.substr(0, 11) + (hash[11] == '0' ? "1" : "0");

  const Outcome wrong = run.paper("DANJU1|FH-LP002|v1|" + other);
  BOOST_TEST(wrong.code == 6, wrong.out + wrong.err);
  BOOST_TEST(contains(wrong.out, "not made from the content on record"),
             wrong.out);

  const Outcome unknown = run.paper("DANJU1|FH-LP999|v1|" + hash);
  BOOST_TEST(unknown.code == 7, unknown.out + unknown.err);
  BOOST_TEST(contains(unknown.out, "no document FH-LP999 is on record"),
             unknown.out);

  const Outcome version = run.paper("DANJU1|FH-LP002|v2|" + hash);
  BOOST_TEST(version.code == 7, version.out + version.err);
  BOOST_TEST(contains(version.out, "version 1, not in version 2"),
             version.out);

  const Outcome garbage = run.paper("https://example.com/FH-LP002");
  BOOST_TEST(garbage.code == 2, garbage.out + garbage.err);
  BOOST_TEST(contains(garbage.err, "not a Danju paper code"), garbage.err);
}

BOOST_AUTO_TEST_CASE(a_genuine_paper_whose_filed_copy_changed_is_reported) {
  RunJob run;
  const std::string filed = run.job.path(kFiled);
  ::chmod(filed.c_str(), 0644);
  std::string bytes = danju::read_file(filed);
  bytes[bytes.size() / 2] ^= 0x01;
  danju::write_file_atomic(filed, bytes);

  const Outcome checked = run.paper(
      "DANJU1|FH-LP002|v1|" + content_hash(run.job, "LP002").substr(0, 12));
  BOOST_TEST(checked.code == 6, checked.out + checked.err);
  BOOST_TEST(contains(checked.out, "FH-LP002-v1.pdf (pdf, changed or "
                                   "missing)"),
             checked.out);
  BOOST_TEST(contains(checked.out, "agrees with the records, but 1 of its "
                                   "files is changed"),
             checked.out);
}
