#include "pipeline/reply_intake.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <regex>

#include "approval/reply_intent.h"
#include "archive/reply_evidence.h"
#include "core/file_io.h"
#include "core/text.h"
#include "mail/pop3_mailbox.h"
#include "mail/reply_message.h"
#include "pipeline/background_finisher.h"
#include "store/document_store.h"

namespace danju {

namespace {

// Messages fetched, and their evidence kept, at a time.
constexpr std::size_t kEvidenceBatch = 64;

// Where the recorded replies in the evidence file at path end; 0 for none.
std::int64_t recorded_end(Database& db, const std::string& path) {
  Statement query = db.prepare(
      "SELECT evidence_offset + evidence_length FROM mailbox_messages "
      "WHERE path = ?1 AND evidence_offset IS NOT NULL "
      "ORDER BY evidence_offset DESC LIMIT 1");
  query.bind(1, path);
  return query.step() ? query.integer(0) : 0;
}

// Appends the raw messages to this month's evidence mailbox under the data
// folder, flushed to disk; their spots in it, in order. A mailbox file
// shorter than its records (cut, replaced or removed since) is left as it
// is, for verify to report, and the replies go to "<month>-2.mbox" (or the
// next such name) instead, so that no new reply lands where an old one is
// recorded.
std::vector<EvidenceSpot> keep_evidence(Database& db, const JobConfig& job,
                                        const BusinessClock& clock,
                                        RunLog& log,
                                        const std::vector<std::string>& raw) {
  const std::string folder = job.data_folder + "/replies";
  const std::string month = clock.now_iso().substr(0, 7);
  std::string name = month;
  for (int n = 2;; ++n) {
    const std::string path = folder + "/" + name + ".mbox";
    const std::int64_t end = recorded_end(db, path);
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    const std::int64_t have = error ? 0 : static_cast<std::int64_t>(size);
    if (have >= end) break;
    log.warn("the reply evidence file " + path + " holds " +
             std::to_string(have) + " bytes, but its records reach byte " +
             std::to_string(end) + ": it was cut, replaced or removed; "
             "`danju verify` lists the replies concerned");
    name = month + "-" + std::to_string(n);
  }
  return keep_reply_evidence(folder, name, raw);
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
            const std::string& sha, const EvidenceSpot& spot,
            std::int64_t step_id, const std::string& outcome,
            const std::string& now) {
  Statement insert = db.prepare(
      "INSERT INTO mailbox_messages (uid, message_id, sha256, path, "
      "from_address, subject, step_id, outcome, received_at, "
      "evidence_offset, evidence_length) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  insert.bind(1, uid)
      .bind(2, reply.message_id)
      .bind(3, sha)
      .bind(4, spot.path)
      .bind(5, reply.from_address)
      .bind(6, reply.subject);
  if (step_id) {
    insert.bind(7, step_id);
  } else {
    insert.bind_null(7);
  }
  insert.bind(8, outcome).bind(9, now);
  insert.bind(10, spot.offset).bind(11, spot.length);
  insert.run();
}

// take_in_reply for a message whose evidence is kept at spot already.
std::string decide_reply(const JobConfig& job, Database& db,
                         const BusinessClock& clock, RunLog& log,
                         ApprovalService& approvals, const std::string& uid,
                         const std::string& raw, const EvidenceSpot& spot) {
  const std::string sha = sha256_hex(raw);

  ReplyMessage reply;
  try {
    reply = read_reply_message(raw);
  } catch (const ReplyError& error) {
    Transaction transaction(db);
    record(db, uid, reply, sha, spot, 0,
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
  record(db, uid, reply, sha, spot, step_id, outcome, clock.now_iso());
  transaction.commit();

  log.info("reply " + (reply.message_id.empty() ? uid : reply.message_id) +
           " from " + who + ": " + outcome);
  return outcome;
}

}  // namespace

std::string take_in_reply(const JobConfig& job, Database& db,
                          const BusinessClock& clock, RunLog& log,
                          ApprovalService& approvals, const std::string& uid,
                          const std::string& raw) {
  // The evidence is on disk before anything depends on it.
  const EvidenceSpot spot =
      keep_evidence(db, job, clock, log, {raw}).front();
  return decide_reply(job, db, clock, log, approvals, uid, raw, spot);
}

IntakeReport take_in_replies(const JobConfig& job, Database& db,
                             const BusinessClock& clock, RunLog& log,
                             ApprovalService& approvals) {
  IntakeReport report;
  const auto start = std::chrono::steady_clock::now();
  const ReplyMailboxSettings& box = job.reply_mailbox;
  if (box.host.empty()) return report;
  report.mailbox_configured = true;

  Pop3Settings settings;
  settings.host = box.host;
  settings.port = box.port;
  settings.tls = box.tls;
  settings.ca_file = box.ca_file;
  settings.username = box.username;
  settings.password = box.password;
  // Forms that a reply completes are finished (stamped, filed, mailed) on
  // a thread of their own, a batch at a time on every core, while the
  // next replies are decided.
  struct Restore {
    ApprovalService& approvals;
    bool was;
    ~Restore() { approvals.set_defer_finishing(was); }
  } restore{approvals, approvals.set_defer_finishing(true)};
  std::unique_ptr<BackgroundFinisher> finisher;
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
      // A batch of messages is fetched and its evidence kept with one
      // flush to disk; then each is decided.
      std::vector<std::string> raw;
      for (std::size_t i = at; i < fresh.size() && i < at + kEvidenceBatch;
           ++i) {
        raw.push_back(mailbox.fetch(fresh[i]->number));
      }
      const std::vector<EvidenceSpot> spots =
          keep_evidence(db, job, clock, log, raw);
      for (std::size_t i = 0; i < raw.size(); ++i) {
        ++report.new_messages;
        const std::string outcome =
            decide_reply(job, db, clock, log, approvals, fresh[at + i]->uid,
                         raw[i], spots[i]);
        if (outcome.rfind("decided", 0) == 0) {
          ++report.decided;
        } else if (outcome.rfind("unclear", 0) == 0) {
          ++report.unclear;
        } else {
          ++report.ignored;
        }
      }
      if (!finisher) {
        finisher = std::make_unique<BackgroundFinisher>(
            job, db.path(), clock, log, approvals.renderer(),
            approvals.business_date());
      }
      finisher->nudge();
    }
    mailbox.quit();
  } catch (const MailboxError& error) {
    report.mailbox_error = error.what();
    log.warn("reply mailbox: " + std::string(error.what()) +
             "; replies are read next time");
  }
  report.deciding_seconds = std::chrono::duration<double>(
                                std::chrono::steady_clock::now() - start)
                                .count();
  if (finisher) report.finished += finisher->stop();
  report.finished += approvals.finish_approved();
  return report;
}

}  // namespace danju
