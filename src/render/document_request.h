// What a renderer needs to make one document: the order, the document's own
// number, version and date, and the approval chain it carries boxes for.
#pragma once

#include <string>
#include <vector>

#include "core/company.h"
#include "core/document_kind.h"
#include "core/order.h"

namespace danju {

// One box on an approval form or order sheet (部门负责人意见 ...). Until the
// step is decided only the title is filled.
struct ApprovalBox {
  std::string title;     // "部门负责人意见"
  std::string approver;  // name of the person, once decided
  std::string decision;  // "同意" / "驳回" and reason, once decided
  std::string decided_at;  // "2026-12-04 09:30 +08:00", once decided
};

struct DocumentRequest {
  DocumentKind kind = DocumentKind::contract;
  const Order* order = nullptr;      // required; must outlive the call
  const Company* company = nullptr;  // required; must outlive the call
  std::string document_no;  // e.g. "SP-HT-2026-00001"; checked identifier
  int version = 1;          // the order version it was made from
  // SHA-256 (hex) of that order version's content as the store keeps it;
  // the paper code ({document.code}, the header's QR code) carries its
  // first digits. Needed only by templates that print the code.
  std::string content_hash;
  std::string date;         // business date the document is dated, YYYY-MM-DD
  Money prepaid;            // payments received so far
  std::vector<ApprovalBox> approvals;  // in chain order
  // Printed large and light across every page: 草稿 (draft) until the
  // document is fully approved, 作废 (void) for a replaced version; empty
  // for none.
  std::string watermark;
};

}  // namespace danju
