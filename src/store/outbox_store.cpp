#include "store/outbox_store.h"

#include "core/text.h"

namespace danju {

namespace {

// Recipients are stored one per line: addresses never hold a line break.
std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out.push_back('\n');
    out += item;
  }
  return out;
}

}  // namespace

bool OutboxStore::enqueue(const OutboxEntry& entry, const std::string& now) {
  Statement insert = db_.prepare(
      "INSERT OR IGNORE INTO outbox (message_id, purpose, document_id, "
      "step_id, envelope_from, recipients, message, state, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert.bind(1, entry.message_id).bind(2, entry.purpose);
  if (entry.document_id) {
    insert.bind(3, entry.document_id);
  } else {
    insert.bind_null(3);
  }
  if (entry.step_id) {
    insert.bind(4, entry.step_id);
  } else {
    insert.bind_null(4);
  }
  insert.bind(5, entry.envelope_from)
      .bind(6, join_lines(entry.recipients))
      .bind(7, entry.message)
      .bind(8, kMailQueued)
      .bind(9, now);
  insert.run();
  return db_.changes() > 0;
}

bool OutboxStore::has_queued() {
  Statement query =
      db_.prepare("SELECT 1 FROM outbox WHERE state = ?1 LIMIT 1");
  query.bind(1, kMailQueued);
  return query.step();
}

std::vector<OutboxEntry> OutboxStore::queued() {
  Statement query = db_.prepare(
      "SELECT id, message_id, purpose, COALESCE(document_id, 0), "
      "COALESCE(step_id, 0), envelope_from, recipients, message, state, "
      "attempts, COALESCE(last_error, '') FROM outbox WHERE state = ?1 "
      "ORDER BY id");
  query.bind(1, kMailQueued);
  std::vector<OutboxEntry> entries;
  while (query.step()) {
    OutboxEntry entry;
    entry.id = query.integer(0);
    entry.message_id = query.text(1);
    entry.purpose = query.text(2);
    entry.document_id = query.integer(3);
    entry.step_id = query.integer(4);
    entry.envelope_from = query.text(5);
    entry.recipients = split(query.text(6), '\n');
    entry.message = query.text(7);
    entry.state = query.text(8);
    entry.attempts = static_cast<int>(query.integer(9));
    entry.last_error = query.text(10);
    entries.push_back(std::move(entry));
  }
  return entries;
}

void OutboxStore::mark_attempt_started(std::int64_t id) {
  Statement update =
      db_.prepare("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?1");
  update.bind(1, id);
  update.run();
}

void OutboxStore::mark_sent(std::int64_t id, const std::string& now) {
  Statement update = db_.prepare(
      "UPDATE outbox SET state = ?1, sent_at = ?2, last_error = NULL "
      "WHERE id = ?3");
  update.bind(1, kMailSent).bind(2, now).bind(3, id);
  update.run();
}

void OutboxStore::mark_attempt_failed(std::int64_t id,
                                      const std::string& error,
                                      bool temporary) {
  Statement update = db_.prepare(
      "UPDATE outbox SET state = ?1, last_error = ?2 WHERE id = ?3");
  update.bind(1, temporary ? kMailQueued : kMailFailed)
      .bind(2, error)
      .bind(3, id);
  update.run();
}

int OutboxStore::count_in_state(const std::string& state) {
  Statement query =
      db_.prepare("SELECT COUNT(*) FROM outbox WHERE state = ?1");
  query.bind(1, state);
  query.step();
  return static_cast<int>(query.integer(0));
}

int OutboxStore::requeue_refused(const std::string& message_id) {
  Statement requeue = db_.prepare(
      "UPDATE outbox SET state = ?1, attempts = 0, last_error = NULL "
      "WHERE state = ?2 AND purpose NOT LIKE '%\\_digest' ESCAPE '\\' "
      "AND (?3 = '' OR message_id = ?3)");
  requeue.bind(1, kMailQueued).bind(2, kMailFailed).bind(3, message_id);
  requeue.run();
  return db_.changes();
}

}  // namespace danju
