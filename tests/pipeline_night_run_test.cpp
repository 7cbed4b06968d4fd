// The nightly run end to end: real files in, real SQLite, real documents,
// real .eml files or a real SMTP server out.
#define BOOST_TEST_MODULE pipeline_night_run
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "core/file_io.h"
#include "fixtures/child_process.h"
#include "fixtures/job_folder.h"
#include "fixtures/job_run.h"
#include "fixtures/mail_reader.h"
#include "fixtures/smtp_fixture.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "pipeline/run_lock.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::testing::ChildProcess;
using danju::testing::count;
using danju::testing::JobFolder;
using danju::testing::SmtpServerFixture;

namespace {

const char* const kDate = "2026-12-04";

// LP001: confirmed gift order; LP002: sample confirmed (and, with the
// payments file, paid in full), its customer name broken over two lines;
// LP003: a draft; LP004: a price with three decimals.
std::string orders_csv(int quantity_of_a = 100) {
  return std::string(danju::testing::order_csv_header()) +
         "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
         "宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只," +
         std::to_string(quantity_of_a) + ",58.80\r\n" +
         "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
         "宁波鸿达贸易有限公司,王喆,定制U盘,64GB,个,50,35.50\r\n"
         "LP002,礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,黄伟,"
         "\"杭州某某家具\n有限公司\",李堃,定制笔记本,A5,本,10,28.00\r\n"
         "LP003,礼品,意向,2026-12-02,,礼品事业部,黄伟,合肥博远有限公司,"
         "赵丽,定制雨伞,23寸,把,5,46.00\r\n"
         "LP004,礼品,已确认,2026-12-02,,礼品事业部,黄伟,郑州中天有限公司,"
         "林涛,定制雨伞,23寸,把,5,46.005\r\n";
}

const char* const kPayments =
    "订单号,款项类型,金额,到账日期\r\n"
    "LP002,预付款,84.00,2026-11-21\r\n"
    "LP002,尾款,196.00,2026-12-03\r\n";

danju::RunReport run(const JobFolder& job, const std::string& date = kDate) {
  return danju::testing::run_job(job, date);
}

std::vector<std::string> eml_files(const JobFolder& job) {
  std::vector<std::string> files;
  if (!fs::exists(job.path("outbox"))) return files;
  for (const auto& entry : fs::directory_iterator(job.path("outbox"))) {
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

BOOST_AUTO_TEST_CASE(first_run_makes_what_each_order_is_due) {
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv());
  job.write("inbox/payments.csv", kPayments);

  const danju::RunReport report = run(job);

  BOOST_TEST(report.orders_read == 3);
  BOOST_TEST(report.payments_new == 2);
  std::string all;
  for (const std::string& line : report.rejections) all += line + "\n";
  BOOST_REQUIRE_MESSAGE(report.rejections.size() == 1u, all);
  BOOST_TEST(report.rejections[0].find("/orders.csv:7:") != std::string::npos,
             report.rejections[0]);
  BOOST_TEST(report.rejections[0].find("LP004") != std::string::npos);
  BOOST_TEST(report.rejections[0].find("单价") != std::string::npos);
  BOOST_TEST(report.exit_code == danju::kExitRejected);

  // LP001: contract and approval form; LP002 also the shipment note and
  // the customer's receipt, its order sheet waiting for the contract's
  // approval; LP003 (draft) nothing.
  BOOST_TEST(report.documents.at("contract.pdf") == 2);
  BOOST_TEST(report.documents.at("contract_approval.pdf") == 2);
  BOOST_TEST(report.documents.at("contract_approval.xlsx") == 2);
  BOOST_TEST(report.documents.count("order_sheet.pdf") == 0u);
  BOOST_TEST(report.documents.at("shipment_note.pdf") == 1);
  BOOST_TEST(report.documents.at("delivery_receipt.pdf") == 1);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE order_no = "
                        "'LP003'") == 0);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM orders WHERE order_no = "
                        "'LP004'") == 0);

  // Every record points at a whole file with the recorded hash.
  danju::Database db(job.path("data/danju.sqlite"), true);
  danju::Statement documents =
      db.prepare("SELECT path, sha256, bytes FROM documents");
  int files = 0;
  while (documents.step()) {
    const std::string path = job.path("output/" + documents.text(0));
    BOOST_TEST(danju::sha256_file(path) == documents.text(1), path);
    BOOST_TEST(static_cast<std::int64_t>(fs::file_size(path)) ==
               documents.integer(2));
    ++files;
  }
  BOOST_TEST(files == 8);

  // Two requests (the approval forms) to the first approver of the gift
  // chains, and finance's digest of the shipment note, written as .eml
  // without a mail server.
  BOOST_TEST(report.mails_queued == 3);
  BOOST_TEST(report.mails_sent == 3);
  BOOST_TEST(eml_files(job).size() == 3u);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM approval_steps WHERE state = "
                        "'pending'") == 2);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM approval_steps WHERE state = "
                        "'waiting'") == 4);

  // LP002's contract approved, the next night asks for production.
  BOOST_TEST(danju::testing::approve_pending(job, "contract_approval",
                                             "LP002") == 3);
  const danju::RunReport next = run(job);
  BOOST_TEST(next.documents.at("order_sheet.pdf") == 1);
  BOOST_TEST(next.documents.at("order_sheet.xlsx") == 1);
  BOOST_TEST(next.documents.size() == 2u);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM approval_steps s JOIN "
                        "documents d ON d.id = s.document_id WHERE "
                        "d.kind = 'order_sheet' AND s.state = 'pending'") ==
             1);
}

BOOST_AUTO_TEST_CASE(request_mail_reads_right_in_a_mail_client) {
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv());
  job.write("inbox/payments.csv", kPayments);
  run(job);

  std::map<std::string, std::map<std::string, std::string>> by_subject;
  for (const std::string& file : eml_files(job)) {
    auto facts = danju::testing::read_mail(file);
    by_subject[facts["subject.default"]] = facts;
  }
  const std::string subject =
      "[SP-HT-LP002] 合同审批：杭州某某家具 有限公司 ¥280.00";
  BOOST_REQUIRE_MESSAGE(by_subject.count(subject), "no mail with " + subject);
  auto& mail = by_subject[subject];
  BOOST_TEST(mail["subject.compat32"] == subject);
  BOOST_TEST(mail["to.addresses"] == "wang.zhe@danju-test.example");
  BOOST_TEST(mail["to.names"] == "王喆");
  BOOST_TEST(mail["defects"] == "0");
  BOOST_TEST(mail["attachments"] == "3");
  BOOST_TEST(mail["attachment.1.filename.default"] ==
             "合同审批单_SP-HT-LP002.pdf");
  BOOST_TEST(mail["attachment.1.filename.compat32"] ==
             "合同审批单_SP-HT-LP002.pdf");
  BOOST_TEST(mail["attachment.2.filename.default"] == "购销合同_HT-LP002.pdf");
  BOOST_TEST(mail["attachment.3.filename.default"] ==
             "合同审批单_SP-HT-LP002.xlsx");
  BOOST_TEST(mail["text.plain"].find("人民币贰佰捌拾元整") !=
             std::string::npos);
  BOOST_TEST(mail["text.html"].find("杭州某某家具 有限公司") !=
             std::string::npos);

  // The attachment is the recorded file, byte for byte.
  danju::Database db(job.path("data/danju.sqlite"), true);
  danju::Statement form = db.prepare(
      "SELECT sha256 FROM documents WHERE document_no = 'SP-HT-LP002' AND "
      "format = 'pdf'");
  BOOST_REQUIRE(form.step());
  BOOST_TEST(mail["attachment.1.sha256"] == form.text(0));

  // Finance gets tonight's shipment notes in one mail.
  const std::string digest_subject = "发货单（财务记账联）2026-12-04：共 1 份";
  BOOST_REQUIRE_MESSAGE(by_subject.count(digest_subject), "no finance digest");
  auto& digest = by_subject[digest_subject];
  BOOST_TEST(digest["to.addresses"] == "sun.jing@danju-test.example");
  BOOST_TEST(digest["attachments"] == "1");
  BOOST_TEST(digest["attachment.1.filename.default"] ==
             "发货单_FH-LP002.pdf");
}

BOOST_AUTO_TEST_CASE(running_the_same_night_again_adds_nothing) {
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv());
  job.write("inbox/payments.csv", kPayments);
  run(job);
  const auto documents = count(job, "SELECT COUNT(*) FROM documents");
  const auto mails = eml_files(job).size();

  const danju::RunReport again = run(job);

  BOOST_TEST(again.orders_unchanged == 3);
  BOOST_TEST(again.orders_new == 0);
  BOOST_TEST(again.payments_new == 0);
  BOOST_TEST(again.documents.empty());
  BOOST_TEST(again.mails_queued == 0);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents") == documents);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM outbox") == 3);
  BOOST_TEST(eml_files(job).size() == mails);
}

BOOST_AUTO_TEST_CASE(a_changed_order_becomes_a_new_version) {
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv(100));
  run(job);
  job.write("inbox/orders.csv", orders_csv(120));

  const danju::RunReport report = run(job);

  BOOST_TEST(report.orders_changed == 1);
  BOOST_TEST(report.orders_unchanged == 2);
  BOOST_TEST(report.documents.at("contract.pdf") == 1);
  BOOST_TEST(report.mails_queued == 1);
  BOOST_TEST(count(job, "SELECT MAX(version) FROM orders WHERE order_no = "
                        "'LP001'") == 2);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE order_no = "
                        "'LP001' AND order_version = 1 AND state = "
                        "'superseded' AND format IN ('pdf', 'xlsx')") == 3);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM approval_steps s JOIN "
                        "documents d ON d.id = s.document_id WHERE "
                        "d.order_no = 'LP001' AND d.order_version = 1 AND "
                        "s.state = 'superseded'") == 3);
  BOOST_TEST(fs::exists(job.path(
      "output/documents/2026-12/LP001/HT-LP001-v2.pdf")));
  BOOST_TEST(fs::exists(job.path(
      "output/documents/2026-12/LP001/HT-LP001-v1.pdf")));

  // The replaced papers get copies marked 作废 on every page, naming the
  // version that replaces them.
  const std::string voided =
      job.path("output/documents/2026-12/LP001/SP-HT-LP001-v1-void.pdf");
  BOOST_REQUIRE(fs::exists(voided));
  ChildProcess text("/usr/bin/pdftotext",
                    {"-raw", "-enc", "UTF-8", voided, "-"});
  std::string out, err;
  text.wait(&out, &err);
  // The mark runs diagonally: in drawing order (-raw) its characters come
  // first, one a line.
  std::string squeezed;
  for (char c : out) {
    if (c != '\n' && c != ' ') squeezed.push_back(c);
  }
  BOOST_TEST(squeezed.find("作废见第2版") != std::string::npos, squeezed);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE format = "
                        "'void.pdf' AND order_version = 1") == 2);
}

BOOST_AUTO_TEST_CASE(business_date_limits_what_counts) {
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv());
  job.write("inbox/payments.csv", kPayments);

  // On 2026-11-30 only LP002 exists, and its balance has not come in.
  const danju::RunReport report = run(job, "2026-11-30");

  BOOST_TEST(report.documents.count("shipment_note.pdf") == 0u);
  BOOST_TEST(report.documents.at("contract.pdf") == 1);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE order_no = "
                        "'LP001'") == 0);
}

// The Message-ID header of a raw message.
std::string message_id_of(const std::string& raw) {
  const auto at = raw.find("\r\nMessage-ID: ");
  if (at == std::string::npos) return "";
  const auto end = raw.find("\r\n", at + 2);
  return raw.substr(at + 14, end - at - 14);
}

BOOST_AUTO_TEST_CASE(mail_goes_over_reused_sessions_and_only_once) {
  for (int sessions : {1, 2, 3}) {
    SmtpServerFixture server;
    JobFolder job("host = \"127.0.0.1\"\nport = " +
                  std::to_string(server.port()) + "\nsessions = " +
                  std::to_string(sessions) + "\n");
    job.write("inbox/orders.csv", orders_csv());
    job.write("inbox/payments.csv", kPayments);

    const danju::RunReport report = run(job);
    // Two requests and finance's digest, each once.
    BOOST_TEST(report.mails_sent == 3);
    const auto received = server.received();
    BOOST_REQUIRE(received.size() == 3u);
    std::set<std::string> peers, ids;
    for (const auto& mail : received) {
      peers.insert(mail.peer);
      ids.insert(message_id_of(mail.raw));
      BOOST_TEST(mail.envelope_from == "danju@danju-test.example");
    }
    BOOST_TEST(ids.size() == 3u);
    // Each of the night's two deliveries (while the papers are made, and
    // at its end) opens no more sessions than asked for.
    BOOST_TEST(peers.size() >= 1u);
    BOOST_TEST(peers.size() <= static_cast<std::size_t>(2 * sessions));
    BOOST_TEST(eml_files(job).empty());
    BOOST_TEST(count(job, "SELECT COUNT(*) FROM outbox WHERE state = "
                          "'sent'") == 3);
    BOOST_TEST(count(job, "SELECT COUNT(*) FROM audit_log WHERE kind = "
                          "'mail_sent'") == 3);

    run(job);
    BOOST_TEST(server.received().size() == 3u);
  }
}

BOOST_AUTO_TEST_CASE(a_session_count_out_of_range_is_refused) {
  JobFolder job;
  job.write_job("host = \"127.0.0.1\"\nsessions = 9\n");
  BOOST_CHECK_EXCEPTION(
      danju::load_job(job.root() + "/job.toml"), std::exception,
      [](const std::exception& e) {
        return std::string(e.what()).find("mail.sessions must be 1 to 8") !=
               std::string::npos;
      });
}

BOOST_AUTO_TEST_CASE(mail_that_cannot_leave_waits_for_the_next_run) {
  JobFolder job("host = \"127.0.0.1\"\nport = 1\n");
  job.write("inbox/orders.csv", orders_csv());

  const danju::RunReport down = run(job);
  BOOST_TEST(down.exit_code == danju::kExitMailPending);
  BOOST_TEST(down.mails_sent == 0);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM outbox WHERE state = "
                        "'queued'") == 2);

  SmtpServerFixture server;
  job.write_job("host = \"127.0.0.1\"\nport = " +
                std::to_string(server.port()) + "\n");
  const danju::RunReport up = run(job);
  BOOST_TEST(up.mails_sent == 2);
  BOOST_TEST(up.mails_queued == 0);
  BOOST_TEST(server.received().size() == 2u);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM outbox WHERE state = "
                        "'sent'") == 2);
}

BOOST_AUTO_TEST_CASE(a_second_run_while_one_holds_the_lock_does_nothing) {
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv());
  fs::create_directories(job.path("data"));
  danju::RunLock held(job.path("data"), "2026-12-04T02:00:00+08:00");
  BOOST_REQUIRE(held.held());

  ChildProcess second(DANJU_BINARY, {"run", job.job_file(), "--quiet"});
  std::string out, err;
  const int code = second.wait(&out, &err);

  BOOST_TEST(code == danju::kExitLocked);
  BOOST_TEST(out.find("another run holds the lock") != std::string::npos,
             out);
  BOOST_TEST(out.find("pid " + std::to_string(getpid())) != std::string::npos);
  BOOST_TEST(!fs::exists(job.path("data/danju.sqlite")));
}

BOOST_AUTO_TEST_CASE(a_half_written_file_is_swept_only_when_its_writer_is_gone) {
  // "name.tmp-<pid>": a file another process (an intake beside this run)
  // is writing right now stays; one whose writer is gone is removed.
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv());
  ChildProcess writing("/bin/sleep", {"60"});
  ChildProcess gone("/bin/true", {});
  const pid_t gone_pid = gone.pid();
  std::string out, err;
  gone.wait(&out, &err);
  const std::string live = "output/archive/2026-12/LP001/SP-HT-LP001-v1-"
                           "approved.pdf.tmp-" + std::to_string(writing.pid());
  const std::string dead = "output/documents/x.pdf.tmp-" +
                           std::to_string(gone_pid) + "-7";
  fs::create_directories(job.path("output/archive/2026-12/LP001"));
  fs::create_directories(job.path("output/documents"));
  job.write(live, "half");
  job.write(dead, "half");

  run(job);

  BOOST_TEST(fs::exists(job.path(live)));
  BOOST_TEST(!fs::exists(job.path(dead)));
  kill(writing.pid(), SIGKILL);
  writing.wait(&out, &err);
}

BOOST_AUTO_TEST_CASE(a_run_killed_at_any_moment_then_rerun_loses_nothing) {
  SmtpServerFixture server;
  JobFolder job("host = \"127.0.0.1\"\nport = " +
                std::to_string(server.port()) + "\n");
  std::string csv = danju::testing::order_csv_header();
  std::string payments = "订单号,款项类型,金额,到账日期\r\n";
  for (int i = 0; i < 40; ++i) {
    const std::string order_no = "LPK" + std::to_string(100 + i);
    csv += order_no +
           ",礼品,样品已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
           "宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只,10,58.80\r\n";
    payments += order_no + ",全款,588.00,2026-12-03\r\n";
  }
  job.write("inbox/orders.csv", csv);
  job.write("inbox/payments.csv", payments);

  // Kill the run after a growing delay each time, then let one finish.
  for (int delay_ms : {30, 120, 300, 700}) {
    ChildProcess run_process(DANJU_BINARY,
                             {"run", job.job_file(), "--quiet", "--date",
                              kDate});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(run_process.pid(), SIGKILL);
    std::string out, err;
    run_process.wait(&out, &err);
  }
  ChildProcess last(DANJU_BINARY,
                    {"run", job.job_file(), "--quiet", "--date", kDate});
  std::string out, err;
  BOOST_TEST(last.wait(&out, &err) == danju::kExitOk, out + err);

  // Every order, paid in full: contract, approval form (pdf, xlsx),
  // shipment note and receipt, each once; one request per order, each
  // received once, and finance told of every note in a digest.
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents") == 40 * 5);
  BOOST_TEST(count(job, "SELECT COUNT(DISTINCT path) FROM documents") ==
             40 * 5);
  const auto digests = count(job, "SELECT COUNT(*) FROM outbox WHERE "
                                  "purpose = 'finance_digest'");
  BOOST_TEST(digests >= 1);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM outbox WHERE state = "
                        "'sent'") == 40 + digests);
  // (A digest that a kill caught between sending and recording arrives
  // twice with one Message-ID; it counts once, as a mail client shows it.)
  std::map<std::string, int> digested;
  std::set<std::string> digest_ids;
  for (const auto& mail : server.received()) {
    const std::string id = message_id_of(mail.raw);
    if (id.rfind("<finance-digest.", 0) != 0) continue;
    if (!digest_ids.insert(id).second) continue;
    const std::string file = job.path("digest.eml");
    danju::write_file_atomic(file, mail.raw);
    const std::string body = danju::testing::read_mail(file).at("text.plain");
    for (std::size_t at = body.find("FH-LPK"); at != std::string::npos;
         at = body.find("FH-LPK", at + 1)) {
      ++digested[body.substr(at, 9)];
    }
  }
  BOOST_TEST(digested.size() == 40u);
  for (const auto& [note, times] : digested) BOOST_TEST(times == 1, note);
  std::map<std::string, int> received;
  for (const auto& mail : server.received()) {
    const auto start = mail.raw.find("Message-ID: <");
    BOOST_REQUIRE(start != std::string::npos);
    const auto end = mail.raw.find('>', start);
    ++received[mail.raw.substr(start, end - start)];
  }
  BOOST_TEST(received.size() == static_cast<std::size_t>(40 + digests));

  // A message arrives twice only when a kill cut its attempt off between
  // the server storing it and Danju recording that: the outbox shows that
  // attempt, and there can be at most one such message per kill.
  int repeated = 0;
  for (const auto& [header, times] : received) {
    BOOST_TEST(times <= 2, header);
    if (times == 1) continue;
    ++repeated;
    const std::string id = header.substr(std::string("Message-ID: <").size());
    BOOST_TEST(count(job, "SELECT attempts FROM outbox WHERE message_id = '" +
                              id + "'") >= 2, id);
  }
  BOOST_TEST(repeated <= 4);

  // A killed run's half-written temporary files were swept away.
  for (const auto& entry :
       fs::recursive_directory_iterator(job.path("output"))) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    // The archive adds each filed paper's trail and the month's manifest.
    BOOST_TEST((entry.path().extension() == ".pdf" ||
                entry.path().extension() == ".xlsx" ||
                entry.path().extension() == ".json" ||
                name == "manifest.txt"),
               name);
  }
}

BOOST_AUTO_TEST_CASE(a_character_no_font_has_fails_only_its_order) {
  // Without the font that has 𠮷 (U+20BB7), its order cannot be printed.
  JobFolder job("", "[fonts]\ncjk = [\"/usr/share/fonts/truetype/wqy/"
                    "wqy-microhei.ttc#0\"]\n");
  job.write("inbox/orders.csv",
            std::string(danju::testing::order_csv_header()) +
                "LP010,礼品,已确认,2026-12-01,,礼品事业部,陈晓东,𠮷祥家居有限公司,"
                "王喆,定制保温杯,500ml,只,10,58.80\r\n"
                "LP011,礼品,已确认,2026-12-01,,礼品事业部,陈晓东,宁波鸿达有限公司,"
                "李堃,定制保温杯,500ml,只,10,58.80\r\n");

  const danju::RunReport report = run(job);

  BOOST_REQUIRE(report.rejections.size() == 1u);
  const std::string& line = report.rejections[0];
  BOOST_TEST(line.find("LP010") != std::string::npos, line);
  BOOST_TEST(line.find("U+20BB7") != std::string::npos, line);
  BOOST_TEST(line.find("customer.name") != std::string::npos, line);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE order_no = "
                        "'LP010'") == 0);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE order_no = "
                        "'LP011'") == 3);
  BOOST_TEST(report.mails_queued == 1);
  BOOST_TEST(!fs::exists(job.path("output/documents/2026-12/LP010/"
                                  "HT-LP010-v1.pdf")));
}

BOOST_AUTO_TEST_CASE(mail_goes_over_starttls_with_login_when_configured) {
  SmtpServerFixture server(true, true);
  danju::testing::JobFolder job(
      "host = \"127.0.0.1\"\nport = " + std::to_string(server.port()) +
      "\nstarttls = true\nca_file = \"" + server.ca_file() +
      "\"\nusername = \"" + SmtpServerFixture::kUser +
      "\"\npassword_env = \"DANJU_TEST_SMTP\"\n");
  setenv("DANJU_TEST_SMTP", SmtpServerFixture::kPassword, 1);
  job.write("inbox/orders.csv", orders_csv());

  // The two approval forms' requests.
  const danju::RunReport report = run(job);
  BOOST_TEST(report.mails_sent == 2);
  const auto received = server.received();
  BOOST_REQUIRE(received.size() == 2u);
  for (const auto& mail : received) BOOST_TEST(mail.tls);

  // Without the CA the server's certificate is not trusted: nothing is
  // sent, and the mail waits.
  SmtpServerFixture other(true, true);
  danju::testing::JobFolder untrusted(
      "host = \"127.0.0.1\"\nport = " + std::to_string(other.port()) +
      "\nstarttls = true\nusername = \"" + SmtpServerFixture::kUser +
      "\"\npassword_env = \"DANJU_TEST_SMTP\"\n");
  untrusted.write("inbox/orders.csv", orders_csv());
  const danju::RunReport refused = run(untrusted);
  BOOST_TEST(refused.mails_sent == 0);
  BOOST_TEST(refused.exit_code == danju::kExitMailPending);
  BOOST_TEST(other.received().empty());
  BOOST_TEST(count(untrusted, "SELECT COUNT(*) FROM outbox WHERE state = "
                              "'queued'") == 2);
}

BOOST_AUTO_TEST_CASE(the_first_night_of_a_month_mails_last_months_register) {
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv());
  job.write("inbox/payments.csv", kPayments);
  run(job);
  const std::size_t before = eml_files(job).size();

  const danju::RunReport first = run(job, "2027-01-01");
  BOOST_TEST(first.mails_queued == 1);
  BOOST_TEST(fs::exists(job.path("output/registers/register-2026-12.xlsx")));
  BOOST_TEST(eml_files(job).size() == before + 1);
  // Only once, however often the night is run.
  BOOST_TEST(run(job, "2027-01-01").mails_queued == 0);
  BOOST_TEST(run(job, "2027-01-02").mails_queued == 0);

  std::map<std::string, std::string> facts;
  for (const std::string& file : eml_files(job)) {
    auto read = danju::testing::read_mail(file);
    if (read["subject.default"].find("单据台账 2026-12") == 0) facts = read;
  }
  BOOST_REQUIRE(!facts.empty());
  BOOST_TEST(facts["to.addresses"] == "sun.jing@danju-test.example");
  BOOST_TEST(facts["attachment.1.filename.default"] ==
             "单据台账_2026-12.xlsx");
}

BOOST_AUTO_TEST_CASE(a_replaced_paper_on_file_gets_a_void_copy_on_every_page) {
  JobFolder job;
  job.write("inbox/orders.csv", orders_csv());
  job.write("inbox/payments.csv", kPayments);
  run(job);
  const std::string filed = "output/archive/2026-12/LP002/FH-LP002-v1.pdf";
  BOOST_REQUIRE(fs::exists(job.path(filed)));

  // LP002 changes: its filed shipment note is voided, in the archive too.
  std::string changed = orders_csv();
  changed.replace(changed.find(",10,28.00"), 9, ",10,28.50");
  job.write("inbox/orders.csv", changed);
  run(job);
  const std::string voided =
      job.path("output/archive/2026-12/LP002/FH-LP002-v1-void.pdf");
  BOOST_REQUIRE(fs::exists(voided));
  BOOST_TEST(fs::exists(job.path(filed)));  // the original stays

  ChildProcess info("/usr/bin/pdfinfo", {voided});
  std::string out, err;
  info.wait(&out, &err);
  const int pages = std::stoi(out.substr(out.find("Pages:") + 6));
  BOOST_TEST(pages == 5);  // four copies and the 审批记录 page
  for (int page = 1; page <= 4; ++page) {
    ChildProcess text("/usr/bin/pdftotext",
                      {"-raw", "-f", std::to_string(page), "-l",
                       std::to_string(page), "-enc", "UTF-8", voided, "-"});
    std::string page_text, page_err;
    text.wait(&page_text, &page_err);
    std::string squeezed;
    for (char c : page_text) {
      if (c != '\n' && c != ' ') squeezed.push_back(c);
    }
    BOOST_TEST(squeezed.find("作废见第2版") != std::string::npos, page);
  }
}
