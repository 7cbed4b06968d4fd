// 审计日志 the audit log: every step Danju takes (an order read, a document
// made, a mail sent, a decision recorded, a paper filed) as one row of a hash
// chain in the job's database.
//
// Each row carries the SHA-256 of its own content and the hash of the row
// before it, so finance can show an auditor that nothing on file was edited,
// removed or slipped in afterwards. The table's triggers refuse UPDATE and
// DELETE; the chain is what catches someone who drops the triggers first.
//
// The hash of a row is SHA-256 over
//   "danju-audit-1\n" then, for each of id (decimal), at, kind, subject,
//   details and prev_hash in that order: its length in bytes (decimal), ":",
//   the bytes, "\n".
// The length before each field makes the encoding unambiguous: no two
// different rows encode to the same bytes, whatever the fields contain.
//
// Limitation: the chain proves the rows agree with each other, not that the
// newest rows are all there. Someone who deletes rows from the end, or
// rewrites every row from some point on, leaves a consistent chain. Keep
// head() somewhere outside the database (the run summary, a mail to
// finance) to catch that: a later head must still contain the earlier one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace danju {

// The kinds of step the pipeline records. Any other text is accepted too.
inline constexpr const char* kAuditOrderRead = "order_read";
inline constexpr const char* kAuditDocumentMade = "document_made";
inline constexpr const char* kAuditMailSent = "mail_sent";
inline constexpr const char* kAuditDecision = "decision";
inline constexpr const char* kAuditFiled = "filed";

// One place where the chain does not hold.
struct ChainBreak {
  enum class Kind {
    edited,       // the row's hash does not match its content
    unlinked,     // its prev_hash is not the hash of the row before it
    missing_rows  // ids jump: rows before this one were removed
  };
  std::int64_t row_id = 0;
  Kind kind = Kind::edited;
  std::string what;  // a sentence for the operator, naming the row
};

// The newest row: its id and hash (0 and "" for an empty log).
struct AuditHead {
  std::int64_t row_id = 0;
  std::string hash;
  std::int64_t rows = 0;  // how many rows the log holds
};

class AuditLog {
 public:
  // db must outlive the AuditLog and have schema version 2 or later.
  explicit AuditLog(Database& db) : db_(db) {}

  // Adds one row after the newest one. at: when it happened, as the caller
  // writes times elsewhere (ISO 8601 with zone). Runs in the caller's
  // Transaction when there is one (and is then undone with it), else in a
  // BEGIN IMMEDIATE transaction of its own, so two processes never link a
  // row to the same predecessor. Throws DatabaseError.
  void append(const std::string& kind, const std::string& subject,
              const std::string& details, const std::string& at);

  // Walks every row in id order, once, and returns each break, in id
  // order; empty when the chain is whole. Throws DatabaseError.
  std::vector<ChainBreak> verify();

  // The names of the triggers that refuse UPDATE and DELETE which are no
  // longer in the database; empty when both are. A missing one means
  // someone removed it on purpose, even if the chain still holds.
  // Limitation: only the names are checked; a trigger replaced by one of
  // the same name that does nothing is not noticed (the chain still is).
  std::vector<std::string> missing_guards();

  // The newest row and the number of rows, for keeping outside the
  // database. Counts every row: O(rows), unlike append().
  AuditHead head();

  // The hash a row with these fields must carry (see the encoding above).
  static std::string row_hash(std::int64_t id, const std::string& at,
                              const std::string& kind,
                              const std::string& subject,
                              const std::string& details,
                              const std::string& prev_hash);

 private:
  AuditHead newest();  // without the count: one index lookup

  Database& db_;
};

}  // namespace danju
