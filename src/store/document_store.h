// 单据 documents made, and their approval steps, as the database keeps them.
//
// A document is recorded only after its file is in place, so a record always
// points at a whole file whose SHA-256 it carries. One order version gets at
// most one document of each kind and format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/document_kind.h"
#include "store/database.h"

namespace danju {

// States of a document.
inline constexpr const char* kDocumentIssued = "issued";  // needs no approval
inline constexpr const char* kDocumentPending = "pending_approval";
inline constexpr const char* kDocumentSuperseded = "superseded";

struct DocumentRecord {
  std::int64_t id = 0;
  std::string order_no;
  int order_version = 0;
  DocumentKind kind = DocumentKind::contract;
  std::string document_no;
  std::string format;  // "pdf" or "xlsx"
  std::string path;    // relative to the job's output folder
  std::string sha256;
  std::int64_t bytes = 0;
  std::string business_date;
  std::string state;
};

// States of an approval step: the first step of a chain is pending (its
// request is mailed), the later ones wait for the step before them.
inline constexpr const char* kStepPending = "pending";
inline constexpr const char* kStepWaiting = "waiting";
inline constexpr const char* kStepApproved = "approved";
inline constexpr const char* kStepRejected = "rejected";
inline constexpr const char* kStepSkipped = "skipped";  // 或签: another
                                                        // answered first
inline constexpr const char* kStepClosed = "closed";  // the chain ended
inline constexpr const char* kStepSuperseded = "superseded";

inline constexpr const char* kDocumentApproved = "approved";
inline constexpr const char* kDocumentRejected = "rejected";

struct ApprovalStepRecord {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  int step = 0;  // 1-based position in the chain
  std::string mode = "one";  // "one", "all" (会签) or "any" (或签)
  std::string role;
  std::string title;  // 部门负责人
  std::string approver_name;
  std::string approver_email;
  std::string state;
  std::string requested_at;  // when its request was queued; empty if waiting
  std::string decided_at;
  std::string decided_by;   // e-mail address of who answered
  std::string decided_how;  // "reply", "link" or "command"
  std::string evidence;     // the reply's Message-ID and SHA-256, ...
  std::string note;         // a rejection's reason
  std::string deputy_email;  // set once escalated: may decide too
  std::string reminded_at;
  std::string escalated_at;
  std::string help_sent_at;
};

// An open step with what `danju status` shows about it.
struct OpenApproval {
  ApprovalStepRecord step;
  std::string document_no;
  DocumentKind kind = DocumentKind::contract;
  std::string order_no;
  int order_version = 0;
};

class DocumentStore {
 public:
  explicit DocumentStore(Database& db) : db_(db) {}

  // True when this order version already has a document of this kind.
  bool has(const std::string& order_no, int order_version, DocumentKind kind);

  // Records a document; returns its id. Call inside a Transaction.
  std::int64_t add(const DocumentRecord& record, std::int64_t run_id,
                   const std::string& now);

  // Records an approval step; returns its id.
  std::int64_t add_step(const ApprovalStepRecord& step);

  // Marks the documents of older versions of the order, and their open
  // steps, superseded. Returns how many documents changed.
  int supersede_before(const std::string& order_no, int order_version);

  std::vector<DocumentRecord> for_order(const std::string& order_no);

  // Steps pending or waiting, oldest request first.
  std::vector<OpenApproval> open_approvals();
  // How many steps are pending.
  std::int64_t count_pending();
  // Up to limit pending steps whose request went out, with ids above
  // after_id, in id order: for walking every pending step a page at a time.
  std::vector<ApprovalStepRecord> requested_steps_after(std::int64_t after_id,
                                                        int limit);

  std::optional<DocumentRecord> document(std::int64_t id);
  // The document of this order version, kind and format.
  std::optional<DocumentRecord> find(const std::string& order_no,
                                     int order_version, DocumentKind kind,
                                     const std::string& format);
  // A document by its number, the latest order version first.
  std::optional<DocumentRecord> by_number(const std::string& document_no);
  // Every record (all versions and formats) with this number, by version,
  // then in the order they were made.
  std::vector<DocumentRecord> with_number(const std::string& document_no);
  void set_state(std::int64_t document_id, const std::string& state);

  // The forms whose chain is complete and whose stamped copies are not
  // filed yet: marked in the transaction that approves the form, unmarked
  // in the one that files it. Ids in ascending order.
  void mark_unfinished(std::int64_t form_id);
  void mark_finished(std::int64_t form_id);
  std::vector<std::int64_t> unfinished_forms();

  std::optional<ApprovalStepRecord> step(std::int64_t id);
  std::vector<ApprovalStepRecord> steps_of(std::int64_t document_id);
  // Writes every mutable column of the step back.
  void update_step(const ApprovalStepRecord& step);

  // The PDFs (plain and approved) made on business dates of month
  // ("2026-12"). A kind this build does not know (a newer Danju wrote it)
  // is left out.
  std::vector<DocumentRecord> pdfs_of_month(const std::string& month);

  // The PDFs of kind that no digest mail has carried yet, oldest first.
  std::vector<DocumentRecord> awaiting_digest(DocumentKind kind);
  // Records that the digest mail message_id carries the document (empty:
  // it needs none). Call in the Transaction that queues the mail.
  void mark_digested(std::int64_t document_id, const std::string& message_id);
  // The digest mail that carried the document; empty when none did.
  std::string digest_of(std::int64_t document_id);
  // The PDFs of kind a digest carried that have since been superseded and
  // that no digest has told of as void yet, oldest first.
  std::vector<DocumentRecord> void_since_digest(DocumentKind kind);
  // Records that the digest mail message_id told of the document as void.
  void mark_void_told(std::int64_t document_id, const std::string& message_id);
  // Undoes what the digest mail message_id carried and told, after the
  // server refused it for good: the next digest carries it again.
  void forget_digest(const std::string& message_id);

 private:
  Database& db_;
};

}  // namespace danju
