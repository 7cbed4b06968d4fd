// `danju verify` end to end: a real `danju run` makes the documents, then
// files and the audit log are tampered with on disk and in SQLite, and the
// real program must name each change.
#define BOOST_TEST_MODULE archive_verify
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "archive/audit_log.h"
#include "archive/document_check.h"
#include "core/file_io.h"
#include "core/text.h"
#include "fixtures/child_process.h"
#include "fixtures/job_folder.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::testing::ChildProcess;
using danju::testing::JobFolder;

namespace {

// LP001: a confirmed gift order (contract and approval form); LP002: sample
// confirmed (its internal order sheet waits for the contract's approval).
std::string orders_csv() {
  return std::string(danju::testing::order_csv_header()) +
         "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
         "宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只,100,58.80\r\n"
         "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
         "宁波鸿达贸易有限公司,王喆,定制U盘,64GB,个,50,35.50\r\n"
         "LP002,礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,黄伟,"
         "杭州某某家具有限公司,李堃,定制笔记本,A5,本,10,28.00\r\n";
}

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

Outcome danju(const std::vector<std::string>& arguments) {
  ChildProcess child(DANJU_BINARY, arguments);
  Outcome outcome;
  outcome.exit_code = child.wait(&outcome.out, &outcome.err);
  return outcome;
}

// A job after a real night run, with a few audit rows as the pipeline
// writes them.
class RunJob {
 public:
  RunJob() {
    job_.write("inbox/orders.csv", orders_csv());
    const Outcome run =
        danju({"run", job_.job_file(), "--date", "2026-12-04", "--quiet"});
    BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.out + run.err);
  }

  // Audit rows of one kind that the run wrote.
  std::int64_t audit_rows(const std::string& kind) {
    danju::Database db(database(), true);
    danju::Statement rows = db.prepare(
        "SELECT COUNT(*) FROM audit_log WHERE kind = ?1 OR ?1 = ''");
    rows.bind(1, kind);
    rows.step();
    return rows.integer(0);
  }

  const JobFolder& job() const { return job_; }
  std::string database() const { return job_.path("data/danju.sqlite"); }
  std::string output(const std::string& relative) const {
    return job_.path("output/" + relative);
  }

  std::vector<std::string> document_paths(const std::string& ending = "") {
    danju::Database db(database(), true);
    danju::Statement rows =
        db.prepare("SELECT path FROM documents ORDER BY id");
    std::vector<std::string> paths;
    while (rows.step()) {
      const std::string path = rows.text(0);
      if (path.size() >= ending.size() &&
          path.compare(path.size() - ending.size(), ending.size(),
                       ending) == 0) {
        paths.push_back(path);
      }
    }
    return paths;
  }

  Outcome verify() { return danju({"verify", job_.job_file()}); }

 private:
  JobFolder job_;
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_job_as_made_verifies_clean) {
  RunJob job;
  const std::vector<std::string> pdfs = job.document_paths(".pdf");
  BOOST_REQUIRE(pdfs.size() >= 3u);

  const Outcome verify = job.verify();
  BOOST_TEST(verify.exit_code == 0, verify.out + verify.err);
  const std::size_t recorded = job.document_paths().size();
  BOOST_TEST(contains(verify.out, std::to_string(recorded) + " recorded, " +
                                      std::to_string(recorded) + " intact"),
             verify.out);
  // The run itself wrote the log: each order read, file made and mail sent.
  BOOST_TEST(job.audit_rows(danju::kAuditOrderRead) == 2);
  BOOST_TEST(job.audit_rows(danju::kAuditDocumentMade) ==
             static_cast<std::int64_t>(recorded));
  BOOST_TEST(job.audit_rows(danju::kAuditMailSent) == 2);  // two requests
  BOOST_TEST(contains(verify.out,
                      std::to_string(job.audit_rows("")) + " rows"),
             verify.out);
  BOOST_TEST(contains(verify.out, "chain whole"), verify.out);
  BOOST_TEST(contains(verify.out, "exit code 0"), verify.out);
}

BOOST_AUTO_TEST_CASE(one_changed_byte_in_a_pdf_is_named) {
  RunJob job;
  const std::string pdf = job.document_paths(".pdf").at(1);
  {
    std::fstream file(job.output(pdf),
                      std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(200);
    char byte = 0;
    file.get(byte);
    file.seekp(200);
    file.put(static_cast<char>(byte ^ 0x01));
    BOOST_REQUIRE(file.good());
  }

  const Outcome verify = job.verify();
  BOOST_TEST(verify.exit_code == 6, verify.out + verify.err);
  BOOST_TEST(contains(verify.out, "changed: " + pdf), verify.out);
  BOOST_TEST(contains(verify.out, "1 changed, 0 missing; 0 added"),
             verify.out);
  BOOST_TEST(contains(verify.out, "1 problem found"), verify.out);
}

BOOST_AUTO_TEST_CASE(a_deleted_pdf_is_named) {
  RunJob job;
  const std::string pdf = job.document_paths(".pdf").front();
  BOOST_REQUIRE(fs::remove(job.output(pdf)));

  const Outcome verify = job.verify();
  BOOST_TEST(verify.exit_code == 6, verify.out + verify.err);
  BOOST_TEST(contains(verify.out, "missing: " + pdf), verify.out);
  BOOST_TEST(contains(verify.out, "0 changed, 1 missing; 0 added"),
             verify.out);
}

BOOST_AUTO_TEST_CASE(a_stray_pdf_is_named_and_half_written_files_are_not) {
  RunJob job;
  const fs::path beside = fs::path(job.document_paths(".pdf").front())
                              .parent_path();
  const std::string stray = (beside / "HT-FORGED-v1.pdf").generic_string();
  fs::copy_file(job.output(job.document_paths(".pdf").front()),
                job.output(stray));
  job.job().write("output/" + (beside / "x.pdf.tmp-4242").string(), "half");
  job.job().write("output/" + (beside / "x.xlsx.tmp-4242-99").string(),
                  "half");

  const Outcome verify = job.verify();
  BOOST_TEST(verify.exit_code == 6, verify.out + verify.err);
  BOOST_TEST(contains(verify.out, "added:   " + stray), verify.out);
  BOOST_TEST(contains(verify.out, "0 changed, 0 missing; 1 added"),
             verify.out);
  BOOST_TEST(!contains(verify.out, ".tmp-"), verify.out);
}

BOOST_AUTO_TEST_CASE(a_tampered_audit_log_is_named) {
  RunJob job;
  {
    // What someone with the sqlite3 tool would do.
    danju::Database db(job.database());
    db.execute("DROP TRIGGER audit_log_no_update");
    db.execute("UPDATE audit_log SET details = 'version 2' WHERE id = 2");
  }

  const Outcome verify = job.verify();
  BOOST_TEST(verify.exit_code == 6, verify.out + verify.err);
  BOOST_TEST(contains(verify.out, "audit:   row 2 (order_read LP002"),
             verify.out);
  BOOST_TEST(contains(verify.out, "1 break"), verify.out);
  BOOST_TEST(contains(verify.out, "audit_log_no_update"), verify.out);
  BOOST_TEST(!contains(verify.out, "audit_log_no_delete"), verify.out);
}

BOOST_AUTO_TEST_CASE(verify_refuses_while_a_run_holds_the_lock) {
  RunJob job;
  const int fd = ::open(job.job().path("data/danju.lock").c_str(),
                        O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  BOOST_REQUIRE(fd >= 0);
  BOOST_REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);

  const Outcome verify = job.verify();
  ::close(fd);
  BOOST_TEST(verify.exit_code == 3, verify.out + verify.err);
  BOOST_TEST(contains(verify.out, "Not verified"), verify.out);
}

BOOST_AUTO_TEST_CASE(check_documents_lists_each_kind_of_problem) {
  RunJob job;
  const std::vector<std::string> pdfs = job.document_paths(".pdf");
  BOOST_REQUIRE(pdfs.size() >= 2u);
  job.job().write("output/" + pdfs[0], "not the made file");
  fs::remove(job.output(pdfs[1]));
  job.job().write("output/documents/extra.xlsx", "x");

  danju::Database db(job.database(), true);
  const danju::DocumentCheck check =
      danju::check_documents(db, job.job().path("output"));
  BOOST_TEST(check.recorded ==
             static_cast<std::int64_t>(job.document_paths().size()));
  BOOST_TEST(check.intact == check.recorded - 2);
  BOOST_REQUIRE(check.changed.size() == 1u);
  BOOST_TEST(check.changed[0].path == pdfs[0]);
  BOOST_TEST(contains(check.changed[0].what,
                      "SHA-256 is " + danju::sha256_hex("not the made file")),
             check.changed[0].what);
  BOOST_TEST(!check.changed[0].document_no.empty());
  BOOST_REQUIRE(check.missing.size() == 1u);
  BOOST_TEST(check.missing[0].path == pdfs[1]);
  BOOST_REQUIRE(check.added.size() == 1u);
  BOOST_TEST(check.added[0].path == "documents/extra.xlsx");
  BOOST_TEST(!check.clean());
}

namespace {

// The danju command run to its end.
Outcome cli(const std::vector<std::string>& arguments) {
  ChildProcess child(DANJU_BINARY, arguments);
  Outcome outcome;
  outcome.exit_code = child.wait(&outcome.out, &outcome.err);
  return outcome;
}

// A real night on a job where LP002 is paid in full, so its shipment note
// and the customer's receipt are issued and filed.
void run_night_with_filed_papers(const JobFolder& job) {
  job.write("inbox/orders.csv", orders_csv());
  job.write("inbox/payments.csv",
            "订单号,款项类型,金额,到账日期\r\n"
            "LP002,全款,280.00,2026-12-03\r\n");
  const Outcome run =
      cli({"run", job.job_file(), "--date", "2026-12-04", "--quiet"});
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.out + run.err);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_archive_is_checked_against_records_and_manifest) {
  JobFolder job;
  run_night_with_filed_papers(job);
  const std::string filed =
      job.path("output/archive/2026-12/LP002/FH-LP002-v1.pdf");
  BOOST_REQUIRE(danju::file_exists(filed));

  Outcome verify = cli({"verify", job.job_file()});
  BOOST_TEST(verify.exit_code == 0, verify.out);
  BOOST_TEST(contains(verify.out, "4 filed files, 4 intact"), verify.out);

  // One changed byte in the filed paper (read-only, as a tamperer would
  // first make it writable).
  ::chmod(filed.c_str(), 0644);
  std::string bytes = danju::read_file(filed);
  bytes[bytes.size() / 2] ^= 0x01;
  danju::write_file_atomic(filed, bytes);
  // And a file slipped into the archive.
  job.write("output/archive/2026-12/LP002/extra.pdf", "%PDF-1.4\n");

  verify = cli({"verify", job.job_file()});
  BOOST_TEST(verify.exit_code == 6, verify.out);  // verify found problems
  BOOST_TEST(contains(verify.out, "changed: archive/2026-12/LP002/"
                                  "FH-LP002-v1.pdf"),
             verify.out);
  BOOST_TEST(contains(verify.out, "added:   archive/2026-12/LP002/extra.pdf"),
             verify.out);
  // The changed paper is told of once, for its filing record, not again
  // for the manifest that lists it.
  BOOST_TEST(!contains(verify.out, "differs from the month's manifest"),
             verify.out);
  std::size_t named = 0;
  for (std::size_t at = verify.out.find("LP002/FH-LP002-v1.pdf");
       at != std::string::npos;
       at = verify.out.find("LP002/FH-LP002-v1.pdf", at + 1)) {
    ++named;
  }
  BOOST_TEST(named == 1u, verify.out);
}

BOOST_AUTO_TEST_CASE(a_deleted_manifest_is_named_once_and_stray_files_too) {
  JobFolder job;
  run_night_with_filed_papers(job);
  const std::string path = job.path("output/archive/2026-12/manifest.txt");
  ::chmod(path.c_str(), 0644);
  BOOST_REQUIRE(std::remove(path.c_str()) == 0);
  job.write("output/archive/notes.txt", "a note left at the top\n");

  const Outcome verify = cli({"verify", job.job_file()});
  BOOST_TEST(verify.exit_code == 6, verify.out);
  BOOST_TEST(contains(verify.out, "archive/2026-12/manifest.txt"), verify.out);
  BOOST_TEST(contains(verify.out, "the month's manifest is gone"), verify.out);
  BOOST_TEST(!contains(verify.out, "manifest does not list it"), verify.out);
  BOOST_TEST(contains(verify.out, "added:   archive/notes.txt"), verify.out);
}

BOOST_AUTO_TEST_CASE(a_line_cut_from_the_manifest_or_added_to_it_is_named) {
  JobFolder job;
  run_night_with_filed_papers(job);

  // The line of the filed shipment note goes, and a line of garbage comes.
  const std::string path = job.path("output/archive/2026-12/manifest.txt");
  std::string kept;
  for (const std::string& line : danju::split(danju::read_file(path), '\n')) {
    if (line.empty() ||
        line.find("LP002/FH-LP002-v1.pdf") != std::string::npos) {
      continue;
    }
    kept += line + "\n";
  }
  kept += "not a manifest line\n";
  ::chmod(path.c_str(), 0644);
  danju::write_file_atomic(path, kept);

  const Outcome verify = cli({"verify", job.job_file()});
  BOOST_TEST(verify.exit_code == 6, verify.out);
  BOOST_TEST(contains(verify.out, "archive/2026-12/LP002/FH-LP002-v1.pdf"),
             verify.out);
  BOOST_TEST(contains(verify.out, "manifest does not list it"), verify.out);
  BOOST_TEST(contains(verify.out, "1 line is not of the form"), verify.out);
  BOOST_TEST(contains(verify.out, "(the first: line "), verify.out);
}
