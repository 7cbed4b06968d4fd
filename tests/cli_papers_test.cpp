// Printed papers end to end, through the real danju program: a night run
// makes papers whose QR code a scanner (zbar) reads back, and
// `danju verify --paper` tells a genuine paper from a wrong or an unknown
// one; `danju calibrate` and the [preprinted] job keys for pre-printed
// forms.
#define BOOST_TEST_MODULE cli_papers
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "fixtures/danju_program.h"
#include "fixtures/job_folder.h"
#include "fixtures/pdf_tools.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::testing::JobFolder;
using danju::testing::Outcome;
using danju::testing::danju_command;

namespace {

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

BOOST_AUTO_TEST_CASE(a_replaced_paper_is_said_to_be_replaced) {
  RunJob run;
  const std::string v1 = "DANJU1|HT-LP001|v1|" +
                         content_hash(run.job, "LP001").substr(0, 12);

  // The customer orders more: the order's next export is version 2.
  run.job.write("inbox/orders.csv",
                std::string(danju::testing::order_csv_header()) +
                    "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,"
                    "陈晓东,宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只,"
                    "150,58.80\r\n");
  const Outcome rerun = danju_command(
      {"run", run.job.job_file(), "--date", "2026-12-05", "--quiet"});
  BOOST_REQUIRE_MESSAGE(rerun.code == 0, rerun.out + rerun.err);

  const Outcome old = run.paper(v1);
  BOOST_TEST(old.code == 0, old.out + old.err);
  BOOST_TEST(contains(old.out, "replaced:"), old.out);
  BOOST_TEST(contains(old.out, "but it is a replaced version, not to be "
                               "used; exit code 0"),
             old.out);
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

namespace {

const char kPrinters[] =
    "[printers.oki-5860]\n"
    "offset_x_mm = 1.5\n"
    "offset_y_mm = -0.8\n"
    "[printers.epson]\n"
    "offset_x_mm = -0.5\n";

// The job file's text with more lines at its end.
void append_to_job(const JobFolder& job, const std::string& lines) {
  std::ifstream in(job.job_file());
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  job.write("job.toml", text + "\n" + lines);
}

// The line of the job file that holds part.
int line_of(const JobFolder& job, const std::string& part) {
  std::ifstream in(job.job_file());
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (contains(line, part)) return n;
  }
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_night_run_prints_shipment_notes_for_the_forms_too) {
  RunJob run(std::string(kPrinters) +
             "[preprinted]\nshipment_note = \"oki-5860\"\n");
  const std::string form = run.job.path(
      "output/documents/2026-11/LP002/FH-LP002-v1-preprinted.pdf");
  BOOST_REQUIRE(danju::file_exists(form));
  BOOST_TEST(danju::file_exists(run.job.path(kNote)));

  // On the form's paper, the customer's name where the shipped template
  // puts it (32, 25 mm), moved by the printer's offsets.
  const auto pages = danju::testing::pdf_words(form);
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST(std::abs(pages[0].width - 241 * 72 / 25.4) < 0.01);
  bool found = false;
  for (const danju::testing::PdfWord& word : pages[0].words) {
    if (word.text != "杭州某某家具有限公司") continue;
    found = true;
    BOOST_TEST(std::abs(word.x_min - 33.5 * 72 / 25.4) < 0.5);
    BOOST_TEST(std::abs(word.y_min - 24.2 * 72 / 25.4) < 0.5);
  }
  BOOST_TEST(found);

  // It is recorded like every file, so verify finds the folder clean; the
  // paper check lists it beside the note.
  const Outcome verify = danju_command({"verify", run.job.job_file()});
  BOOST_TEST(verify.code == 0, verify.out);
  const Outcome paper = run.paper(
      "DANJU1|FH-LP002|v1|" + content_hash(run.job, "LP002").substr(0, 12));
  BOOST_TEST(contains(paper.out, "FH-LP002-v1-preprinted.pdf (preprinted.pdf"
                                 ", intact)"),
             paper.out);
}

// An item name too long for the form's box: the order's plain shipment
// note, receipt and contract are made all the same, and the run says which
// form was not.
BOOST_AUTO_TEST_CASE(a_value_too_long_for_the_form_costs_only_the_form) {
  JobFolder job("", std::string(kPrinters) +
                        "[preprinted]\nshipment_note = \"oki-5860\"\n");
  job.write("inbox/orders.csv",
            std::string(danju::testing::order_csv_header()) +
                "LP002,礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,"
                "陈晓东,杭州某某家具有限公司,李堃,定制实木雕花多功能礼品收纳"
                "盒（含烫金徽标、内衬丝绒、独立编号证书及手提袋）,A5,本,10,"
                "28.00\r\n");
  job.write("inbox/payments.csv",
            "订单号,款项类型,金额,到账日期\r\n"
            "LP002,全款,280.00,2026-12-03\r\n");
  const Outcome run = danju_command(
      {"run", job.job_file(), "--date", "2026-12-04", "--quiet"});
  BOOST_TEST(run.code == 4, run.out + run.err);
  BOOST_TEST(contains(run.out + run.err, "does not fit"), run.out + run.err);
  BOOST_TEST(contains(run.out + run.err,
                      "FH-LP002 was made for plain paper only"),
             run.out + run.err);
  BOOST_TEST(danju::file_exists(job.path(kNote)));
  BOOST_TEST(danju::file_exists(
      job.path("output/documents/2026-11/LP002/HZ-FH-LP002-v1.pdf")));
  BOOST_TEST(!danju::file_exists(job.path(
      "output/documents/2026-11/LP002/FH-LP002-v1-preprinted.pdf")));
  const Outcome verify = danju_command({"verify", job.job_file()});
  BOOST_TEST(verify.code == 0, verify.out);
}

BOOST_AUTO_TEST_CASE(offsets_that_push_a_value_off_the_form_are_refused) {
  // Within the allowed range, yet the amount column ends near the right
  // edge of the 241 mm form: 12 mm more would print part of it off.
  for (const char* offsets : {"offset_x_mm = 12\n", "offset_x_mm = -20\n",
                              "offset_y_mm = 20\n"}) {
    JobFolder job;
    write_inbox(job);
    append_to_job(job, std::string("[printers.wide]\n") + offsets +
                           "[preprinted]\nshipment_note = \"wide\"\n");
    const Outcome run = danju_command({"run", job.job_file(), "--quiet"});
    BOOST_TEST(run.code == 2, offsets << run.out + run.err);
    BOOST_TEST(contains(run.err, "shipment_note.preprinted.toml:"), run.err);
    BOOST_TEST(contains(run.err, "would print off the form's paper"),
               run.err);
    // Refused before any order was read.
    BOOST_TEST(!danju::file_exists(job.path("output/documents")), offsets);
  }
}

BOOST_AUTO_TEST_CASE(mistakes_in_the_printer_keys_name_their_line) {
  JobFolder job;
  append_to_job(job, std::string(kPrinters) +
                         "[preprinted]\nshipment_note = \"okidata\"\n");
  Outcome run = danju_command({"run", job.job_file(), "--quiet"});
  BOOST_TEST(run.code == 2, run.out + run.err);
  BOOST_TEST(contains(run.err, "job.toml:" +
                                   std::to_string(line_of(job, "okidata")) +
                                   ": preprinted.shipment_note names "
                                   "printer \"okidata\""),
             run.err);

  JobFolder kind;
  append_to_job(kind, std::string(kPrinters) +
                          "[preprinted]\nshipment = \"epson\"\n");
  run = danju_command({"run", kind.job_file(), "--quiet"});
  BOOST_TEST(run.code == 2);
  BOOST_TEST(contains(run.err, "preprinted.shipment: not a kind"), run.err);

  JobFolder offset;
  append_to_job(offset, "[printers.oki]\noffset_y_mm = 25\n");
  run = danju_command({"run", offset.job_file(), "--quiet"});
  BOOST_TEST(run.code == 2);
  BOOST_TEST(contains(run.err, "job.toml:" +
                                   std::to_string(line_of(offset, "= 25")) +
                                   ": printers.oki.offset_y_mm must be "
                                   "between -20 and 20 mm"),
             run.err);
  BOOST_TEST(!fs::exists(job.path("data/danju.sqlite")));
}

BOOST_AUTO_TEST_CASE(calibrate_writes_the_page_and_says_what_to_set) {
  JobFolder job;
  append_to_job(job, kPrinters);
  const Outcome made =
      danju_command({"calibrate", job.job_file(), "--printer", "oki-5860"});
  BOOST_TEST(made.code == 0, made.out + made.err);
  const std::string page =
      job.path("output/calibration/calibration-oki-5860-shipment_note.pdf");
  BOOST_REQUIRE(danju::file_exists(page));
  BOOST_TEST(contains(made.out, "offset_x_mm = +1.5 + (20 - X)"), made.out);
  BOOST_TEST(contains(made.out, "offset_y_mm = -0.8 + (20 - Y)"), made.out);
  BOOST_TEST(contains(made.out, "[printers.oki-5860]"), made.out);
  const std::string info =
      danju::testing::command_output("pdfinfo " + page);
  BOOST_TEST(contains(info, "683.15 x 396.85 pts"), info);
  BOOST_TEST(contains(info, "Pages:           2"), info);

  // A printer met for the first time is printed without offsets.
  const std::string out = job.path("first.pdf");
  const Outcome first = danju_command(
      {"calibrate", job.job_file(), "--printer", "new-lq", "--out", out});
  BOOST_TEST(first.code == 0, first.out + first.err);
  BOOST_TEST(danju::file_exists(out));
  BOOST_TEST(contains(first.out, "x +0.0 mm, y +0.0 mm (the printer is not "
                                 "in the job file yet)"),
             first.out);

  const Outcome contract = danju_command({"calibrate", job.job_file(),
                                          "--printer", "epson", "--kind",
                                          "contract"});
  BOOST_TEST(contract.code == 2);
  BOOST_TEST(contains(contract.err, "no pre-printed form template for "
                                    "contract"),
             contract.err);
  BOOST_TEST(danju_command({"calibrate", job.job_file()}).code == 2);
  BOOST_TEST(danju_command({"calibrate", job.job_file(), "--printer",
                            "a/b"}).code == 2);
}
