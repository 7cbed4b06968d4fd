#include "core/document_kind.h"

namespace danju {

namespace {

struct KindNames {
  DocumentKind kind;
  const char* name;
  const char* title;
};

constexpr KindNames kKinds[] = {
    {DocumentKind::contract, "contract", "购销合同"},
    {DocumentKind::contract_approval, "contract_approval", "合同审批单"},
    {DocumentKind::order_sheet, "order_sheet", "内部订货单"},
    {DocumentKind::shipment_note, "shipment_note", "发货单"},
    {DocumentKind::sample_request, "sample_request", "打样申请单"},
    {DocumentKind::delivery_receipt, "delivery_receipt", "收货回执"},
    {DocumentKind::dispatch_sheet, "dispatch_sheet", "派车单"},
};

}  // namespace

std::vector<DocumentKind> all_document_kinds() {
  std::vector<DocumentKind> kinds;
  for (const auto& k : kKinds) kinds.push_back(k.kind);
  return kinds;
}

const char* document_kind_name(DocumentKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "contract";
}

bool parse_document_kind(const std::string& text, DocumentKind* out) {
  for (const auto& k : kKinds) {
    if (text == k.name) {
      *out = k.kind;
      return true;
    }
  }
  return false;
}

const char* document_kind_title(DocumentKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.title;
  }
  return "";
}

}  // namespace danju
