#include "pipeline/reply_intake.h"

#include <filesystem>
#include <regex>
#include <set>

#include "approval/reply_intent.h"
#include "core/file_io.h"
#include "core/parallel.h"
#include "core/text.h"
#include "mail/pop3_mailbox.h"
#include "mail/reply_message.h"
#include "store/document_store.h"

namespace danju {

namespace {

// Replies read between two rounds of finishing the forms they completed.
constexpr int kFinishEvery = 256;

// Messages fetched, and their evidence written, at a time; and the threads
// that write it (waiting on the disk more than working).
constexpr std::size_t kEvidenceBatch = 64;
constexpr unsigned kEvidenceWriters = 8;

// Writes each raw message, unless already there, as replies/<sha256>.eml
// under the data folder, flushed to disk, several at a time. Returns the
// paths, in order.
std::vector<std::string> keep_evidence(const JobConfig& job,
                                       const std::vector<std::string>& raw) {
  const std::string folder = job.data_folder + "/replies";
  make_directories(folder);
  std::vector<std::string> paths;
  std::vector<std::size_t> unique;  // one of each, when a message repeats
  std::set<std::string> seen;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    paths.push_back(folder + "/" + sha256_hex(raw[i]) + ".eml");
    if (seen.insert(paths.back()).second) unique.push_back(i);
  }
  std::vector<std::string> errors(unique.size());
  parallel_for(unique.size(), kEvidenceWriters, [&](std::size_t u) {
    const std::size_t i = unique[u];
    try {
      if (!file_exists(paths[i])) write_file_atomic(paths[i], raw[i]);
    } catch (const FileError& error) {
      errors[u] = error.what();
    }
  });
  for (const std::string& error : errors) {
    if (!error.empty()) throw FileError(error);
  }
  return paths;
}

bool already_seen(Database& db, const std::string& column,
                  const std::string& value) {
  if (value.empty()) return false;
  Statement query = db.prepare("SELECT 1 FROM mailbox_messages WHERE " +
                               column + " = ?1 LIMIT 1");
  query.bind(1, value);
  return query.step();
}

// The step a reply answers: through the Message-ID of a mail Danju sent
// for it, else through "[document no]" in the subject.
std::int64_t match_step(Database& db, ApprovalService& approvals,
                        const ReplyMessage& reply, bool* ambiguous) {
  for (const std::string& reference : reply.references) {
    Statement query = db.prepare(
        "SELECT step_id FROM outbox WHERE message_id = ?1 AND step_id IS NOT "
        "NULL");
    query.bind(1, reference);
    if (query.step()) return query.integer(0);
  }

  static const std::regex bracket(R"(\[([A-Za-z0-9][A-Za-z0-9._-]{0,63})\])");
  std::smatch found;
  if (!std::regex_search(reply.subject, found, bracket)) return 0;
  DocumentStore documents(db);
  const auto document = documents.by_number(found[1].str());
  if (!document) return 0;

  // The subject names the document but not its version: when the order
  // changed since, the reply may be about what the approver saw before.
  Statement versions = db.prepare(
      "SELECT COUNT(DISTINCT order_version) FROM documents WHERE "
      "document_no = ?1");
  versions.bind(1, document->document_no);
  versions.step();
  if (versions.integer(0) > 1) *ambiguous = true;
  std::int64_t any_pending = 0;
  for (const ApprovalStepRecord& row : documents.steps_of(document->id)) {
    if (row.state != kStepPending) continue;
    if (approvals.may_decide(row, reply.from_address)) return row.id;
    if (!any_pending) any_pending = row.id;
  }
  return any_pending;
}

bool authenticated(const std::string& results) {
  const std::string text = ascii_lower(results);
  return text.find("dkim=pass") != std::string::npos ||
         text.find("spf=pass") != std::string::npos;
}

void record(Database& db, const std::string& uid, const ReplyMessage& reply,
            const std::string& sha, const std::string& path,
            std::int64_t step_id, const std::string& outcome,
            const std::string& now) {
  Statement insert = db.prepare(
      "INSERT INTO mailbox_messages (uid, message_id, sha256, path, "
      "from_address, subject, step_id, outcome, received_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert.bind(1, uid)
      .bind(2, reply.message_id)
      .bind(3, sha)
      .bind(4, path)
      .bind(5, reply.from_address)
      .bind(6, reply.subject);
  if (step_id) {
    insert.bind(7, step_id);
  } else {
    insert.bind_null(7);
  }
  insert.bind(8, outcome).bind(9, now);
  insert.run();
}

}  // namespace

std::string take_in_reply(const JobConfig& job, Database& db,
                          const BusinessClock& clock, RunLog& log,
                          ApprovalService& approvals, const std::string& uid,
                          const std::string& raw) {
  // The evidence is on disk before anything depends on it.
  const std::string sha = sha256_hex(raw);
  const std::string path = keep_evidence(job, {raw}).front();

  ReplyMessage reply;
  try {
    reply = read_reply_message(raw);
  } catch (const ReplyError& error) {
    Transaction transaction(db);
    record(db, uid, reply, sha, path, 0,
           std::string("ignored: not a mail message: ") + error.what(),
           clock.now_iso());
    transaction.commit();
    return "ignored: not a mail message";
  }
  const std::string who =
      reply.from_address.empty() ? "(no sender)" : reply.from_address;

  Transaction transaction(db);
  std::string outcome;
  std::int64_t step_id = 0;
  bool ambiguous = false;
  if (already_seen(db, "uid", uid)) {
    // Another reader recorded it while this one was fetching.
    return "ignored: already handled";
  }
  if (already_seen(db, "message_id", reply.message_id)) {
    outcome = "ignored: the same message came before under another uid";
  } else if (!reply.automatic.empty()) {
    outcome = "ignored: automatic reply (" + reply.automatic + ")";
  } else if (!(step_id = match_step(db, approvals, reply, &ambiguous))) {
    outcome = "ignored: answers no approval request";
  } else if (job.approval.require_authentication &&
             !authenticated(reply.authentication_results)) {
    outcome = "ignored: the mail server did not confirm the sender "
              "(no DKIM or SPF pass)";
  } else {
    DocumentStore documents(db);
    const auto step = documents.step(step_id);
    if (!step || !approvals.may_decide(*step, reply.from_address)) {
      outcome = "ignored: " + who + " may not decide this step";
    } else {
      const ReadIntent intent = read_intent(own_words(reply.text));
      if (ambiguous) {
        approvals.send_reply_help(step_id, reply.from_address,
                                  reply.message_id);
        outcome = "unclear: the reply names the document only by its "
                  "number, and the order has changed since; answer the "
                  "newest request";
      } else if (intent.intent == Intent::unclear) {
        approvals.send_reply_help(step_id, reply.from_address,
                                  reply.message_id);
        outcome = "unclear: no decision could be read";
      } else if (intent.intent == Intent::reject && intent.reason.empty()) {
        approvals.send_reply_help(step_id, reply.from_address,
                                  reply.message_id);
        outcome = "unclear: a rejection without a reason";
      } else {
        Answer answer;
        answer.step_id = step_id;
        answer.approve = intent.intent == Intent::approve;
        answer.reason = intent.reason;
        answer.actor = reply.from_address;
        answer.how = kByReply;
        answer.evidence = "reply <" + reply.message_id + "> sha256 " + sha;
        const AnswerResult result = approvals.decide(answer);
        outcome = result.decided
                      ? std::string("decided: ") +
                            (answer.approve ? "approved" : "rejected")
                      : "ignored: " + result.message;
      }
    }
  }
  record(db, uid, reply, sha, path, step_id, outcome, clock.now_iso());
  transaction.commit();

  log.info("reply " + (reply.message_id.empty() ? uid : reply.message_id) +
           " from " + who + ": " + outcome);
  return outcome;
}

IntakeReport take_in_replies(const JobConfig& job, Database& db,
                             const BusinessClock& clock, RunLog& log,
                             ApprovalService& approvals) {
  IntakeReport report;
  const ReplyMailboxSettings& box = job.reply_mailbox;
  if (box.host.empty()) return report;
  report.mailbox_configured = true;

  // Evidence half-written by a reader that was killed; the caller holds the
  // intake lock, so no reader is writing one now.
  std::error_code ignored;
  for (std::filesystem::directory_iterator
           it(job.data_folder + "/replies", ignored), end;
       !ignored && it != end; it.increment(ignored)) {
    if (it->path().filename().string().find(".tmp-") != std::string::npos) {
      std::filesystem::remove(it->path(), ignored);
    }
  }

  Pop3Settings settings;
  settings.host = box.host;
  settings.port = box.port;
  settings.tls = box.tls;
  settings.ca_file = box.ca_file;
  settings.username = box.username;
  settings.password = box.password;
  // Forms that a reply completes are finished (stamped, filed, mailed) a
  // batch at a time, on every core, rather than one by one.
  struct Restore {
    ApprovalService& approvals;
    bool was;
    ~Restore() { approvals.set_defer_finishing(was); }
  } restore{approvals, approvals.set_defer_finishing(true)};
  int since_finishing = 0;
  try {
    Pop3Mailbox mailbox(settings);
    report.mailbox_reached = true;
    const auto entries = mailbox.list();
    report.seen = static_cast<int>(entries.size());
    std::vector<const Pop3Mailbox::Entry*> fresh;
    for (const Pop3Mailbox::Entry& entry : entries) {
      if (!already_seen(db, "uid", entry.uid)) fresh.push_back(&entry);
    }
    for (std::size_t at = 0; at < fresh.size(); at += kEvidenceBatch) {
      // A batch of messages is fetched and its evidence written side by
      // side, so that the disk's flushes overlap; then each is decided.
      std::vector<std::string> raw;
      for (std::size_t i = at; i < fresh.size() && i < at + kEvidenceBatch;
           ++i) {
        raw.push_back(mailbox.fetch(fresh[i]->number));
      }
      keep_evidence(job, raw);
      for (std::size_t i = 0; i < raw.size(); ++i) {
        ++report.new_messages;
        const std::string outcome = take_in_reply(
            job, db, clock, log, approvals, fresh[at + i]->uid, raw[i]);
        if (outcome.rfind("decided", 0) == 0) {
          ++report.decided;
        } else if (outcome.rfind("unclear", 0) == 0) {
          ++report.unclear;
        } else {
          ++report.ignored;
        }
        if (++since_finishing == kFinishEvery) {
          approvals.finish_approved();
          since_finishing = 0;
        }
      }
    }
    mailbox.quit();
  } catch (const MailboxError& error) {
    report.mailbox_error = error.what();
    log.warn("reply mailbox: " + std::string(error.what()) +
             "; replies are read next time");
  }
  approvals.finish_approved();
  return report;
}

}  // namespace danju
