#include "store/document_store.h"

namespace danju {

namespace {

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
      "INSERT INTO approval_steps (document_id, step, role, title, "
      "approver_name, approver_email, state, requested_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert.bind(1, step.document_id)
      .bind(2, step.step)
      .bind(3, step.role)
      .bind(4, step.title)
      .bind(5, step.approver_name)
      .bind(6, step.approver_email)
      .bind(7, step.state);
  if (step.requested_at.empty()) {
    insert.bind_null(8);
  } else {
    insert.bind(8, step.requested_at);
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
  std::vector<DocumentRecord> records;
  while (query.step()) records.push_back(read_document(query));
  return records;
}

std::vector<DocumentRecord> DocumentStore::made_by_run(std::int64_t run_id) {
  Statement query = db_.prepare(std::string("SELECT ") + kDocumentColumns +
                                " FROM documents WHERE run_id = ?1 "
                                "ORDER BY id");
  query.bind(1, run_id);
  std::vector<DocumentRecord> records;
  while (query.step()) records.push_back(read_document(query));
  return records;
}

std::vector<OpenApproval> DocumentStore::open_approvals() {
  Statement query = db_.prepare(
      "SELECT s.id, s.document_id, s.step, s.role, s.title, s.approver_name, "
      "s.approver_email, s.state, COALESCE(s.requested_at, ''), "
      "d.document_no, d.kind, d.order_no, d.order_version "
      "FROM approval_steps s JOIN documents d ON d.id = s.document_id "
      "WHERE s.state IN (?1, ?2) "
      "ORDER BY s.state <> ?1, s.requested_at, d.document_no, s.step");
  query.bind(1, kStepPending).bind(2, kStepWaiting);
  std::vector<OpenApproval> open;
  while (query.step()) {
    OpenApproval item;
    item.step.id = query.integer(0);
    item.step.document_id = query.integer(1);
    item.step.step = static_cast<int>(query.integer(2));
    item.step.role = query.text(3);
    item.step.title = query.text(4);
    item.step.approver_name = query.text(5);
    item.step.approver_email = query.text(6);
    item.step.state = query.text(7);
    item.step.requested_at = query.text(8);
    item.document_no = query.text(9);
    parse_document_kind(query.text(10), &item.kind);
    item.order_no = query.text(11);
    item.order_version = static_cast<int>(query.integer(12));
    open.push_back(item);
  }
  return open;
}

}  // namespace danju
