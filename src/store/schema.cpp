#include "store/schema.h"

#include <string>

#include "store/database.h"

namespace danju {

namespace {

// Append only: a released migration is never edited, a change is a new one.
const char* const kMigrations[] = {
    // 1: orders with versions, payments, documents, approval steps, outbox,
    // runs.
    R"sql(
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  business_date TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  outcome       TEXT,
  summary       TEXT
);
CREATE TABLE orders (
  id            INTEGER PRIMARY KEY,
  order_no      TEXT NOT NULL,
  version       INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,
  business_line TEXT NOT NULL,
  status        TEXT NOT NULL,
  order_date    TEXT NOT NULL,
  total_fen     INTEGER NOT NULL,
  content       TEXT NOT NULL,
  source        TEXT NOT NULL,
  run_id        INTEGER REFERENCES runs(id),
  created_at    TEXT NOT NULL,
  UNIQUE (order_no, version)
);
CREATE TABLE payments (
  id          INTEGER PRIMARY KEY,
  order_no    TEXT NOT NULL,
  kind        TEXT NOT NULL,
  amount_fen  INTEGER NOT NULL,
  received_on TEXT NOT NULL,
  reference   TEXT NOT NULL,
  source      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (order_no, kind, amount_fen, received_on, reference)
);
CREATE INDEX payments_by_order ON payments(order_no);
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  order_no      TEXT NOT NULL,
  order_version INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  document_no   TEXT NOT NULL,
  format        TEXT NOT NULL,
  path          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  business_date TEXT NOT NULL,
  state         TEXT NOT NULL,
  run_id        INTEGER REFERENCES runs(id),
  created_at    TEXT NOT NULL,
  UNIQUE (order_no, order_version, kind, format)
);
CREATE TABLE approval_steps (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents(id),
  step           INTEGER NOT NULL,
  mode           TEXT NOT NULL,
  role           TEXT NOT NULL,
  title          TEXT NOT NULL,
  approver_name  TEXT NOT NULL,
  approver_email TEXT NOT NULL,
  deputy_email   TEXT,
  state          TEXT NOT NULL,
  requested_at   TEXT,
  decided_at     TEXT,
  decided_by     TEXT,
  decided_how    TEXT,
  evidence       TEXT,
  note           TEXT,
  reminded_at    TEXT,
  escalated_at   TEXT,
  help_sent_at   TEXT,
  UNIQUE (document_id, step, role)
);
CREATE INDEX approval_steps_open ON approval_steps(state);
CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY,
  message_id    TEXT NOT NULL UNIQUE,
  purpose       TEXT NOT NULL,
  document_id   INTEGER REFERENCES documents(id),
  step_id       INTEGER REFERENCES approval_steps(id),
  envelope_from TEXT NOT NULL,
  recipients    TEXT NOT NULL,
  message       TEXT NOT NULL,
  state         TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  created_at    TEXT NOT NULL,
  sent_at       TEXT
);
CREATE INDEX outbox_queued ON outbox(state);
CREATE TABLE mailbox_messages (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  message_id  TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  path        TEXT NOT NULL,
  from_address TEXT NOT NULL,
  subject     TEXT NOT NULL,
  step_id     INTEGER REFERENCES approval_steps(id),
  outcome     TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX mailbox_messages_by_id ON mailbox_messages(message_id);
)sql",

    // 2: the audit log, a hash chain of every step (archive/audit_log.h).
    // The triggers refuse changes through any connection, so a row can
    // only be altered by someone who first drops them on purpose.
    R"sql(
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  kind      TEXT NOT NULL,
  subject   TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only; rows cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only; rows cannot be deleted');
END;
)sql",

    // 3: documents filed in the archive with their approval trail
    // (archive/filing.h); one filing per document.
    R"sql(
CREATE TABLE filed_documents (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL UNIQUE REFERENCES documents(id),
  path         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  trail_path   TEXT NOT NULL,
  trail_sha256 TEXT NOT NULL,
  filed_at     TEXT NOT NULL
);
)sql",

    // 4: which papers a digest mail has carried (message_id, empty when
    // none needed to: nobody to tell, or replaced first), so that every
    // issued paper reaches its digest once, even when the run that made it
    // was cut off before its digest; and which digest told that a carried
    // paper was made void. Papers made before this table are taken as
    // carried: their nights sent their digests.
    R"sql(
CREATE TABLE digested_documents (
  document_id     INTEGER PRIMARY KEY REFERENCES documents(id),
  message_id      TEXT NOT NULL,
  void_message_id TEXT
);
INSERT INTO digested_documents (document_id, message_id)
  SELECT id, '' FROM documents
  WHERE kind IN ('shipment_note', 'dispatch_sheet') AND format = 'pdf';
)sql",

    // 5: where in a month's mailbox file a reply is kept as evidence
    // (archive/reply_evidence.h); both empty for a reply kept whole in a
    // file of its own, as before.
    R"sql(
ALTER TABLE mailbox_messages ADD COLUMN evidence_offset INTEGER;
ALTER TABLE mailbox_messages ADD COLUMN evidence_length INTEGER;
)sql",

    // 6: documents found by their number (a digest line, a reply's
    // subject, a scanned paper) without reading the whole table; where an
    // evidence file's recorded replies end; and the
    // approved forms still to be stamped and filed, so that finding them
    // does not read every form ever approved. Forms approved before this
    // table are found as finish_approved found them until then.
    R"sql(
CREATE INDEX documents_by_number ON documents(document_no);
CREATE INDEX mailbox_messages_by_place
  ON mailbox_messages(path, evidence_offset);
CREATE TABLE unfinished_forms (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id)
);
INSERT INTO unfinished_forms (document_id)
  SELECT d.id FROM documents d WHERE d.state = 'approved' AND d.format = 'pdf'
  AND EXISTS (SELECT 1 FROM approval_steps s WHERE s.document_id = d.id)
  AND NOT EXISTS (SELECT 1 FROM documents a JOIN filed_documents f
                  ON f.document_id = a.id WHERE a.order_no = d.order_no
                  AND a.order_version = d.order_version AND a.kind = d.kind
                  AND a.format = 'approved.pdf');
)sql",
};

constexpr int kCount = sizeof kMigrations / sizeof kMigrations[0];

int current_version(Database& db) {
  Statement query = db.prepare("PRAGMA user_version");
  query.step();
  return static_cast<int>(query.integer(0));
}

}  // namespace

int schema_version() { return kCount; }

void apply_migrations(Database& db) {
  int version = current_version(db);
  if (version > kCount) {
    throw DatabaseError("database " + db.path() + " has schema version " +
                        std::to_string(version) +
                        ", newer than this program (" +
                        std::to_string(kCount) + "); use a newer danju");
  }
  while (version < kCount) {
    Transaction transaction(db);
    // Another process may have migrated while we waited for the lock.
    version = current_version(db);
    if (version >= kCount) break;
    db.execute(kMigrations[version]);
    db.execute("PRAGMA user_version = " + std::to_string(version + 1));
    transaction.commit();
    ++version;
  }
}

}  // namespace danju
