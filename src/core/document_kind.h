// The kinds of 单据 Danju makes.
#pragma once

#include <string>
#include <vector>

namespace danju {

enum class DocumentKind {
  contract,           // 购销合同 / 定制合同
  contract_approval,  // 合同审批单: approves the contract
  order_sheet,        // 内部订货单: approved itself, then goes to production
  shipment_note,      // 发货单（一式四联）: issued, printed as four copies
  sample_request,     // 打样申请单: approved, then production makes a sample
  delivery_receipt,   // 收货回执: goes with the goods; the customer signs it
  dispatch_sheet,     // 派车单: issued to the dispatcher and the driver
};

// "contract", "contract_approval", "order_sheet", "shipment_note",
// "sample_request", "delivery_receipt", "dispatch_sheet": the words of job
// files, template file names and the database.
const char* document_kind_name(DocumentKind kind);
bool parse_document_kind(const std::string& text, DocumentKind* out);

// Every kind, in the order above: each needs its template.
std::vector<DocumentKind> all_document_kinds();

// 购销合同, 合同审批单, 内部订货单, 发货单, 打样申请单, 收货回执, 派车单:
// what people call it.
const char* document_kind_title(DocumentKind kind);

}  // namespace danju
