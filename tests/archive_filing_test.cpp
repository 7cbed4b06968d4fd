// Filing a paper whose chain is complete: a real night run, real decisions
// through the command line, then the archive read back with qpdf, pdfinfo
// and pdftotext.
#define BOOST_TEST_MODULE archive_filing
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "archive/filing.h"
#include "core/file_io.h"
#include "fixtures/child_process.h"
#include "fixtures/job_folder.h"
#include "jobs/job_config.h"
#include "render/font_set.h"
#include "store/database.h"

using danju::testing::ChildProcess;
using danju::testing::JobFolder;

namespace {

const char* const kNow = "2026-12-05T10:00:00+08:00";

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome run_program(const std::string& program,
                    const std::vector<std::string>& arguments) {
  ChildProcess child(program, arguments);
  Outcome outcome;
  outcome.code = child.wait(&outcome.out, &outcome.err);
  return outcome;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size())) {
    ++count;
  }
  return count;
}

int page_count(const std::string& pdf) {
  const Outcome info = run_program("/usr/bin/pdfinfo", {pdf});
  BOOST_REQUIRE_MESSAGE(info.code == 0, info.err);
  const std::size_t at = info.out.find("Pages:");
  BOOST_REQUIRE(at != std::string::npos);
  return std::stoi(info.out.substr(at + 6));
}

std::string page_text(const std::string& pdf, int first, int last) {
  const Outcome text = run_program(
      "/usr/bin/pdftotext", {"-enc", "UTF-8", "-f", std::to_string(first),
                             "-l", std::to_string(last), pdf, "-"});
  BOOST_REQUIRE_MESSAGE(text.code == 0, text.err);
  return text.out;
}

struct StepRow {
  std::int64_t id;
  int step;
  std::string title, name, email, state;
};

// A job after one night with one confirmed gift order, LP001: its contract
// and its approval form, whose chain waits for the first approver.
class ApprovedForm {
 public:
  ApprovedForm() {
    job_.write("inbox/orders.csv",
               std::string(danju::testing::order_csv_header()) +
                   "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,"
                   "陈晓东,宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只,"
                   "100,58.80\r\n");
    const Outcome night = run_program(
        DANJU_BINARY, {"run", job_.job_file(), "--date", "2026-12-04",
                       "--quiet"});
    BOOST_REQUIRE_MESSAGE(night.code == 0, night.err);
    config_ = danju::load_job(job_.job_file());

    danju::Database db(database());
    danju::Statement form = db.prepare(
        "SELECT id, path, sha256 FROM documents WHERE order_no = 'LP001' "
        "AND kind = 'contract_approval' AND format = 'pdf'");
    BOOST_REQUIRE(form.step());
    form_id_ = form.integer(0);
    form_path_ = config_.output_folder + "/" + form.text(1);
    form_sha_ = form.text(2);
  }

  // Approves every step, in chain order, as its approver, the way an
  // operator does who took the answers by phone.
  void approve_all() {
    for (int round = 0; round < 20; ++round) {
      std::vector<StepRow> open = steps("pending");
      if (open.empty()) return;
      const Outcome decided = run_program(
          DANJU_BINARY, {"decide", job_.job_file(), "--step",
                         std::to_string(open[0].id), "--as", open[0].email,
                         "--approve"});
      BOOST_REQUIRE_MESSAGE(decided.code == 0,
                            decided.out + decided.err);
    }
    BOOST_FAIL("the chain did not end after 20 decisions");
  }

  std::vector<StepRow> steps(const std::string& state = "") {
    danju::Database db(database(), true);
    danju::Statement query = db.prepare(
        "SELECT id, step, title, approver_name, approver_email, state FROM "
        "approval_steps WHERE document_id = ?1 AND (?2 = '' OR state = ?2) "
        "ORDER BY step, id");
    query.bind(1, form_id_).bind(2, state);
    std::vector<StepRow> rows;
    while (query.step()) {
      rows.push_back({query.integer(0), static_cast<int>(query.integer(1)),
                      query.text(2), query.text(3), query.text(4),
                      query.text(5)});
    }
    return rows;
  }

  danju::FiledDocument file() {
    danju::Database db(database());
    return danju::file_document(db, config_, fonts(), form_id_, kNow);
  }

  std::int64_t count(const std::string& sql) {
    danju::Database db(database(), true);
    danju::Statement query = db.prepare(sql);
    query.step();
    return query.integer(0);
  }

  const danju::FontSet& fonts() {
    if (!fonts_) {
      fonts_ = danju::FontSet::load(config_.latin_font, config_.cjk_fonts);
    }
    return *fonts_;
  }

  std::string out(const std::string& relative) const {
    return config_.output_folder + "/" + relative;
  }
  std::string database() const {
    return config_.data_folder + "/danju.sqlite";
  }
  const std::string& form_path() const { return form_path_; }
  const std::string& form_sha() const { return form_sha_; }

 private:
  JobFolder job_;
  danju::JobConfig config_;
  std::shared_ptr<const danju::FontSet> fonts_;
  std::int64_t form_id_ = 0;
  std::string form_path_;
  std::string form_sha_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_form_still_waiting_is_not_filed) {
  ApprovedForm form;
  BOOST_CHECK_EXCEPTION(
      form.file(), danju::FilingError, [](const danju::FilingError& error) {
        const std::string what = error.what();
        BOOST_TEST(what.find("pending_approval") != std::string::npos, what);
        return true;
      });
  BOOST_TEST(form.count("SELECT COUNT(*) FROM filed_documents") == 0);
  BOOST_TEST(!danju::file_exists(form.out("archive")));
}

BOOST_AUTO_TEST_CASE(an_approved_form_is_filed_with_its_trail) {
  ApprovedForm form;
  form.approve_all();
  const std::vector<StepRow> steps = form.steps();
  BOOST_REQUIRE(steps.size() >= 2u);
  for (const StepRow& row : steps) BOOST_TEST(row.state == "approved");

  const danju::FiledDocument filed = form.file();

  BOOST_TEST(filed.path == "archive/2026-12/LP001/SP-HT-LP001-v1.pdf");
  BOOST_TEST(filed.trail_path ==
             "archive/2026-12/LP001/SP-HT-LP001-v1.trail.json");
  BOOST_TEST(!filed.already_filed);
  BOOST_TEST(filed.filed_at == kNow);
  const std::string pdf = form.out(filed.path);
  BOOST_TEST(danju::sha256_file(pdf) == filed.sha256);

  // A sound PDF: the approved pages unchanged in their text, then the trail.
  const Outcome check = run_program("/usr/bin/qpdf", {"--check", pdf});
  BOOST_TEST(check.code == 0, check.out + check.err);
  const int original_pages = page_count(form.form_path());
  const int pages = page_count(pdf);
  BOOST_TEST(pages == original_pages + 1);
  BOOST_TEST(page_text(pdf, 1, original_pages) ==
             page_text(form.form_path(), 1, original_pages));
  BOOST_TEST(page_text(pdf, 1, 1).find("宁波鸿达贸易有限公司") !=
             std::string::npos);

  // It begins with the approved file itself, byte for byte: cut there, it
  // has the SHA-256 the trail gives.
  const std::string approved = danju::read_file(form.form_path());
  const std::string filed_bytes = danju::read_file(pdf);
  BOOST_REQUIRE(filed_bytes.size() > approved.size());
  BOOST_TEST(danju::sha256_hex(filed_bytes.substr(0, approved.size())) ==
             form.form_sha());

  const std::string trail = page_text(pdf, pages, pages);
  BOOST_TEST(trail.find("审批记录") != std::string::npos, trail);
  BOOST_TEST(trail.find("SP-HT-LP001") != std::string::npos);
  BOOST_TEST(trail.find("合同审批单") != std::string::npos);
  BOOST_TEST(trail.find("第 1 版") != std::string::npos);
  BOOST_TEST(trail.find(form.form_sha()) != std::string::npos, trail);
  BOOST_TEST(occurrences(trail, "同意") == steps.size(), trail);
  BOOST_TEST(occurrences(trail, "命令行") == steps.size());
  BOOST_TEST(occurrences(trail, "command line") == steps.size());
  BOOST_TEST(trail.find("+08:00") != std::string::npos);
  for (const StepRow& row : steps) {
    BOOST_TEST(trail.find(row.name) != std::string::npos, row.name);
    BOOST_TEST(trail.find(row.email) != std::string::npos, row.email);
    BOOST_TEST(trail.find(row.title) != std::string::npos, row.title);
    BOOST_TEST(trail.find("第 " + std::to_string(row.step) + " 步") !=
               std::string::npos);
  }

  // The JSON beside it says the same.
  const std::string json_text = danju::read_file(form.out(filed.trail_path));
  BOOST_TEST(danju::sha256_hex(json_text) == filed.trail_sha256);
  Poco::JSON::Parser parser;
  const auto root =
      parser.parse(json_text).extract<Poco::JSON::Object::Ptr>();
  BOOST_TEST(root->getValue<std::string>("document_no") == "SP-HT-LP001");
  BOOST_TEST(root->getValue<std::string>("kind") == "contract_approval");
  BOOST_TEST(root->getValue<int>("order_version") == 1);
  BOOST_TEST(root->getValue<std::string>("sha256") == form.form_sha());
  const auto listed = root->getArray("steps");
  BOOST_REQUIRE(listed->size() == steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto step = listed->getObject(static_cast<unsigned>(i));
    BOOST_TEST(step->getValue<int>("step") == steps[i].step);
    BOOST_TEST(step->getValue<std::string>("approver_name") == steps[i].name);
    BOOST_TEST(step->getValue<std::string>("decided_by") == steps[i].email);
    BOOST_TEST(step->getValue<std::string>("decision") == "同意");
    BOOST_TEST(step->getValue<std::string>("how_title") == "命令行");
    BOOST_TEST(step->getValue<std::string>("evidence") == "command line");
    BOOST_TEST(step->getValue<std::string>("decided_at").size() == 25u);
  }

  // Read-only, listed once, recorded once.
  for (const std::string& relative : {filed.path, filed.trail_path}) {
    struct stat info {};
    BOOST_REQUIRE(::stat(form.out(relative).c_str(), &info) == 0);
    BOOST_TEST((info.st_mode & 07777) == 0444u, relative);
  }
  const std::string manifest =
      danju::read_file(form.out("archive/2026-12/manifest.txt"));
  // (The chain's last approval filed the stamped form and the contract
  // already; their lines are in the manifest too.)
  BOOST_TEST(occurrences(manifest, filed.sha256 +
                                       "  LP001/SP-HT-LP001-v1.pdf\n") == 1u);
  BOOST_TEST(occurrences(manifest,
                         filed.trail_sha256 +
                             "  LP001/SP-HT-LP001-v1.trail.json\n") == 1u);
  BOOST_TEST(form.count("SELECT COUNT(*) FROM filed_documents WHERE path = "
                        "'" + filed.path + "'") == 1);
  BOOST_TEST(form.count("SELECT COUNT(*) FROM audit_log WHERE kind = "
                        "'filed' AND subject = 'SP-HT-LP001' AND details "
                        "LIKE '%" + filed.sha256 + "%'") == 1);

  // `sha256sum -c` agrees with the manifest.
  const Outcome sums = run_program(
      "/bin/sh", {"-c", "cd '" + form.out("archive/2026-12") +
                            "' && sha256sum -c manifest.txt"});
  BOOST_TEST(sums.code == 0, sums.out + sums.err);
}

BOOST_AUTO_TEST_CASE(filing_again_changes_nothing) {
  ApprovedForm form;
  form.approve_all();
  const danju::FiledDocument first = form.file();
  const std::string manifest_path = form.out("archive/2026-12/manifest.txt");
  const std::string manifest = danju::read_file(manifest_path);
  struct stat before {};
  ::stat(form.out(first.path).c_str(), &before);

  const danju::FiledDocument again = form.file();

  BOOST_TEST(again.already_filed);
  BOOST_TEST(again.path == first.path);
  BOOST_TEST(again.sha256 == first.sha256);
  BOOST_TEST(again.trail_sha256 == first.trail_sha256);
  BOOST_TEST(again.filed_at == first.filed_at);
  BOOST_TEST(danju::read_file(manifest_path) == manifest);
  struct stat after {};
  ::stat(form.out(first.path).c_str(), &after);
  BOOST_TEST(after.st_ino == before.st_ino);
  BOOST_TEST(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
  BOOST_TEST(form.count("SELECT COUNT(*) FROM filed_documents WHERE path = "
                        "'" + first.path + "'") == 1);
  BOOST_TEST(form.count("SELECT COUNT(*) FROM audit_log WHERE kind = "
                        "'filed' AND details LIKE '%" + first.sha256 +
                        "%'") == 1);
}

BOOST_AUTO_TEST_CASE(the_same_paper_filed_from_scratch_gives_the_same_bytes) {
  // A crash after the files were written but before the record: the next
  // call must find the files identical, so the rendering must not vary.
  ApprovedForm form;
  form.approve_all();
  const danju::FiledDocument first = form.file();
  const std::string bytes = danju::read_file(form.out(first.path));
  {
    danju::Database db(form.database());
    db.execute("DELETE FROM filed_documents");
  }
  // The next run comes later: a clock time written into the PDF (PoDoFo
  // stamps one when it writes a joined document) would change its bytes.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  const danju::FiledDocument again = form.file();

  BOOST_TEST(!again.already_filed);
  BOOST_TEST(again.sha256 == first.sha256);
  BOOST_TEST(danju::read_file(form.out(again.path)) == bytes);
  BOOST_TEST(occurrences(danju::read_file(
                             form.out("archive/2026-12/manifest.txt")),
                         first.sha256) == 1u);
}

BOOST_AUTO_TEST_CASE(a_changed_target_is_refused_and_left_alone) {
  ApprovedForm form;
  form.approve_all();
  const danju::FiledDocument first = form.file();
  const std::string pdf = form.out(first.path);
  ::chmod(pdf.c_str(), 0644);
  danju::write_file_atomic(pdf, "not the filed paper");

  BOOST_CHECK_EXCEPTION(
      form.file(), danju::FilingError, [&](const danju::FilingError& error) {
        const std::string what = error.what();
        BOOST_TEST(what.find(pdf) != std::string::npos, what);
        BOOST_TEST(what.find(form.form_path()) != std::string::npos, what);
        return true;
      });
  BOOST_TEST(danju::read_file(pdf) == "not the filed paper");
  BOOST_TEST(form.count("SELECT COUNT(*) FROM audit_log WHERE kind = "
                        "'filed' AND details LIKE '%" + first.sha256 +
                        "%'") == 1);
}
