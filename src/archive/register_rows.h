// 台账 the monthly register of papers: which rows finance's register of a
// month holds, read from the documents, orders and approval_steps tables.
//
// A row is one PDF paper dated (business_date) in the month. When a paper
// has both its PDF and its stamped approved PDF, the row shows the approved
// one; the spreadsheet copies (xlsx) are not rows of their own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/document_kind.h"
#include "core/money.h"
#include "store/database.h"

namespace danju {

struct RegisterRow {
  std::string business_date;  // YYYY-MM-DD
  std::string order_no;
  int order_version = 0;
  std::string customer;  // the customer's name on that order version
  DocumentKind kind = DocumentKind::contract;
  std::string document_no;
  std::string format;  // "pdf" or "approved.pdf"
  Money amount;        // the order version's total
  std::string state;   // as the documents table has it (kDocumentIssued, ...)
  // "王喆 2026-12-04; 赵敏 2026-12-05": who decided, in chain order, with
  // the date of the decision; a rejection is marked 驳回. Empty when
  // nobody has decided yet.
  std::string approvals;
  std::string path;  // relative to the job's output folder
  std::string sha256;
};

// True for a month written YYYY-MM with a month 01..12 and a year
// 1900..9999.
bool is_register_month(const std::string& month);

// The rows of the month, by date, then order number, order version and
// kind. Reads inside one read transaction, so the rows are one consistent
// picture even while a run is writing. The month must pass
// is_register_month (precondition; otherwise std::invalid_argument).
// Throws DatabaseError when a table cannot be read; a document whose order
// version cannot be found gets an empty customer and a zero amount rather
// than stopping the register.
std::vector<RegisterRow> register_rows(Database& db, const std::string& month);

// 已签发, 待审批, 已审批, 已驳回, 已被新版本取代: the state as finance reads
// it; an unknown state is shown as it is stored.
std::string register_state_title(const std::string& state);

}  // namespace danju
