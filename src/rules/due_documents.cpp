#include "rules/due_documents.h"

namespace danju {

std::vector<DocumentKind> due_documents(const Order& order,
                                        const OrderStanding& standing) {
  std::vector<DocumentKind> due;
  if (order.status == OrderStatus::draft) return due;

  due.push_back(DocumentKind::contract);
  due.push_back(DocumentKind::contract_approval);
  if (order.status == OrderStatus::sample_confirmed) {
    due.push_back(DocumentKind::order_sheet);
  }
  // An order of nothing has no balance to wait for, and nothing to ship.
  if (order.total().fen() > 0 && order.total() <= standing.received) {
    due.push_back(DocumentKind::shipment_note);
  }
  return due;
}

bool needs_approval(DocumentKind kind) {
  return kind == DocumentKind::contract_approval ||
         kind == DocumentKind::order_sheet;
}

}  // namespace danju
