#include "archive/audit_log.h"

#include <string_view>

#include "core/sha256.h"

namespace danju {

namespace {

void add_field(std::string& encoding, std::string_view field) {
  encoding += std::to_string(field.size());
  encoding += ':';
  encoding += field;
  encoding += '\n';
}

std::string short_hash(const std::string& hash) {
  if (hash.empty()) return "(empty)";
  return hash.substr(0, 12) + "…";
}

}  // namespace

std::string AuditLog::row_hash(std::int64_t id, const std::string& at,
                               const std::string& kind,
                               const std::string& subject,
                               const std::string& details,
                               const std::string& prev_hash) {
  // One buffer and one update: the hash engine's per-call cost is what
  // decides how fast verify() walks a long log.
  std::string encoding;
  encoding.reserve(64 + at.size() + kind.size() + subject.size() +
                   details.size() + prev_hash.size());
  encoding += "danju-audit-1\n";
  add_field(encoding, std::to_string(id));
  add_field(encoding, at);
  add_field(encoding, kind);
  add_field(encoding, subject);
  add_field(encoding, details);
  add_field(encoding, prev_hash);

  Sha256 hash;
  hash.update(encoding);
  return hash.hex_digest();
}

void AuditLog::append(const std::string& kind, const std::string& subject,
                      const std::string& details, const std::string& at) {
  Transaction transaction(db_);

  // Under the write lock nobody else can append between this read and the
  // insert, so the new row links to the true newest one.
  const AuditHead last = newest();
  const std::int64_t id = last.row_id + 1;
  const std::string hash =
      row_hash(id, at, kind, subject, details, last.hash);

  db_.prepare(
         "INSERT INTO audit_log (id, at, kind, subject, details, prev_hash, "
         "hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, id)
      .bind(2, at)
      .bind(3, kind)
      .bind(4, subject)
      .bind(5, details)
      .bind(6, last.hash)
      .bind(7, hash)
      .run();
  transaction.commit();
}

AuditHead AuditLog::newest() {
  AuditHead head;
  Statement last = db_.prepare(
      "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (last.step()) {
    head.row_id = last.integer(0);
    head.hash = last.text(1);
  }
  return head;
}

AuditHead AuditLog::head() {
  AuditHead head = newest();
  Statement count = db_.prepare("SELECT COUNT(*) FROM audit_log");
  count.step();
  head.rows = count.integer(0);
  return head;
}

std::vector<std::string> AuditLog::missing_guards() {
  std::vector<std::string> missing;
  Statement trigger = db_.prepare(
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND "
      "name = ? AND tbl_name = 'audit_log'");
  for (const char* name : {"audit_log_no_update", "audit_log_no_delete"}) {
    trigger.bind(1, name);
    trigger.step();
    if (trigger.integer(0) == 0) missing.push_back(name);
    trigger.reset();
  }
  return missing;
}

std::vector<ChainBreak> AuditLog::verify() {
  std::vector<ChainBreak> breaks;
  Statement rows = db_.prepare(
      "SELECT id, at, kind, subject, details, prev_hash, hash FROM audit_log "
      "ORDER BY id");

  // Only the previous row's id and stored hash are kept: one pass, constant
  // memory, however long the log.
  std::int64_t previous_id = 0;
  std::string previous_hash;
  while (rows.step()) {
    const std::int64_t id = rows.integer(0);
    const std::string prev_hash = rows.text(5);
    const std::string stored = rows.text(6);

    const std::string expected = row_hash(id, rows.text(1), rows.text(2),
                                          rows.text(3), rows.text(4),
                                          prev_hash);
    if (expected != stored) {
      breaks.push_back(
          {id, ChainBreak::Kind::edited,
           "row " + std::to_string(id) + " (" + rows.text(2) + " " +
               rows.text(3) + ", " + rows.text(1) +
               ") was changed after it was written: its content no longer "
               "matches its hash " + short_hash(stored)});
    }

    // A jump in ids means rows were removed; the link check below would
    // only repeat that, so it reports a row that is merely out of line.
    if (id != previous_id + 1) {
      const std::string first = std::to_string(previous_id + 1);
      const std::string last = std::to_string(id - 1);
      breaks.push_back(
          {id, ChainBreak::Kind::missing_rows,
           (first == last ? "row " + first + " is"
                          : "rows " + first + " to " + last + " are") +
               " missing: the log goes from row " +
               std::to_string(previous_id) + " to row " + std::to_string(id)});
    } else if (prev_hash != previous_hash) {
      breaks.push_back(
          {id, ChainBreak::Kind::unlinked,
           "row " + std::to_string(id) + " does not follow row " +
               std::to_string(previous_id) + ": it names " +
               short_hash(prev_hash) + " as the hash before it, but row " +
               std::to_string(previous_id) + " has " +
               short_hash(previous_hash) +
               " (that row was replaced or rewritten)"});
    }

    previous_id = id;
    previous_hash = stored;
  }
  return breaks;
}

}  // namespace danju
