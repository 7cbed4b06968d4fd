// How documents are numbered and what people call them.
#pragma once

#include <string>

#include "core/document_kind.h"
#include "core/order.h"

namespace danju {

// SP-<contract no> for the approval form, DH-<order no> for the order sheet,
// DY-<order no> for the sample request (打样), HZ-<shipment no> for the
// receipt (回执), PC-<order no> for the dispatch sheet (派车), the order's
// contract and shipment numbers for the others. Built only from checked
// identifiers, so safe in file names and headers.
std::string document_number(const Order& order, DocumentKind kind);

// 合同审批单, 内部订货单, 发货单, 打样申请单, 收货回执, 派车单; the contract by
// line of business: 购销合同, 定制合同, 包车合同.
std::string document_title(const Order& order, DocumentKind kind);

// documents/2026-03/DD2026030200001: the order's folder under the output.
std::string order_folder(const Order& order);

}  // namespace danju
