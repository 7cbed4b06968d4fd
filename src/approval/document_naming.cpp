#include "approval/document_naming.h"

namespace danju {

std::string document_number(const Order& order, DocumentKind kind) {
  switch (kind) {
    case DocumentKind::contract: return order.contract_no;
    case DocumentKind::contract_approval: return "SP-" + order.contract_no;
    case DocumentKind::order_sheet: return "DH-" + order.order_no;
    case DocumentKind::shipment_note: return order.shipment_no;
    case DocumentKind::sample_request: return "DY-" + order.order_no;
    case DocumentKind::delivery_receipt: return "HZ-" + order.shipment_no;
    case DocumentKind::dispatch_sheet: return "PC-" + order.order_no;
  }
  return order.order_no;
}

std::string document_title(const Order& order, DocumentKind kind) {
  if (kind == DocumentKind::contract) {
    if (order.line == BusinessLine::furniture) return "定制合同";
    if (order.line == BusinessLine::transport) return "包车合同";
  }
  return document_kind_title(kind);
}

std::string order_folder(const Order& order) {
  // Every part is a checked identifier or the digits of a checked date.
  return "documents/" + order.date.substr(0, 7) + "/" + order.order_no;
}

}  // namespace danju
