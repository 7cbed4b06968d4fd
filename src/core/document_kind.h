// The kinds of 单据 Danju makes.
#pragma once

#include <string>

namespace danju {

enum class DocumentKind {
  contract,           // 购销合同 / 定制合同
  contract_approval,  // 合同审批单: approves the contract
  order_sheet,        // 内部订货单: approved itself, then goes to production
  shipment_note,      // 发货单（一式四联）: issued, printed as four copies
};

// "contract", "contract_approval", "order_sheet", "shipment_note": the words
// of job files, template file names and the database.
const char* document_kind_name(DocumentKind kind);
bool parse_document_kind(const std::string& text, DocumentKind* out);

// 购销合同, 合同审批单, 内部订货单, 发货单: what people call it.
const char* document_kind_title(DocumentKind kind);

}  // namespace danju
