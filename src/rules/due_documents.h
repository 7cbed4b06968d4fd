// Which documents an order is due, by the business rules:
//
//   confirmed (or further)           -> contract and its approval form
//   the customer confirmed the sample -> internal order sheet
//   paid in full, as finance recorded -> shipment note (一式四联)
//
// The rules look only at the order and the payments received by the business
// date; whether a document already exists is the caller's concern.
#pragma once

#include <vector>

#include "core/document_kind.h"
#include "core/order.h"

namespace danju {

struct OrderStanding {
  Money received;  // payments received by the business date
};

std::vector<DocumentKind> due_documents(const Order& order,
                                        const OrderStanding& standing);

// True when the kind is approved through a chain (the approval form, the
// order sheet); the contract rides on its approval form, and the shipment
// note is issued without approval.
bool needs_approval(DocumentKind kind);

}  // namespace danju
