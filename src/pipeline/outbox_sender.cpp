#include "pipeline/outbox_sender.h"

#include <memory>

#include "archive/audit_log.h"
#include "core/file_io.h"
#include "core/text.h"
#include "mail/smtp_sender.h"
#include "mail/mail_codec.h"
#include "store/outbox_store.h"

namespace danju {

namespace {

// The .eml file name: the message id's characters that are safe in a file
// name, which for Danju's own ids is all of them.
std::string eml_name(const std::string& message_id) {
  std::string name;
  for (char c : message_id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                      c == '.';
    name.push_back(safe ? c : '_');
  }
  return name + ".eml";
}

std::string recipients_text(const std::vector<std::string>& recipients) {
  std::string text;
  for (const std::string& r : recipients) text += (text.empty() ? "" : ", ") + r;
  return text;
}

}  // namespace

DeliveryReport deliver_outbox(Database& db, const MailSettings& mail,
                              const BusinessClock& clock, RunLog& log) {
  OutboxStore outbox(db);
  DeliveryReport report;
  const auto queued = outbox.queued();
  if (queued.empty()) return report;

  std::unique_ptr<SmtpSender> smtp;
  if (mail.host.empty()) {
    make_directories(mail.outbox_folder);
  } else {
    SmtpSettings settings;
    settings.host = mail.host;
    settings.port = mail.port;
    settings.starttls = mail.starttls;
    settings.ca_file = mail.ca_file;
    settings.username = mail.username;
    settings.password = mail.password;
    settings.helo_name = mail.domain;
    if (!mail.username.empty() && !mail.starttls) {
      log.warn("mail server " + mail.host +
               ": logging in without STARTTLS sends the password in clear; "
               "set starttls = true unless the connection is local");
    }
    smtp = std::make_unique<SmtpSender>(settings);
  }

  // A server that failed three messages in a row is taken to be down: the
  // rest wait for the next run instead of each waiting for a timeout.
  int failures_in_a_row = 0;
  bool server_down = false;
  for (const OutboxEntry& entry : queued) {
    if (server_down) {
      ++report.still_queued;
      continue;
    }
    const std::string to = recipients_text(entry.recipients);
    std::string mime;
    try {
      mime = compose_mime(decode_mail(entry.message));
    } catch (const std::exception& error) {
      // A message that cannot be composed will not compose next time either.
      log.warn("mail " + entry.message_id + " to " + to +
               " cannot be composed: " + error.what() + "; marked failed");
      outbox.mark_attempt_failed(entry.id, error.what(), false);
      ++report.failed;
      continue;
    }

    if (entry.attempts > 0 && entry.last_error.empty()) {
      log.warn("mail " + entry.message_id + " to " + to +
               " was being sent when an earlier run was interrupted; "
               "sending it again with the same Message-ID");
    }
    outbox.mark_attempt_started(entry.id);
    try {
      if (smtp) {
        smtp->send(entry.envelope_from, entry.recipients, mime);
      } else {
        write_file_atomic(mail.outbox_folder + "/" +
                              eml_name(entry.message_id),
                          mime);
      }
      {
        // Sent and its audit row go together.
        Transaction transaction(db);
        const std::string now = clock.now_iso();
        outbox.mark_sent(entry.id, now);
        AuditLog(db).append(kAuditMailSent, entry.message_id,
                            entry.purpose + " to " + to, now);
        transaction.commit();
      }
      failures_in_a_row = 0;
      ++report.sent;
      log.info("mail " + entry.message_id + " to " + to +
               (smtp ? " sent" : " written to " + mail.outbox_folder));
    } catch (const SmtpError& error) {
      // Only a refusal of this very message fails it for good; a session
      // that cannot be opened (refused login, no STARTTLS) is the job's or
      // the server's problem, and the message waits until it is fixed.
      const bool keep = error.temporary() || !error.about_message();
      outbox.mark_attempt_failed(entry.id, error.what(), keep);
      if (keep) {
        ++report.still_queued;
        log.warn("mail " + entry.message_id + " to " + to +
                 " not sent: " + error.what() +
                 "; kept in the outbox for the next run");
        server_down = !error.about_message() || ++failures_in_a_row >= 3;
      } else {
        ++report.failed;
        log.warn("mail " + entry.message_id + " to " + to +
                 " refused: " + error.what() + "; marked failed");
      }
    } catch (const FileError& error) {
      outbox.mark_attempt_failed(entry.id, error.what(), true);
      ++report.still_queued;
      log.warn("mail " + entry.message_id + " not written: " + error.what());
      server_down = true;
    }
  }
  return report;
}

}  // namespace danju
