#include "archive/register_rows.h"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "core/text.h"
#include "store/document_store.h"
#include "store/order_store.h"

namespace danju {

namespace {

bool all_digits(const std::string& text, std::size_t from, std::size_t n) {
  for (std::size_t i = from; i < from + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

// One paper: an order version's document of one kind, in its PDF forms.
struct Paper {
  std::optional<DocumentRecord> pdf;
  std::optional<DocumentRecord> approved;
};

using PaperKey = std::tuple<std::string, int, int>;  // order, version, kind

// Limitation: a kind this build does not know is left out of the register
// (a newer Danju wrote it); the export still carries it.
std::map<PaperKey, Paper> papers_of_month(Database& db,
                                          const std::string& month) {
  std::map<PaperKey, Paper> papers;
  for (DocumentRecord& record : DocumentStore(db).pdfs_of_month(month)) {
    Paper& paper = papers[PaperKey(record.order_no, record.order_version,
                                   static_cast<int>(record.kind))];
    if (record.format == "approved.pdf") {
      paper.approved = std::move(record);
    } else {
      paper.pdf = std::move(record);
    }
  }
  return papers;
}

// The decisions on a paper's steps, which hang on its plain PDF.
//
// Limitation: when a deputy decided an overdue step, the name shown is the
// approver the step was addressed to; the deputy's address is in the
// step's decided_by column.
std::string approvals_of(Database& db, std::int64_t document_id) {
  Statement query = db.prepare(
      "SELECT approver_name, decided_at, state FROM approval_steps "
      "WHERE document_id = ?1 AND state IN ('approved', 'rejected') "
      "AND decided_at IS NOT NULL ORDER BY step, id");
  query.bind(1, document_id);

  std::string out;
  while (query.step()) {
    if (!out.empty()) out += "; ";
    out += query.text(0) + " " + query.text(1).substr(0, 10);
    if (query.text(2) == kStepRejected) out += " 驳回";
  }
  return out;
}

}  // namespace

bool is_register_month(const std::string& month) {
  if (month.size() != 7 || month[4] != '-') return false;
  if (!all_digits(month, 0, 4) || !all_digits(month, 5, 2)) return false;
  const int year = std::stoi(month.substr(0, 4));
  const int number = std::stoi(month.substr(5, 2));
  return year >= 1900 && number >= 1 && number <= 12;
}

std::vector<RegisterRow> register_rows(Database& db,
                                       const std::string& month) {
  if (!is_register_month(month)) {
    throw std::invalid_argument("not a month (YYYY-MM): " + month);
  }

  // A deferred transaction: every SELECT below reads the same snapshot.
  db.execute("BEGIN");
  std::vector<RegisterRow> rows;
  try {
    OrderStore orders(db);
    std::map<std::pair<std::string, int>, std::optional<StoredOrder>> cache;

    for (const auto& [key, paper] : papers_of_month(db, month)) {
      const DocumentRecord& shown = paper.approved ? *paper.approved
                                                   : *paper.pdf;
      RegisterRow row;
      row.business_date = shown.business_date;
      row.order_no = shown.order_no;
      row.order_version = shown.order_version;
      row.kind = shown.kind;
      row.document_no = shown.document_no;
      row.format = shown.format;
      row.state = shown.state;
      row.path = shown.path;
      row.sha256 = shown.sha256;

      const auto version = std::make_pair(shown.order_no,
                                          shown.order_version);
      auto found = cache.find(version);
      if (found == cache.end()) {
        found = cache.emplace(version, orders.version(shown.order_no,
                                                      shown.order_version))
                    .first;
      }
      if (found->second) {
        row.customer = one_line(found->second->order.customer.name);
        row.amount = found->second->order.total();
      }

      row.approvals = approvals_of(db, paper.pdf ? paper.pdf->id : shown.id);
      rows.push_back(std::move(row));
    }
    db.execute("COMMIT");
  } catch (...) {
    try {
      db.execute("ROLLBACK");
    } catch (const DatabaseError&) {
      // The first error is the one to report; closing the connection
      // ends the read transaction anyway.
    }
    throw;
  }

  std::stable_sort(rows.begin(), rows.end(),
                   [](const RegisterRow& a, const RegisterRow& b) {
                     return std::tie(a.business_date, a.order_no,
                                     a.order_version, a.kind) <
                            std::tie(b.business_date, b.order_no,
                                     b.order_version, b.kind);
                   });
  return rows;
}

std::string register_state_title(const std::string& state) {
  if (state == kDocumentIssued) return "已签发";
  if (state == kDocumentPending) return "待审批";
  if (state == kDocumentApproved) return "已审批";
  if (state == kDocumentRejected) return "已驳回";
  if (state == kDocumentSuperseded) return "已被新版本取代";
  return state;
}

}  // namespace danju
