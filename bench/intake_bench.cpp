// Intake: N approvers' replies read from a real POP3 server and decided.
//
// A night of synthetic orders is run first (not timed) against the
// project's SMTP test server, which leaves one approval request waiting per
// contract approval form and sample request. Then, round after round, each
// waiting request gets its approver's reply in a dovecot on 127.0.0.1 (the
// test fixture's), the way a mail client writes one: base64 UTF-8, an
// encoded subject, In-Reply-To, and the request quoted below the answer.
// One reply in fifty rejects with a reason; the rest approve. Each round is
// read and decided as `danju intake` does it (take_in_replies), timed, and
// the mails the decisions queued (the next step's request, the stamped
// form to the salesperson) are then delivered, timed apart. An approval of
// a chain's last step renders the stamped form and contract again and files
// them in the archive, so the last round costs the most; every round is
// printed. The rounds go on until N replies were delivered; `danju verify`
// then checks everything made against its records.
#include <Poco/Base64Encoder.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "bench_support.h"
#include "cli/verify_command.h"
#include "core/business_clock.h"
#include "core/run_log.h"
#include "fixtures/pop3_fixture.h"
#include "fixtures/smtp_fixture.h"
#include "jobs/job_config.h"
#include "mail/pop3_mailbox.h"
#include "pipeline/night_run.h"
#include "pipeline/outbox_sender.h"
#include "pipeline/reply_intake.h"
#include "render/document_renderer.h"
#include "store/database.h"
#include "synthetic_job.h"

using bench::Clock;
using bench::seconds_since;

namespace {

// A request waiting for its approver's answer.
struct Waiting {
  std::string message_id;  // of the request mail
  std::string approver;
  std::string document_no;
};

std::vector<Waiting> waiting_requests(danju::Database& db) {
  danju::Statement query = db.prepare(
      "SELECT o.message_id, s.approver_email, d.document_no "
      "FROM approval_steps s JOIN outbox o ON o.step_id = s.id "
      "AND o.purpose = 'approval_request' "
      "JOIN documents d ON d.id = s.document_id "
      "WHERE s.state = 'pending' ORDER BY s.id");
  std::vector<Waiting> found;
  while (query.step()) {
    found.push_back({query.text(0), query.text(1), query.text(2)});
  }
  return found;
}

std::string base64(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(76);
  encoder << bytes;
  encoder.close();
  std::string text = out.str();
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  return crlf;
}

// The reply an approver's mail client sends to a request.
std::string reply_to(const Waiting& request, int n) {
  const bool reject = n % 50 == 49;
  const std::string subject = "回复: [" + request.document_no + "] 审批";
  const std::string body =
      std::string(reject ? "驳回：交货期太短，请重新报价" : "同意") +
      "\r\n\r\n审批人\r\n\r\n-----原始邮件-----\r\n"
      "发件人: 丹聚单据系统 <danju@bench.example>\r\n"
      "主题: [" + request.document_no + "] 合同审批\r\n\r\n"
      "您好：\r\n\r\n附件是审批单，请审批。直接回复本邮件写“同意”或"
      "“驳回：原因”即可。\r\n";
  return "From: =?UTF-8?B?" + base64("审批人") + "?= <" + request.approver +
         ">\r\nTo: danju-replies@bench.example\r\n"
         "Subject: =?UTF-8?B?" + base64(subject) + "?=\r\n"
         "Date: Sat, 05 Dec 2026 09:12:00 +0800\r\n"
         "Message-ID: <bench-reply-" + std::to_string(n) +
         "@mail.bench.example>\r\n"
         "In-Reply-To: <" + request.message_id + ">\r\n"
         "References: <" + request.message_id + ">\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" + base64(body);
}

}  // namespace

void bench::intake_rate(int replies) {
  Scratch scratch;
  danju::testing::SmtpServerFixture smtp;
  danju::testing::Pop3ServerFixture pop3;
  setenv("DANJU_BENCH_POP3", pop3.password().c_str(), 1);
  bench::write_job(
      scratch.root, smtp.port(),
      "[reply_mailbox]\nhost = \"127.0.0.1\"\nport = " +
          std::to_string(pop3.port()) + "\nusername = \"" + pop3.user() +
          "\"\npassword_env = \"DANJU_BENCH_POP3\"\n"
          "address = \"danju-replies@bench.example\"\n");
  // About 2.6 replies an order, over a chain of three steps.
  const int orders = replies * 2 / 5 + 1;
  bench::write_inbox(scratch.root + "/inbox", orders);

  const auto night = Clock::now();
  bench::run_synthetic_night(scratch.root);
  const danju::JobConfig job = danju::load_job(scratch.root + "/job.toml");
  danju::RunLog log("", true);
  std::printf("\n== intake, %d replies read over POP3 from dovecot on "
              "127.0.0.1 and decided (the night of %d orders before it "
              "took %.0f s)\n",
              replies, orders, seconds_since(night));

  const danju::BusinessClock clock(job.time_zone);
  danju::Database db(job.data_folder + "/danju.sqlite");
  const auto load = Clock::now();
  const danju::DocumentRenderer renderer(danju::renderer_settings(job));
  const double load_seconds = seconds_since(load);
  danju::ApprovalService approvals(job, db, clock, log, &renderer);
  approvals.set_business_date("2026-12-04");

  int delivered = 0, decided = 0, finished = 0, round = 0;
  double intake_seconds = 0, intake_cpu = 0, mail_seconds = 0;
  double deciding_seconds = 0;
  while (delivered < replies) {
    const std::vector<Waiting> waiting = waiting_requests(db);
    if (waiting.empty()) break;
    int this_round = 0;
    for (const Waiting& request : waiting) {
      if (delivered == replies) break;
      pop3.deliver(reply_to(request, delivered++));
      ++this_round;
    }

    const auto start = Clock::now();
    const double cpu_before = bench::cpu_seconds();
    const danju::IntakeReport report =
        danju::take_in_replies(job, db, clock, log, approvals);
    const double took = seconds_since(start);
    const double cpu = bench::cpu_seconds() - cpu_before;
    const auto mail_start = Clock::now();
    const danju::DeliveryReport mail =
        danju::deliver_outbox(db, job.mail, clock, log);
    const double mail_took = seconds_since(mail_start);
    intake_seconds += took;
    intake_cpu += cpu;
    mail_seconds += mail_took;
    decided += report.decided;
    finished += report.finished;
    deciding_seconds += report.deciding_seconds;
    std::printf("  round %d: %5d replies, %5d decided (%d unclear, %d "
                "ignored) in %.2f s: %5.0f replies/s; with the %d forms "
                "they completed stamped and filed %.2f s (%.2f s CPU): "
                "%.0f replies/s; then %d mails sent in %.2f s\n",
                ++round, this_round, report.decided, report.unclear,
                report.ignored, report.deciding_seconds,
                this_round / report.deciding_seconds, report.finished, took,
                cpu, this_round / took, mail.sent, mail_took);
    if (!report.mailbox_reached) {
      std::printf("  the mailbox was not reached: %s\n",
                  report.mailbox_error.c_str());
      return;
    }
  }

  // Everything the intake filed agrees with its records.
  std::ostringstream said;
  const int verified = danju::verify_job(job, said);
  if (verified != 0) std::printf("%s", said.str().c_str());

  // The server's part: the whole mailbox read again, nothing decided.
  danju::Pop3Settings settings;
  settings.host = "127.0.0.1";
  settings.port = pop3.port();
  settings.username = pop3.user();
  settings.password = pop3.password();
  const auto read_start = Clock::now();
  danju::Pop3Mailbox mailbox(settings);
  const auto entries = mailbox.list();
  long long bytes = 0;
  for (const auto& entry : entries) bytes += mailbox.fetch(entry.number).size();
  mailbox.quit();
  const double read_seconds = seconds_since(read_start);

  std::printf("  all: %d replies, %d decided in %.2f s: %.0f replies/s "
              "read and decided; with the %d forms they completed stamped "
              "and filed %.2f s (%.2f s CPU): %.0f replies/s (fonts and "
              "templates loaded once before, %.2f s); the mails they "
              "caused sent in %.2f s more\n",
              delivered, decided, deciding_seconds,
              delivered / deciding_seconds, finished, intake_seconds,
              intake_cpu, delivered / intake_seconds, load_seconds,
              mail_seconds);
  std::printf("  reading alone (LIST, UIDL and RETR of all %zu messages, "
              "%.1f MB): %.2f s, %.0f messages/s\n",
              entries.size(), bytes / 1e6, read_seconds,
              entries.size() / read_seconds);
  std::printf("  danju verify afterwards: exit code %d\n", verified);
}
