// Which documents an order is due, by the business rules:
//
//   confirmed (or further)            -> contract and its approval form
//   gift line, still sampling, the contract approved and the prepayment
//   share received                    -> sample request (打样申请单)
//   the customer confirmed the sample
//   and the contract approved         -> internal order sheet
//   paid in full, as finance recorded -> shipment note (一式四联) and the
//                                        customer's receipt (收货回执)
//   transport line, confirmed         -> dispatch sheet (派车单)
//
// The rules look only at the order, the payments received by the business
// date and whether this version's contract was approved; whether a document
// already exists is the caller's concern.
#pragma once

#include <vector>

#include "core/document_kind.h"
#include "core/order.h"

namespace danju {

struct OrderStanding {
  Money received;  // payments received by the business date
  // The approval form of this order version went through its whole chain,
  // so the contract may be signed.
  bool contract_approved = false;
};

std::vector<DocumentKind> due_documents(const Order& order,
                                        const OrderStanding& standing);

// True when the kind is approved through a chain (the approval form, the
// sample request, the order sheet); the contract rides on its approval
// form.
bool needs_approval(DocumentKind kind);

// True when the kind is final as soon as it is made, with no chain: the
// shipment note, the customer's receipt, the dispatch sheet. The others
// carry the 草稿 mark until approved.
bool is_issued(DocumentKind kind);

// True when the kind sets the factory to work before the customer has
// paid for it (the sample request, the order sheet): with no payment at
// all it needs the general manager's approval, or a staff guarantee.
bool starts_work(DocumentKind kind);

}  // namespace danju
