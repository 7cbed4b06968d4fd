// Approval chains driven to the end through real parts: requests over a real
// SMTP server, replies delivered into a real dovecot and read over POP3,
// signed links opened on the real `danju serve`, and answers from the
// command line.
#define BOOST_TEST_MODULE pipeline_approval_flow
#include <boost/test/unit_test.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <thread>

#include "fixtures/child_process.h"
#include "fixtures/job_folder.h"
#include "fixtures/mail_reader.h"
#include "fixtures/pop3_fixture.h"
#include "fixtures/smtp_fixture.h"
#include "approval/approval_link.h"
#include "approval/approval_service.h"
#include "archive/reply_evidence.h"
#include "core/file_io.h"
#include "core/business_clock.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "pipeline/run_lock.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::testing::ChildProcess;
using danju::testing::JobFolder;
using danju::testing::Pop3ServerFixture;
using danju::testing::SmtpServerFixture;

namespace {

// A job wired to the servers: mail out over SMTP, replies in over POP3,
// links served on link_port.
struct Wired {
  SmtpServerFixture smtp;
  Pop3ServerFixture pop3;
  int link_port = Pop3ServerFixture::unused_port();
  JobFolder job;

  explicit Wired(const std::string& chains = "")
      : job("host = \"127.0.0.1\"\nport = " + std::to_string(smtp.port()) +
                "\n",
            chains + "[reply_mailbox]\nhost = \"127.0.0.1\"\nport = " +
                std::to_string(pop3.port()) + "\nusername = \"" +
                pop3.user() + "\"\npassword_env = \"DANJU_TEST_POP3\"\n"
                "address = \"replies@danju-test.example\"\n"
                "[approval]\nlink_base_url = \"http://127.0.0.1:" +
                std::to_string(link_port) +
                "\"\nlink_secret_file = \"link.secret\"\n"
                "listen_port = " + std::to_string(link_port) + "\n") {
    setenv("DANJU_TEST_POP3", pop3.password().c_str(), 1);
    job.write("link.secret", "a-test-secret-of-enough-length\n");
  }

  danju::RunReport run() {
    const danju::JobConfig config = danju::load_job(job.job_file());
    danju::RunLog log("", true);
    danju::RunOptions options;
    options.business_date = "2026-12-04";
    return danju::run_night(config, options, log);
  }

  std::int64_t count(const std::string& sql) {
    danju::Database db(job.path("data/danju.sqlite"), true);
    danju::Statement query = db.prepare(sql);
    query.step();
    return query.integer(0);
  }

  std::string text(const std::string& sql) {
    danju::Database db(job.path("data/danju.sqlite"), true);
    danju::Statement query = db.prepare(sql);
    return query.step() ? query.text(0) : "";
  }

  // The mails received so far whose envelope goes to the address.
  std::vector<danju::testing::ReceivedMail> mails_to(
      const std::string& address) {
    std::vector<danju::testing::ReceivedMail> found;
    for (const auto& mail : smtp.received()) {
      for (const std::string& to : mail.envelope_to) {
        if (to == address) found.push_back(mail);
      }
    }
    return found;
  }
};

std::string header(const std::string& raw, const std::string& name) {
  const std::regex pattern("(^|\\r\\n)" + name + ": ([^\\r\\n]*)");
  std::smatch found;
  return std::regex_search(raw, found, pattern) ? found[2].str() : "";
}

std::string reply(const std::string& from, const std::string& in_reply_to,
                  const std::string& subject, const std::string& body,
                  const std::string& id, const std::string& extra = "") {
  return "From: " + from + "\r\nTo: replies@danju-test.example\r\n"
         "Subject: " + subject + "\r\nMessage-ID: <" + id + ">\r\n" +
         (in_reply_to.empty() ? "" : "In-Reply-To: " + in_reply_to + "\r\n") +
         extra +
         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
}

int intake(const JobFolder& job, std::string* out = nullptr) {
  ChildProcess child(DANJU_BINARY, {"intake", job.job_file(), "--quiet"});
  std::string o, e;
  const int code = child.wait(&o, &e);
  if (out) *out = o + e;
  return code;
}

// A night of count confirmed gift orders (numbers prefix100, ...), each
// asking 王喆 to approve, and his 同意 to each request waiting in the
// mailbox. Returns how many requests there were.
std::size_t approve_all_by_reply(Wired& w, const std::string& prefix,
                                 int count) {
  std::string csv = danju::testing::order_csv_header();
  for (int i = 0; i < count; ++i) {
    csv += prefix + std::to_string(100 + i) +
           ",礼品,已确认,2026-12-01,,礼品事业部,陈晓东,宁波鸿达有限公司,"
           "王喆,定制保温杯,500ml,只,10,58.80\r\n";
  }
  w.job.write("inbox/orders.csv", csv);
  w.run();
  const auto requests = w.mails_to("wang.zhe@danju-test.example");
  for (const auto& mail : requests) {
    const std::string id = header(mail.raw, "Message-ID");
    w.pop3.deliver(reply("wang.zhe@danju-test.example", id, "Re: 审批",
                         "同意", prefix + "-" + id.substr(1, 24) +
                                     "@test.example"));
  }
  return requests.size();
}

int http_status(int port, const std::string& method, const std::string& path,
                const std::string& body, std::string* page) {
  Poco::Net::HTTPClientSession session("127.0.0.1",
                                       static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(20, 0));
  Poco::Net::HTTPRequest request(method, path,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  if (method == "POST") {
    request.setContentType("application/x-www-form-urlencoded");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
  } else {
    session.sendRequest(request);
  }
  Poco::Net::HTTPResponse response;
  std::istream& stream = session.receiveResponse(response);
  Poco::StreamCopier::copyToString(stream, *page);
  return response.getStatus();
}

const char* const kOneOrder =
    "LP001,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
    "宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只,100,58.80\r\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_chain_runs_to_the_end_by_reply_link_and_command) {
  Wired w;
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  BOOST_TEST(w.run().mails_sent == 1);

  // Step 1, 部门负责人: a reply that says 同意.
  auto first = w.mails_to("wang.zhe@danju-test.example");
  BOOST_REQUIRE(first.size() == 1u);
  BOOST_TEST(header(first[0].raw, "Reply-To").find(
                 "replies@danju-test.example") != std::string::npos);
  w.pop3.deliver(reply("王喆 <wang.zhe@danju-test.example>",
                       header(first[0].raw, "Message-ID"),
                       "Re: [SP-HT-LP001] 合同审批", "同意", "r1@test.example"));
  std::string said;
  BOOST_TEST(intake(w.job, &said) == danju::kExitOk, said);
  BOOST_TEST(said.find("1 decided") != std::string::npos, said);
  BOOST_TEST(w.text("SELECT decided_how FROM approval_steps WHERE step = 1") ==
             "reply");
  BOOST_TEST(w.text("SELECT evidence FROM approval_steps WHERE step = 1")
                 .find("r1@test.example") != std::string::npos);

  // The raw reply is kept as evidence in the month's mailbox file, and
  // reads back with the SHA-256 recorded for it.
  danju::EvidenceSpot evidence;
  evidence.path =
      w.text("SELECT path FROM mailbox_messages WHERE uid IS NOT NULL");
  evidence.offset = w.count("SELECT evidence_offset FROM mailbox_messages");
  evidence.length = w.count("SELECT evidence_length FROM mailbox_messages");
  const std::regex month_file("/replies/[0-9]{4}-[0-9]{2}\\.mbox$");
  BOOST_TEST(std::regex_search(evidence.path, month_file), evidence.path);
  const std::string kept = danju::read_reply_evidence(evidence);
  BOOST_TEST(danju::sha256_hex(kept) ==
             w.text("SELECT sha256 FROM mailbox_messages"));
  BOOST_TEST(kept.find("r1@test.example") != std::string::npos);

  // Step 2, 法务: the request carries links; opening one decides nothing.
  auto second = w.mails_to("zhao.min@danju-test.example");
  BOOST_REQUIRE(second.size() == 1u);
  const auto facts = danju::testing::read_mail(second[0].path);
  std::smatch link;
  const std::string body = facts.at("text.plain");
  BOOST_REQUIRE(std::regex_search(
      body, link, std::regex("同意：http://127\\.0\\.0\\.1:[0-9]+(/a/\\S+)")));
  const std::string path = link[1].str();

  ChildProcess server(DANJU_BINARY, {"serve", w.job.job_file()});
  BOOST_REQUIRE(server.read_line(30000).find("listening on") == 0);
  std::string page;
  BOOST_TEST(http_status(w.link_port, "GET", path, "", &page) == 200);
  BOOST_TEST(page.find("宁波鸿达贸易有限公司") != std::string::npos);
  BOOST_TEST(w.text("SELECT state FROM approval_steps WHERE step = 2") ==
             "pending");
  BOOST_TEST(http_status(w.link_port, "POST", path, "decision=approve",
                         &page) == 200);
  BOOST_TEST(w.text("SELECT state FROM approval_steps WHERE step = 2") ==
             "approved");
  BOOST_TEST(w.text("SELECT decided_how FROM approval_steps WHERE step = 2") ==
             "link");
  // A second POST of the same link decides nothing more.
  BOOST_TEST(http_status(w.link_port, "POST", path, "decision=approve",
                         &page) == 409);

  // Forged, expired and other-approver links are refused by the server.
  const std::string secret = "a-test-secret-of-enough-length";
  danju::LinkClaim claim;
  claim.step_id = std::stoll(w.text("SELECT id FROM approval_steps WHERE "
                                    "step = 3"));
  claim.approver = "chen.jianguo@danju-test.example";
  claim.decision = "approve";
  claim.expires_at = std::time(nullptr) + 3600;
  std::string forged = danju::sign_link(claim, secret);
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  BOOST_TEST(http_status(w.link_port, "POST", "/a/" + forged,
                         "decision=approve", &page) == 403);
  danju::LinkClaim stale = claim;
  stale.expires_at = std::time(nullptr) - 10;
  BOOST_TEST(http_status(w.link_port, "POST",
                         "/a/" + danju::sign_link(stale, secret),
                         "decision=approve", &page) == 410);
  danju::LinkClaim other = claim;
  other.approver = "zhao.min@danju-test.example";
  BOOST_TEST(http_status(w.link_port, "POST",
                         "/a/" + danju::sign_link(other, secret),
                         "decision=approve", &page) == 403);
  BOOST_TEST(w.text("SELECT state FROM approval_steps WHERE step = 3") ==
             "pending");
  server.terminate();

  // The serving process sent step 3's request at once.
  BOOST_REQUIRE(w.mails_to("chen.jianguo@danju-test.example").size() == 1u);
  const std::string step3 =
      w.text("SELECT id FROM approval_steps WHERE step = 3");

  // Step 3, 公司负责人: answered from the command line.
  ChildProcess decide(DANJU_BINARY,
                      {"decide", w.job.job_file(), "--step", step3, "--as",
                       "chen.jianguo@danju-test.example", "--approve"});
  std::string out, err;
  BOOST_TEST(decide.wait(&out, &err) == danju::kExitOk, out + err);

  // Fully approved: the stamped form goes to the salesperson.
  BOOST_TEST(w.text("SELECT state FROM documents WHERE kind = "
                    "'contract_approval' AND format = 'pdf'") == "approved");
  BOOST_TEST(w.text("SELECT state FROM documents WHERE kind = 'contract'") ==
             "approved");
  const auto final_mail = w.mails_to("chen.xiaodong@danju-test.example");
  BOOST_REQUIRE(final_mail.size() == 1u);
  const auto final_facts = danju::testing::read_mail(final_mail[0].path);
  BOOST_TEST(final_facts.at("attachment.1.filename.default") ==
             "合同审批单_SP-HT-LP001_已审批.pdf");
  const std::string stamped = w.job.path(
      "output/" + w.text("SELECT path FROM documents WHERE format = "
                         "'approved.pdf'"));
  danju::testing::ChildProcess text("/usr/bin/pdftotext",
                                    {"-enc", "UTF-8", stamped, "-"});
  std::string pdf_text, pdf_err;
  text.wait(&pdf_text, &pdf_err);
  for (const char* word : {"王喆", "赵敏", "陈建国", "邮件回复", "审批链接",
                           "命令行"}) {
    BOOST_TEST(pdf_text.find(word) != std::string::npos, word);
  }
  BOOST_TEST(w.count("SELECT COUNT(*) FROM approval_steps WHERE state = "
                     "'pending'") == 0);
}

BOOST_AUTO_TEST_CASE(replies_that_must_not_decide_do_not) {
  Wired w;
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  w.run();
  const auto request = w.mails_to("wang.zhe@danju-test.example").at(0);
  const std::string id = header(request.raw, "Message-ID");
  const std::string subject = "Re: [SP-HT-LP001] 合同审批";

  // A stranger, an out-of-office reply, and a reply whose only 同意 is in
  // the quoted original.
  w.pop3.deliver(reply("x@elsewhere.example", id, subject, "同意",
                       "s1@test.example"));
  w.pop3.deliver(reply("王喆 <wang.zhe@danju-test.example>", id,
                       "自动回复: " + subject, "我正在休假，同意", "a1@test.example",
                       "Auto-Submitted: auto-replied\r\n"));
  w.pop3.deliver(reply("王喆 <wang.zhe@danju-test.example>", id, subject,
                       "收到，周一再看。\r\n\r\n-----原始邮件-----\r\n"
                       "请直接回复“同意”或“不同意”。",
                       "q1@test.example"));
  BOOST_TEST(intake(w.job) == danju::kExitOk);
  BOOST_TEST(w.text("SELECT state FROM approval_steps WHERE step = 1") ==
             "pending");
  BOOST_TEST(w.text("SELECT outcome FROM mailbox_messages WHERE message_id = "
                    "'s1@test.example'")
                 .find("may not decide") != std::string::npos);
  BOOST_TEST(w.text("SELECT outcome FROM mailbox_messages WHERE message_id = "
                    "'a1@test.example'")
                 .find("automatic") == 9u);

  // The unclear human reply got one short answer; a second gets none.
  BOOST_TEST(w.mails_to("wang.zhe@danju-test.example").size() == 2u);
  w.pop3.deliver(reply("王喆 <wang.zhe@danju-test.example>", id, subject,
                       "同意吗？", "q2@test.example"));
  intake(w.job);
  BOOST_TEST(w.mails_to("wang.zhe@danju-test.example").size() == 2u);
  BOOST_TEST(w.mails_to("x@elsewhere.example").empty());

  // Reading the mailbox again handles nothing twice.
  intake(w.job);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM mailbox_messages") == 4);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM approval_steps WHERE state = "
                     "'pending'") == 1);

  // A rejection must say why: without a reason it decides nothing.
  w.pop3.deliver(reply("王喆 <wang.zhe@danju-test.example>", id, subject,
                       "驳回", "n1@test.example"));
  intake(w.job);
  BOOST_TEST(w.text("SELECT outcome FROM mailbox_messages WHERE message_id = "
                    "'n1@test.example'") ==
             "unclear: a rejection without a reason");
  BOOST_TEST(w.text("SELECT state FROM approval_steps WHERE step = 1") ==
             "pending");

  // A rejection with a reason, matched by the subject alone.
  w.pop3.deliver(reply("王喆 <wang.zhe@danju-test.example>", "", subject,
                       "驳回：交货期太短，请重新报价", "j1@test.example"));
  intake(w.job);
  BOOST_TEST(w.text("SELECT state FROM documents WHERE kind = "
                    "'contract_approval'") == "rejected");
  BOOST_TEST(w.text("SELECT note FROM approval_steps WHERE step = 1") ==
             "交货期太短，请重新报价");
  const auto told = w.mails_to("chen.xiaodong@danju-test.example");
  BOOST_REQUIRE(told.size() == 1u);
  BOOST_TEST(danju::testing::read_mail(told[0].path)
                 .at("text.plain")
                 .find("交货期太短，请重新报价") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_countersign_with_one_reject_rejects) {
  Wired w("[chains.gift]\ncontract_approval = [\"legal+finance\", "
          "\"company_head\"]\n");
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  BOOST_TEST(w.run().mails_sent == 2);
  const auto legal = w.mails_to("zhao.min@danju-test.example").at(0);
  const auto finance = w.mails_to("sun.jing@danju-test.example").at(0);

  w.pop3.deliver(reply("zhao.min@danju-test.example",
                       header(legal.raw, "Message-ID"), "Re: 审批", "同意",
                       "c1@test.example"));
  intake(w.job);
  // One of the two approved: the step still waits for the other.
  BOOST_TEST(w.text("SELECT state FROM documents WHERE kind = "
                    "'contract_approval'") == "pending_approval");
  BOOST_TEST(w.mails_to("chen.jianguo@danju-test.example").empty());

  w.pop3.deliver(reply("sun.jing@danju-test.example",
                       header(finance.raw, "Message-ID"), "Re: 审批",
                       "不同意，付款条件需重新谈", "c2@test.example"));
  intake(w.job);
  BOOST_TEST(w.text("SELECT state FROM documents WHERE kind = "
                    "'contract_approval'") == "rejected");
  BOOST_TEST(w.count("SELECT COUNT(*) FROM approval_steps WHERE state = "
                     "'closed'") == 1);
  BOOST_TEST(w.mails_to("chen.jianguo@danju-test.example").empty());
}

BOOST_AUTO_TEST_CASE(an_intake_killed_mid_mailbox_handles_each_reply_once) {
  Wired w;
  std::string csv = danju::testing::order_csv_header();
  for (int i = 0; i < 20; ++i) {
    csv += "LPK" + std::to_string(100 + i) +
           ",礼品,已确认,2026-12-01,,礼品事业部,陈晓东,宁波鸿达有限公司,"
           "王喆,定制保温杯,500ml,只,10,58.80\r\n";
  }
  w.job.write("inbox/orders.csv", csv);
  w.run();
  for (const auto& mail : w.mails_to("wang.zhe@danju-test.example")) {
    w.pop3.deliver(reply("wang.zhe@danju-test.example",
                         header(mail.raw, "Message-ID"), "Re: 审批", "同意",
                         "k-" + header(mail.raw, "Message-ID").substr(1, 20) +
                             "@test.example"));
  }

  for (int delay_ms : {150, 400}) {
    ChildProcess killed(DANJU_BINARY, {"intake", w.job.job_file(), "--quiet"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(killed.pid(), SIGKILL);
    std::string out, err;
    killed.wait(&out, &err);
  }
  BOOST_TEST(intake(w.job) == danju::kExitOk);

  BOOST_TEST(w.count("SELECT COUNT(*) FROM mailbox_messages") == 20);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM approval_steps WHERE step = 1 AND "
                     "state = 'approved'") == 20);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM approval_steps WHERE step = 2 AND "
                     "state = 'pending'") == 20);
  // Each second-step request was queued once.
  BOOST_TEST(w.count("SELECT COUNT(*) FROM outbox WHERE purpose = "
                     "'approval_request'") == 40);
}

BOOST_AUTO_TEST_CASE(an_intake_killed_while_finishing_finishes_each_form_once) {
  // One step: each reply completes its chain, and the forms are stamped
  // and filed beside the deciding, so a kill can fall in either.
  Wired w("[chains.gift]\ncontract_approval = [\"dept_head\"]\n");
  constexpr int kOrders = 24;
  BOOST_REQUIRE(approve_all_by_reply(w, "LPF", kOrders) ==
                static_cast<std::size_t>(kOrders));

  for (int delay_ms : {150, 300, 500}) {
    ChildProcess killed(DANJU_BINARY, {"intake", w.job.job_file(), "--quiet"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(killed.pid(), SIGKILL);
    std::string out, err;
    killed.wait(&out, &err);
  }
  std::string said;
  BOOST_TEST(intake(w.job, &said) == danju::kExitOk, said);

  // Every reply recorded once, every form and contract stamped and filed
  // once, each salesperson's mail queued once.
  BOOST_TEST(w.count("SELECT COUNT(*) FROM mailbox_messages") == kOrders);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM documents WHERE kind = "
                     "'contract_approval' AND format = 'pdf' AND state = "
                     "'approved'") == kOrders);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM documents WHERE format = "
                     "'approved.pdf'") == 2 * kOrders);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM filed_documents") == 2 * kOrders);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM outbox WHERE purpose = "
                     "'final_approval'") == kOrders);
  // (A mail a kill caught between the server storing it and Danju
  // recording that arrives twice with one Message-ID: once per kill at
  // most, and a mail client shows it once.)
  std::map<std::string, int> told;
  for (const auto& mail : w.mails_to("chen.xiaodong@danju-test.example")) {
    ++told[header(mail.raw, "Message-ID")];
  }
  BOOST_TEST(told.size() == static_cast<std::size_t>(kOrders));
  int repeated = 0;
  for (const auto& [id, times] : told) repeated += times - 1;
  BOOST_TEST(repeated <= 3);

  // Each reply reads back from the evidence file as it arrived.
  danju::Database db(w.job.path("data/danju.sqlite"), true);
  danju::Statement kept = db.prepare(
      "SELECT path, evidence_offset, evidence_length, sha256 FROM "
      "mailbox_messages");
  int read_back = 0;
  while (kept.step()) {
    const danju::EvidenceSpot spot{kept.text(0), kept.integer(1),
                                   kept.integer(2)};
    BOOST_TEST(danju::sha256_hex(danju::read_reply_evidence(spot)) ==
               kept.text(3));
    ++read_back;
  }
  BOOST_TEST(read_back == kOrders);

  // And the archive agrees with its records; checking it needs no mail
  // password.
  unsetenv("DANJU_TEST_POP3");
  ChildProcess verify(DANJU_BINARY, {"verify", w.job.job_file()});
  std::string out, err;
  BOOST_TEST(verify.wait(&out, &err) == danju::kExitOk, out + err);
  setenv("DANJU_TEST_POP3", w.pop3.password().c_str(), 1);
  BOOST_TEST(out.find("24 kept as evidence, 24 intact") != std::string::npos,
             out);

  // A reply altered in the evidence file is found.
  const std::string mbox =
      w.text("SELECT path FROM mailbox_messages ORDER BY id");
  std::string bytes = danju::read_file(mbox);
  const std::size_t body = bytes.find("同意");
  BOOST_REQUIRE(body != std::string::npos);
  bytes.replace(body, std::string("同意").size(), "驳回");
  danju::write_file_atomic(mbox, bytes);
  ChildProcess again(DANJU_BINARY, {"verify", w.job.job_file()});
  BOOST_TEST(again.wait(&out, &err) != danju::kExitOk, out + err);
  BOOST_TEST(out.find("changed: " + mbox) != std::string::npos, out);
  BOOST_TEST(out.find("23 intact, 1 changed") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(a_run_beside_an_intake_finishes_and_mails_each_form_once) {
  // A run and an intake at once: both would finish the forms the replies
  // complete and deliver the outbox. Each form must be stamped, filed and
  // mailed once, and no file either one recorded may go.
  Wired w("[chains.gift]\ncontract_approval = [\"dept_head\"]\n");
  constexpr int kOrders = 40;
  BOOST_REQUIRE(approve_all_by_reply(w, "LPR", kOrders) ==
                static_cast<std::size_t>(kOrders));

  for (int delay_ms : {50, 200}) {
    ChildProcess intake_child(DANJU_BINARY,
                              {"intake", w.job.job_file(), "--quiet"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ChildProcess run_child(DANJU_BINARY,
                           {"run", w.job.job_file(), "--date", "2026-12-04",
                            "--quiet"});
    std::string out, err;
    BOOST_TEST(run_child.wait(&out, &err) == danju::kExitOk, out + err);
    BOOST_TEST(intake_child.wait(&out, &err) == danju::kExitOk, out + err);
  }

  BOOST_TEST(w.count("SELECT COUNT(*) FROM documents WHERE format = "
                     "'approved.pdf'") == 2 * kOrders);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM filed_documents") == 2 * kOrders);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM unfinished_forms") == 0);
  std::map<std::string, int> told;
  for (const auto& mail : w.mails_to("chen.xiaodong@danju-test.example")) {
    ++told[header(mail.raw, "Message-ID")];
  }
  BOOST_TEST(told.size() == static_cast<std::size_t>(kOrders));
  for (const auto& [id, times] : told) BOOST_TEST(times == 1, id);

  // The month's manifest lists each filed file once.
  std::ifstream manifest(w.job.path("output/archive/2026-12/manifest.txt"));
  std::map<std::string, int> lines;
  for (std::string line; std::getline(manifest, line);) ++lines[line];
  BOOST_TEST(lines.size() == static_cast<std::size_t>(4 * kOrders));
  for (const auto& [line, times] : lines) BOOST_TEST(times == 1, line);

  ChildProcess verify(DANJU_BINARY, {"verify", w.job.job_file()});
  std::string out, err;
  BOOST_TEST(verify.wait(&out, &err) == danju::kExitOk, out + err);
}

BOOST_AUTO_TEST_CASE(replies_after_a_damaged_evidence_file_go_to_a_new_one) {
  Wired w("[chains.gift]\ncontract_approval = [\"dept_head\", "
          "\"legal\"]\n");
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  w.run();
  const auto first = w.mails_to("wang.zhe@danju-test.example").at(0);
  w.pop3.deliver(reply("wang.zhe@danju-test.example",
                       header(first.raw, "Message-ID"), "Re: 审批", "同意",
                       "d1@test.example"));
  BOOST_TEST(intake(w.job) == danju::kExitOk);
  const std::string damaged =
      w.text("SELECT path FROM mailbox_messages WHERE message_id = "
             "'d1@test.example'");
  fs::remove(damaged);

  const auto second = w.mails_to("zhao.min@danju-test.example").at(0);
  w.pop3.deliver(reply("zhao.min@danju-test.example",
                       header(second.raw, "Message-ID"), "Re: 审批", "同意",
                       "d2@test.example"));
  std::string said;
  BOOST_TEST(intake(w.job, &said) == danju::kExitOk, said);

  // The new reply is kept in a file of its own, whole; the lost one is
  // still reported as gone, not as changed by the newcomer.
  const std::string fresh =
      w.text("SELECT path FROM mailbox_messages WHERE message_id = "
             "'d2@test.example'");
  BOOST_TEST(fresh == damaged.substr(0, damaged.size() - 5) + "-2.mbox");
  BOOST_TEST(w.count("SELECT evidence_offset FROM mailbox_messages WHERE "
                     "message_id = 'd2@test.example'") == 0);
  ChildProcess verify(DANJU_BINARY, {"verify", w.job.job_file()});
  std::string out, err;
  BOOST_TEST(verify.wait(&out, &err) != danju::kExitOk, out + err);
  BOOST_TEST(out.find("2 kept as evidence, 1 intact, 0 changed, 1 missing") !=
                 std::string::npos,
             out);
  BOOST_TEST(out.find("missing: " + damaged) != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(an_any_one_step_is_decided_by_the_first_answer) {
  Wired w("[chains.gift]\ncontract_approval = [\"legal|finance\", "
          "\"company_head\"]\n");
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  BOOST_TEST(w.run().mails_sent == 2);
  const auto finance = w.mails_to("sun.jing@danju-test.example").at(0);
  w.pop3.deliver(reply("sun.jing@danju-test.example",
                       header(finance.raw, "Message-ID"), "Re: 审批", "同意",
                       "y1@test.example"));
  intake(w.job);

  BOOST_TEST(w.text("SELECT state FROM approval_steps WHERE role = "
                    "'legal'") == "skipped");
  BOOST_TEST(w.mails_to("chen.jianguo@danju-test.example").size() == 1u);
  // The other approver of the step is told it was handled.
  const auto told = w.mails_to("zhao.min@danju-test.example");
  BOOST_REQUIRE(told.size() == 2u);
  BOOST_TEST(danju::testing::read_mail(told[1].path)
                 .at("subject.default")
                 .find("已处理") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_job_can_require_the_mail_server_to_vouch_for_senders) {
  Wired w;
  std::string text;
  {
    std::ifstream in(w.job.job_file());
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto at = text.find("[approval]\n");
  w.job.write("job.toml", text.insert(at + 11,
                                      "require_authentication = true\n"));
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  w.run();
  const std::string id =
      header(w.mails_to("wang.zhe@danju-test.example").at(0).raw,
             "Message-ID");

  w.pop3.deliver(reply("wang.zhe@danju-test.example", id, "Re: 审批", "同意",
                       "u1@test.example",
                       "Authentication-Results: mx.danju-test.example; "
                       "dkim=fail; spf=softfail\r\n"));
  intake(w.job);
  BOOST_TEST(w.text("SELECT state FROM approval_steps WHERE step = 1") ==
             "pending");
  BOOST_TEST(w.text("SELECT outcome FROM mailbox_messages").find("DKIM") !=
             std::string::npos);

  w.pop3.deliver(reply("wang.zhe@danju-test.example", id, "Re: 审批", "同意",
                       "u2@test.example",
                       "Authentication-Results: mx.danju-test.example; "
                       "dkim=pass header.d=danju-test.example\r\n"));
  intake(w.job);
  BOOST_TEST(w.text("SELECT state FROM approval_steps WHERE step = 1") ==
             "approved");
}

BOOST_AUTO_TEST_CASE(a_reply_by_subject_to_a_changed_order_decides_nothing) {
  Wired w;
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  w.run();
  std::string changed = kOneOrder;
  changed.replace(changed.find(",100,"), 5, ",120,");
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + changed);
  w.run();

  // No reference headers: only "[SP-HT-LP001]", which both versions carry.
  w.pop3.deliver(reply("wang.zhe@danju-test.example", "",
                       "Re: [SP-HT-LP001] 合同审批", "同意", "v1@test.example"));
  intake(w.job);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM approval_steps WHERE state = "
                     "'approved'") == 0);
  BOOST_TEST(w.text("SELECT outcome FROM mailbox_messages").find(
                 "the order has changed since") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_run_leaves_replies_to_an_intake_that_is_reading) {
  Wired w;
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  w.run();
  const std::string id =
      header(w.mails_to("wang.zhe@danju-test.example").at(0).raw,
             "Message-ID");
  w.pop3.deliver(reply("wang.zhe@danju-test.example", id, "Re: 审批", "同意",
                       "l1@test.example"));
  {
    danju::RunLock intake_running(w.job.path("data"),
                                  "2026-12-04T02:00:00+08:00", "intake.lock");
    BOOST_REQUIRE(intake_running.held());
    BOOST_TEST(w.run().replies_read == 0);
    BOOST_TEST(w.count("SELECT COUNT(*) FROM mailbox_messages") == 0);
  }
  BOOST_TEST(w.run().replies_decided == 1);
}

BOOST_AUTO_TEST_CASE(a_form_approved_but_not_finished_is_finished_next_run) {
  Wired w;
  w.job.write("inbox/orders.csv",
              std::string(danju::testing::order_csv_header()) + kOneOrder);
  w.run();

  // Every step approved, as by a process that stopped before it stamped,
  // filed and mailed the form.
  {
    const danju::JobConfig config = danju::load_job(w.job.job_file());
    danju::Database db(w.job.path("data/danju.sqlite"));
    const danju::BusinessClock clock(config.time_zone);
    danju::RunLog log("", true);
    danju::ApprovalService approvals(config, db, clock, log);
    approvals.set_defer_finishing(true);
    for (const char* step : {"1", "2", "3"}) {
      const std::string where =
          std::string(" FROM approval_steps WHERE step = ") + step;
      danju::Answer answer;
      answer.step_id = std::stoll(w.text("SELECT id" + where));
      answer.approve = true;
      answer.actor = w.text("SELECT approver_email" + where);
      answer.how = danju::kByCommand;
      answer.evidence = "command line";
      BOOST_TEST(approvals.decide(answer).decided);
    }
  }
  BOOST_TEST(w.text("SELECT state FROM documents WHERE kind = "
                    "'contract_approval' AND format = 'pdf'") == "approved");
  BOOST_TEST(w.count("SELECT COUNT(*) FROM documents WHERE format = "
                     "'approved.pdf'") == 0);
  BOOST_TEST(w.count("SELECT COUNT(*) FROM filed_documents") == 0);

  // The next run finishes it: the stamped form and contract, both filed,
  // and the mail to the salesperson; a run after that adds nothing.
  for (int run = 0; run < 2; ++run) {
    w.run();
    BOOST_TEST(w.count("SELECT COUNT(*) FROM documents WHERE format = "
                       "'approved.pdf'") == 2);
    BOOST_TEST(w.count("SELECT COUNT(*) FROM filed_documents") == 2);
    BOOST_TEST(w.mails_to("chen.xiaodong@danju-test.example").size() == 1u);
    // Each filed PDF and trail listed once in the month's manifest.
    std::ifstream manifest(w.job.path("output/archive/2026-12/manifest.txt"));
    int lines = 0;
    for (std::string line; std::getline(manifest, line);) ++lines;
    BOOST_TEST(lines == 4);
  }
  ChildProcess verify(DANJU_BINARY, {"verify", w.job.job_file()});
  std::string out, err;
  BOOST_TEST(verify.wait(&out, &err) == danju::kExitOk, out + err);
}
