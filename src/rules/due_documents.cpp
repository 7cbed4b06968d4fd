#include "rules/due_documents.h"

namespace danju {

namespace {

// 打样: the gift line makes a sample once the contract may be signed and
// the customer has paid the agreed share. A confirmed sample ends sampling,
// so an order already at that stage is due no request.
// Limitation: a sample the customer wants changed comes as a new order
// version, and the approval that counts is that version's, so the contract
// goes through its chain again before the new request is made, even when
// only the sample changed.
bool sample_due(const Order& order, const OrderStanding& standing) {
  return order.line == BusinessLine::gift &&
         order.status == OrderStatus::confirmed &&
         standing.contract_approved &&
         order.prepayment_due() <= standing.received;
}

}  // namespace

std::vector<DocumentKind> due_documents(const Order& order,
                                        const OrderStanding& standing) {
  std::vector<DocumentKind> due;
  if (order.status == OrderStatus::draft) return due;

  due.push_back(DocumentKind::contract);
  due.push_back(DocumentKind::contract_approval);
  if (sample_due(order, standing)) due.push_back(DocumentKind::sample_request);
  // The order sheet is written from the contract (按合同开出), so an order
  // that comes in with its sample already confirmed still waits for its
  // contract's approval before production is asked to start.
  if (order.status == OrderStatus::sample_confirmed &&
      standing.contract_approved) {
    due.push_back(DocumentKind::order_sheet);
  }
  // An order of nothing has no balance to wait for, and nothing to ship.
  // The receipt travels with the goods, so it is made with the note.
  // Limitation: the signed receipt's return is not recorded; sales and
  // finance file the paper the customer hands back.
  if (order.total().fen() > 0 && order.total() <= standing.received) {
    due.push_back(DocumentKind::shipment_note);
    due.push_back(DocumentKind::delivery_receipt);
  }
  if (order.line == BusinessLine::transport) {
    due.push_back(DocumentKind::dispatch_sheet);
  }
  return due;
}

bool needs_approval(DocumentKind kind) {
  return kind == DocumentKind::contract_approval ||
         kind == DocumentKind::sample_request ||
         kind == DocumentKind::order_sheet;
}

bool is_issued(DocumentKind kind) {
  return kind == DocumentKind::shipment_note ||
         kind == DocumentKind::delivery_receipt ||
         kind == DocumentKind::dispatch_sheet;
}

bool starts_work(DocumentKind kind) {
  return kind == DocumentKind::sample_request ||
         kind == DocumentKind::order_sheet;
}

}  // namespace danju
