#include "store/document_store.h"


namespace danju {

namespace {

// The step columns in read_step's order, each prefixed ("s." in joins).
std::string step_columns(const std::string& prefix = "") {
  const char* const plain[] = {"id", "document_id", "step", "mode", "role",
                               "title", "approver_name", "approver_email",
                               "state"};
  const char* const optional[] = {
      "requested_at", "decided_at",  "decided_by",  "decided_how",
      "evidence",     "note",        "deputy_email", "reminded_at",
      "escalated_at", "help_sent_at"};
  std::string sql;
  for (const char* column : plain) {
    sql += (sql.empty() ? "" : ", ") + prefix + column;
  }
  for (const char* column : optional) {
    sql += ", COALESCE(" + prefix + column + ", '')";
  }
  return sql;
}

ApprovalStepRecord read_step(const Statement& row, int first = 0) {
  ApprovalStepRecord step;
  int c = first;
  step.id = row.integer(c++);
  step.document_id = row.integer(c++);
  step.step = static_cast<int>(row.integer(c++));
  step.mode = row.text(c++);
  step.role = row.text(c++);
  step.title = row.text(c++);
  step.approver_name = row.text(c++);
  step.approver_email = row.text(c++);
  step.state = row.text(c++);
  step.requested_at = row.text(c++);
  step.decided_at = row.text(c++);
  step.decided_by = row.text(c++);
  step.decided_how = row.text(c++);
  step.evidence = row.text(c++);
  step.note = row.text(c++);
  step.deputy_email = row.text(c++);
  step.reminded_at = row.text(c++);
  step.escalated_at = row.text(c++);
  step.help_sent_at = row.text(c++);
  return step;
}

// Empty text is stored as NULL, so "not yet" reads the same everywhere.
void bind_optional(Statement& statement, int index, const std::string& text) {
  if (text.empty()) {
    statement.bind_null(index);
  } else {
    statement.bind(index, text);
  }
}

const char* const kDocumentColumns =
    "id, order_no, order_version, kind, document_no, format, path, sha256, "
    "bytes, business_date, state";

DocumentRecord read_document(const Statement& row) {
  DocumentRecord record;
  record.id = row.integer(0);
  record.order_no = row.text(1);
  record.order_version = static_cast<int>(row.integer(2));
  parse_document_kind(row.text(3), &record.kind);
  record.document_no = row.text(4);
  record.format = row.text(5);
  record.path = row.text(6);
  record.sha256 = row.text(7);
  record.bytes = row.integer(8);
  record.business_date = row.text(9);
  record.state = row.text(10);
  return record;
}

// Every row the query returns, read as documents.
std::vector<DocumentRecord> read_documents(Statement& query) {
  std::vector<DocumentRecord> records;
  while (query.step()) records.push_back(read_document(query));
  return records;
}

}  // namespace

bool DocumentStore::has(const std::string& order_no, int order_version,
                        DocumentKind kind) {
  Statement query = db_.prepare(
      "SELECT 1 FROM documents WHERE order_no = ?1 AND order_version = ?2 "
      "AND kind = ?3 LIMIT 1");
  query.bind(1, order_no).bind(2, order_version).bind(3,
                                                      document_kind_name(kind));
  return query.step();
}

std::int64_t DocumentStore::add(const DocumentRecord& record,
                                std::int64_t run_id, const std::string& now) {
  Statement insert = db_.prepare(
      "INSERT INTO documents (order_no, order_version, kind, document_no, "
      "format, path, sha256, bytes, business_date, state, run_id, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
      "?12)");
  insert.bind(1, record.order_no)
      .bind(2, record.order_version)
      .bind(3, document_kind_name(record.kind))
      .bind(4, record.document_no)
      .bind(5, record.format)
      .bind(6, record.path)
      .bind(7, record.sha256)
      .bind(8, record.bytes)
      .bind(9, record.business_date)
      .bind(10, record.state)
      .bind(12, now);
  if (run_id) {
    insert.bind(11, run_id);
  } else {
    insert.bind_null(11);
  }
  insert.run();
  return db_.last_insert_id();
}

std::int64_t DocumentStore::add_step(const ApprovalStepRecord& step) {
  Statement insert = db_.prepare(
      "INSERT INTO approval_steps (document_id, step, mode, role, title, "
      "approver_name, approver_email, state, requested_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert.bind(1, step.document_id)
      .bind(2, step.step)
      .bind(3, step.mode)
      .bind(4, step.role)
      .bind(5, step.title)
      .bind(6, step.approver_name)
      .bind(7, step.approver_email)
      .bind(8, step.state);
  if (step.requested_at.empty()) {
    insert.bind_null(9);
  } else {
    insert.bind(9, step.requested_at);
  }
  insert.run();
  return db_.last_insert_id();
}

int DocumentStore::supersede_before(const std::string& order_no,
                                    int order_version) {
  Statement steps = db_.prepare(
      "UPDATE approval_steps SET state = ?1 WHERE state IN (?2, ?3) AND "
      "document_id IN (SELECT id FROM documents WHERE order_no = ?4 AND "
      "order_version < ?5)");
  steps.bind(1, kStepSuperseded)
      .bind(2, kStepPending)
      .bind(3, kStepWaiting)
      .bind(4, order_no)
      .bind(5, order_version);
  steps.run();

  Statement documents = db_.prepare(
      "UPDATE documents SET state = ?1 WHERE order_no = ?2 AND "
      "order_version < ?3 AND state <> ?1");
  documents.bind(1, kDocumentSuperseded).bind(2, order_no).bind(3,
                                                               order_version);
  documents.run();
  return db_.changes();
}

std::vector<DocumentRecord> DocumentStore::for_order(
    const std::string& order_no) {
  Statement query = db_.prepare(std::string("SELECT ") + kDocumentColumns +
                                " FROM documents WHERE order_no = ?1 "
                                "ORDER BY order_version, id");
  query.bind(1, order_no);
  return read_documents(query);
}

std::vector<DocumentRecord> DocumentStore::with_number(
    const std::string& document_no) {
  Statement query = db_.prepare(std::string("SELECT ") + kDocumentColumns +
                                " FROM documents WHERE document_no = ?1 "
                                "ORDER BY order_version, id");
  query.bind(1, document_no);
  return read_documents(query);
}

std::vector<DocumentRecord> DocumentStore::pdfs_of_month(
    const std::string& month) {
  Statement query = db_.prepare(
      std::string("SELECT ") + kDocumentColumns +
      " FROM documents WHERE substr(business_date, 1, 7) = ?1 "
      "AND format IN ('pdf', 'approved.pdf') ORDER BY id");
  query.bind(1, month);
  std::vector<DocumentRecord> records;
  while (query.step()) {
    DocumentKind kind;
    if (!parse_document_kind(query.text(3), &kind)) continue;
    records.push_back(read_document(query));
  }
  return records;
}

void DocumentStore::mark_unfinished(std::int64_t form_id) {
  Statement insert = db_.prepare(
      "INSERT OR IGNORE INTO unfinished_forms (document_id) VALUES (?1)");
  insert.bind(1, form_id);
  insert.run();
}

void DocumentStore::mark_finished(std::int64_t form_id) {
  Statement remove =
      db_.prepare("DELETE FROM unfinished_forms WHERE document_id = ?1");
  remove.bind(1, form_id);
  remove.run();
}

std::vector<std::int64_t> DocumentStore::unfinished_forms() {
  Statement query = db_.prepare(
      "SELECT document_id FROM unfinished_forms ORDER BY document_id");
  std::vector<std::int64_t> ids;
  while (query.step()) ids.push_back(query.integer(0));
  return ids;
}

std::vector<DocumentRecord> DocumentStore::awaiting_digest(
    DocumentKind kind) {
  Statement query = db_.prepare(
      std::string("SELECT ") + kDocumentColumns +
      " FROM documents WHERE kind = ?1 AND format = 'pdf' AND id NOT IN "
      "(SELECT document_id FROM digested_documents) ORDER BY id");
  query.bind(1, document_kind_name(kind));
  return read_documents(query);
}

void DocumentStore::mark_digested(std::int64_t document_id,
                                  const std::string& message_id) {
  Statement insert = db_.prepare(
      "INSERT OR IGNORE INTO digested_documents (document_id, message_id) "
      "VALUES (?1, ?2)");
  insert.bind(1, document_id).bind(2, message_id);
  insert.step();
}

std::string DocumentStore::digest_of(std::int64_t document_id) {
  Statement query = db_.prepare(
      "SELECT message_id FROM digested_documents WHERE document_id = ?1");
  query.bind(1, document_id);
  return query.step() ? query.text(0) : "";
}

std::vector<DocumentRecord> DocumentStore::void_since_digest(
    DocumentKind kind) {
  Statement query = db_.prepare(
      std::string("SELECT ") + kDocumentColumns +
      " FROM documents WHERE kind = ?1 AND format = 'pdf' AND state = ?2 "
      "AND id IN (SELECT document_id FROM digested_documents WHERE "
      "message_id <> '' AND void_message_id IS NULL) ORDER BY id");
  query.bind(1, document_kind_name(kind)).bind(2, kDocumentSuperseded);
  return read_documents(query);
}

void DocumentStore::mark_void_told(std::int64_t document_id,
                                   const std::string& message_id) {
  Statement update = db_.prepare(
      "UPDATE digested_documents SET void_message_id = ?2 "
      "WHERE document_id = ?1 AND void_message_id IS NULL");
  update.bind(1, document_id).bind(2, message_id);
  update.step();
}

void DocumentStore::forget_digest(const std::string& message_id) {
  Transaction transaction(db_);
  Statement carried = db_.prepare(
      "DELETE FROM digested_documents WHERE message_id = ?1");
  carried.bind(1, message_id);
  carried.step();
  Statement told = db_.prepare(
      "UPDATE digested_documents SET void_message_id = NULL "
      "WHERE void_message_id = ?1");
  told.bind(1, message_id);
  told.step();
  transaction.commit();
}

std::vector<OpenApproval> DocumentStore::open_approvals() {
  const std::string sql =
      "SELECT " + step_columns("s.") +
      ", d.document_no, d.kind, d.order_no, d.order_version "
      "FROM approval_steps s JOIN documents d ON d.id = s.document_id "
      "WHERE s.state IN (?1, ?2) "
      "ORDER BY s.state <> ?1, s.requested_at, d.document_no, s.step";
  Statement query = db_.prepare(sql);
  query.bind(1, kStepPending).bind(2, kStepWaiting);
  std::vector<OpenApproval> open;
  while (query.step()) {
    OpenApproval item;
    item.step = read_step(query);
    item.document_no = query.text(19);
    parse_document_kind(query.text(20), &item.kind);
    item.order_no = query.text(21);
    item.order_version = static_cast<int>(query.integer(22));
    open.push_back(item);
  }
  return open;
}

std::int64_t DocumentStore::count_pending() {
  Statement query = db_.prepare(
      "SELECT COUNT(*) FROM approval_steps s JOIN documents d "
      "ON d.id = s.document_id WHERE s.state = ?1");
  query.bind(1, kStepPending);
  query.step();
  return query.integer(0);
}

std::vector<ApprovalStepRecord> DocumentStore::requested_steps_after(
    std::int64_t after_id, int limit) {
  Statement query = db_.prepare(
      "SELECT " + step_columns() +
      " FROM approval_steps WHERE state = ?1 AND requested_at IS NOT NULL "
      "AND requested_at <> '' AND id > ?2 ORDER BY id LIMIT ?3");
  query.bind(1, kStepPending).bind(2, after_id).bind(3, limit);
  std::vector<ApprovalStepRecord> steps;
  while (query.step()) steps.push_back(read_step(query));
  return steps;
}

std::optional<DocumentRecord> DocumentStore::document(std::int64_t id) {
  Statement query = db_.prepare(std::string("SELECT ") + kDocumentColumns +
                                " FROM documents WHERE id = ?1");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_document(query);
}

std::optional<DocumentRecord> DocumentStore::find(const std::string& order_no,
                                                  int order_version,
                                                  DocumentKind kind,
                                                  const std::string& format) {
  Statement query = db_.prepare(
      std::string("SELECT ") + kDocumentColumns +
      " FROM documents WHERE order_no = ?1 AND order_version = ?2 AND "
      "kind = ?3 AND format = ?4");
  query.bind(1, order_no)
      .bind(2, order_version)
      .bind(3, document_kind_name(kind))
      .bind(4, format);
  if (!query.step()) return std::nullopt;
  return read_document(query);
}

std::optional<DocumentRecord> DocumentStore::by_number(
    const std::string& document_no) {
  Statement query = db_.prepare(
      std::string("SELECT ") + kDocumentColumns +
      " FROM documents WHERE document_no = ?1 AND format = 'pdf' "
      "ORDER BY order_version DESC LIMIT 1");
  query.bind(1, document_no);
  if (!query.step()) return std::nullopt;
  return read_document(query);
}

void DocumentStore::set_state(std::int64_t document_id,
                              const std::string& state) {
  Statement update =
      db_.prepare("UPDATE documents SET state = ?1 WHERE id = ?2");
  update.bind(1, state).bind(2, document_id);
  update.run();
}

std::optional<ApprovalStepRecord> DocumentStore::step(std::int64_t id) {
  Statement query = db_.prepare("SELECT " + step_columns() +
                                " FROM approval_steps WHERE id = ?1");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_step(query);
}

std::vector<ApprovalStepRecord> DocumentStore::steps_of(
    std::int64_t document_id) {
  Statement query = db_.prepare("SELECT " + step_columns() +
                                " FROM approval_steps WHERE document_id = ?1 "
                                "ORDER BY step, id");
  query.bind(1, document_id);
  std::vector<ApprovalStepRecord> steps;
  while (query.step()) steps.push_back(read_step(query));
  return steps;
}

void DocumentStore::update_step(const ApprovalStepRecord& step) {
  Statement update = db_.prepare(
      "UPDATE approval_steps SET state = ?1, requested_at = ?2, "
      "decided_at = ?3, decided_by = ?4, decided_how = ?5, evidence = ?6, "
      "note = ?7, deputy_email = ?8, reminded_at = ?9, escalated_at = ?10, "
      "help_sent_at = ?11 WHERE id = ?12");
  update.bind(1, step.state);
  bind_optional(update, 2, step.requested_at);
  bind_optional(update, 3, step.decided_at);
  bind_optional(update, 4, step.decided_by);
  bind_optional(update, 5, step.decided_how);
  bind_optional(update, 6, step.evidence);
  bind_optional(update, 7, step.note);
  bind_optional(update, 8, step.deputy_email);
  bind_optional(update, 9, step.reminded_at);
  bind_optional(update, 10, step.escalated_at);
  bind_optional(update, 11, step.help_sent_at);
  update.bind(12, step.id);
  update.run();
}

}  // namespace danju
