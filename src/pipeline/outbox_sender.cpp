#include "pipeline/outbox_sender.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "archive/audit_log.h"
#include "core/file_io.h"
#include "core/text.h"
#include "mail/smtp_sender.h"
#include "mail/mail_codec.h"
#include "store/document_store.h"
#include "store/outbox_store.h"

namespace danju {

namespace {

// A digest mail (paper_digest.h) carries papers no other mail does.
bool is_digest(const std::string& purpose) {
  const std::string ending = "_digest";
  return purpose.size() > ending.size() &&
         purpose.compare(purpose.size() - ending.size(), ending.size(),
                         ending) == 0;
}


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
  for (const std::string& r : recipients) {
    text += (text.empty() ? "" : ", ") + r;
  }
  return text;
}

SmtpSettings smtp_settings(const MailSettings& mail) {
  SmtpSettings settings;
  settings.host = mail.host;
  settings.port = mail.port;
  settings.starttls = mail.starttls;
  settings.ca_file = mail.ca_file;
  settings.username = mail.username;
  settings.password = mail.password;
  settings.helo_name = mail.domain;
  return settings;
}

// The messages of one delivery, handed out to its sessions one at a time,
// oldest first, and what became of them.
class Delivery {
 public:
  Delivery(std::vector<OutboxEntry> queued, const MailSettings& mail,
           const BusinessClock& clock, RunLog& log)
      : queued_(std::move(queued)), mail_(mail), clock_(clock), log_(log) {}

  // One session: takes the next message until none is left, over its own
  // SMTP connection (none: .eml files) and its own database connection.
  void work(Database& db, bool smtp);

  DeliveryReport report() const {
    DeliveryReport report;
    report.sent = sent_;
    report.failed = failed_;
    report.still_queued = still_queued_;
    return report;
  }

 private:
  // Sends one message; returns whether the server is to be taken as down.
  bool deliver(const OutboxEntry& entry, OutboxStore& outbox, Database& db,
               SmtpSender* smtp, int* failures_in_a_row);

  const std::vector<OutboxEntry> queued_;
  const MailSettings& mail_;
  const BusinessClock& clock_;
  RunLog& log_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> server_down_{false};
  std::atomic<int> sent_{0}, failed_{0}, still_queued_{0};
};

void Delivery::work(Database& db, bool smtp) {
  OutboxStore outbox(db);
  std::unique_ptr<SmtpSender> sender;
  if (smtp) sender = std::make_unique<SmtpSender>(smtp_settings(mail_));

  // A server that failed three messages in a row is taken to be down: the
  // rest wait for the next run instead of each waiting for a timeout.
  int failures_in_a_row = 0;
  for (std::size_t i = next_++; i < queued_.size(); i = next_++) {
    if (server_down_) {
      ++still_queued_;
      continue;
    }
    if (deliver(queued_[i], outbox, db, sender.get(), &failures_in_a_row)) {
      server_down_ = true;
    }
  }
}

bool Delivery::deliver(const OutboxEntry& entry, OutboxStore& outbox,
                       Database& db, SmtpSender* smtp,
                       int* failures_in_a_row) {
  const std::string to = recipients_text(entry.recipients);
  std::string mime;
  try {
    mime = compose_mime(decode_mail(entry.message));
  } catch (const std::exception& error) {
    // A message that cannot be composed will not compose next time either.
    log_.warn("mail " + entry.message_id + " to " + to +
              " cannot be composed: " + error.what() + "; marked failed");
    outbox.mark_attempt_failed(entry.id, error.what(), false);
    ++failed_;
    return false;
  }

  if (entry.attempts > 0 && entry.last_error.empty()) {
    log_.warn("mail " + entry.message_id + " to " + to +
              " was being sent when an earlier run was interrupted; "
              "sending it again with the same Message-ID");
  }
  outbox.mark_attempt_started(entry.id);
  try {
    if (smtp != nullptr) {
      smtp->send(entry.envelope_from, entry.recipients, mime);
    } else {
      write_file_atomic(mail_.outbox_folder + "/" +
                            eml_name(entry.message_id),
                        mime);
    }
    {
      // Sent and its audit row go together.
      Transaction transaction(db);
      const std::string now = clock_.now_iso();
      outbox.mark_sent(entry.id, now);
      AuditLog(db).append(kAuditMailSent, entry.message_id,
                          entry.purpose + " to " + to, now);
      transaction.commit();
    }
    *failures_in_a_row = 0;
    ++sent_;
    log_.info("mail " + entry.message_id + " to " + to +
              (smtp != nullptr ? " sent"
                               : " written to " + mail_.outbox_folder));
    return false;
  } catch (const SmtpError& error) {
    // Only a refusal of this very message fails it for good; a session
    // that cannot be opened (refused login, no STARTTLS) is the job's or
    // the server's problem, and the message waits until it is fixed.
    const bool keep = error.temporary() || !error.about_message();
    outbox.mark_attempt_failed(entry.id, error.what(), keep);
    if (keep) {
      ++still_queued_;
      log_.warn("mail " + entry.message_id + " to " + to +
                " not sent: " + error.what() +
                "; kept in the outbox for the next run");
      return !error.about_message() || ++*failures_in_a_row >= 3;
    }
    ++failed_;
    log_.warn("mail " + entry.message_id + " to " + to + " refused: " +
              error.what() + "; marked failed");
    if (is_digest(entry.purpose)) {
      // What it carried is told again by the next night's digest.
      DocumentStore(db).forget_digest(entry.message_id);
      log_.warn("the papers of digest " + entry.message_id + " go into the "
                "next night's digest; when the server refused it for its "
                "size, set a smaller [mail] max_mail_mb");
    }
    return false;
  } catch (const FileError& error) {
    outbox.mark_attempt_failed(entry.id, error.what(), true);
    ++still_queued_;
    log_.warn("mail " + entry.message_id + " not written: " + error.what());
    return true;
  }
}

}  // namespace

DeliveryReport deliver_outbox(Database& db, const MailSettings& mail,
                              const BusinessClock& clock, RunLog& log) {
  if (!OutboxStore(db).has_queued()) return DeliveryReport{};

  // One process delivers the outbox at a time (a run and an intake may
  // both be going): the other waits, then finds what is still queued.
  const std::string folder =
      std::filesystem::path(db.path()).parent_path().string();
  const FileLock lock((folder.empty() ? "." : folder) + "/outbox.lock");
  std::vector<OutboxEntry> queued = OutboxStore(db).queued();
  if (queued.empty()) return DeliveryReport{};

  const bool smtp = !mail.host.empty();
  if (!smtp) {
    make_directories(mail.outbox_folder);
  } else if (!mail.username.empty() && !mail.starttls) {
    log.warn("mail server " + mail.host +
             ": logging in without STARTTLS sends the password in clear; "
             "set starttls = true unless the connection is local");
  }

  // Files are written by one session; a server gets up to mail.sessions,
  // each with a connection to the database of its own, and never more
  // sessions than two messages each.
  std::size_t sessions = 1;
  if (smtp) {
    sessions = std::min<std::size_t>(
        static_cast<std::size_t>(std::max(mail.sessions, 1)),
        std::max<std::size_t>(queued.size() / 2, 1));
  }
  Delivery delivery(std::move(queued), mail, clock, log);
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(sessions);
  for (std::size_t t = 1; t < sessions; ++t) {
    threads.emplace_back([&, t] {
      try {
        Database own(db.path());
        delivery.work(own, smtp);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  try {
    delivery.work(db, smtp);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return delivery.report();
}

}  // namespace danju
