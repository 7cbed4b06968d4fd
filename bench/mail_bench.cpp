// Mail: N messages, each with a PDF attachment, to the project's SMTP test
// server on 127.0.0.1 over one session, sent by Danju's outbox (compose
// each message from the outbox, send, record it sent with its audit row)
// and by Python's smtplib (the same bytes, composed once) against the same
// server in the same run.
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench_support.h"
#include "core/business_clock.h"
#include "core/file_io.h"
#include "core/run_log.h"
#include "fixtures/child_process.h"
#include "jobs/job_config.h"
#include "mail/mail_codec.h"
#include "mail/mail_message.h"
#include "pipeline/outbox_sender.h"
#include "store/database.h"
#include "store/outbox_store.h"

namespace {

// Sends the message file N times over one smtplib session; prints the
// seconds the sending took.
const char kSmtplib[] = R"(
import smtplib, sys, time
port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
message = open(path, 'rb').read()
session = smtplib.SMTP('127.0.0.1', port)
session.ehlo('bench.example')
start = time.perf_counter()
for i in range(count):
    session.sendmail('danju@bench.example', ['approver1@bench.example'],
                     message)
print(time.perf_counter() - start)
session.quit()
)";

danju::MailMessage message_with(const std::string& attachment, int n) {
  danju::MailMessage message;
  message.message_id = "bench-" + std::to_string(n) + "@bench.example";
  message.date = "Fri, 04 Dec 2026 22:00:00 +0800";
  message.from = {"丹聚单据系统", "danju@bench.example"};
  message.to = {{"审批人1", "approver1@bench.example"}};
  message.subject = "[SP-HT-2026-" + std::to_string(n) +
                    "] 合同审批：宁波瑞丰实业有限公司 ¥239,733.00";
  message.text_body =
      "您好：\n\n附件是合同审批单，请审批。直接回复本邮件写“同意”或"
      "“驳回：原因”即可。\n\n丹聚单据系统\n";
  message.attachments.push_back(
      {attachment, "合同审批单_SP-HT-2026-" + std::to_string(n) + ".pdf",
       "application/pdf"});
  return message;
}

}  // namespace

void bench::mail_rate(int count) {
  Scratch scratch;
  const std::string received = scratch.root + "/received";
  danju::make_directories(received);
  danju::testing::ChildProcess server(
      "/usr/bin/python3",
      {std::string(DANJU_SOURCE_DIR) + "/tests/fixtures/smtp_server.py",
       received},
      false);
  const int port = std::stoi(server.read_line(60000));

  // An attachment the size of an approval form; random bytes, so that
  // nothing along the way gains by compressing it.
  std::mt19937 random(1204);
  std::string pdf(36 * 1024, '\0');
  for (char& byte : pdf) byte = static_cast<char>(random() & 0xFF);
  const std::string attachment = scratch.root + "/approval.pdf";
  danju::write_file_atomic(attachment, pdf);
  const std::string mime = danju::compose_mime(message_with(attachment, 0));
  danju::write_file_atomic(scratch.root + "/message.eml", mime);

  std::printf("\n== mail, %d messages of %.0f KB to the test SMTP server "
              "on 127.0.0.1 over reused sessions\n",
              count, mime.size() / 1024.0);
  danju::testing::ChildProcess smtplib(
      "/usr/bin/python3", {"-c", kSmtplib, std::to_string(port),
                           scratch.root + "/message.eml",
                           std::to_string(count)});
  std::string out, err;
  if (smtplib.wait(&out, &err) != 0) {
    std::printf("  smtplib failed: %s\n", err.c_str());
    return;
  }
  const double smtplib_rate = count / std::atof(out.c_str());

  danju::Database db(scratch.root + "/danju.sqlite");
  {
    danju::Transaction transaction(db);
    danju::OutboxStore outbox(db);
    for (int n = 1; n <= count; ++n) {
      danju::OutboxEntry entry;
      entry.message_id = "bench-" + std::to_string(n) + "@bench.example";
      entry.purpose = "approval_request";
      entry.envelope_from = "danju@bench.example";
      entry.recipients = {"approver1@bench.example"};
      entry.message = danju::encode_mail(message_with(attachment, n));
      outbox.enqueue(entry, "2026-12-04T22:00:00+08:00");
    }
    transaction.commit();
  }
  danju::MailSettings settings;
  settings.host = "127.0.0.1";
  settings.port = port;
  settings.from_address = "danju@bench.example";
  settings.domain = "bench.example";
  const danju::BusinessClock clock("Asia/Shanghai");
  danju::RunLog log("", true);
  const auto start = Clock::now();
  const danju::DeliveryReport report =
      danju::deliver_outbox(db, settings, clock, log);
  const double danju_rate = report.sent / seconds_since(start);

  std::printf("  Python smtplib: %6.0f messages/s\n", smtplib_rate);
  std::printf("  Danju outbox:   %6.0f messages/s (%d sent over %d "
              "sessions), %.0f%% of smtplib's rate\n",
              danju_rate, report.sent, settings.sessions,
              100 * danju_rate / smtplib_rate);
}
