// Orders from a JSON file, as the shop system exports them.
//
// The file is either {"seller": {...}, "orders": [order, ...]} (the seller
// is ignored; the job file names the company) or a bare array of orders. An
// order object has the keys order_no, contract_no, shipment_no, flow (or
// line), order_type, status, date, ship_date, department, salesperson,
// customer {name, contact, phone, address} (or a string: the name),
// payment_terms, prepayment_pct, remarks, items [{name, spec, unit, qty,
// unit_price_fen or unit_price}], and extra {route, origin, ...} for the
// fields of one business line. unit_price_fen is a whole number of 分;
// unit_price is a string such as "1,005.00" or a JSON number, read through
// its shortest decimal form (1.005 stays 1.005 and is refused). Values are
// checked exactly as in a CSV export (see input/order_draft.h).
#pragma once

#include <string>
#include <string_view>

#include "input/inbox_reader.h"

namespace danju {

// text is the file's content in UTF-8. Each valid order goes to
// sink.order; an order with a wrong value is one problem (its line is
// where the order's object starts, its field the key path such as
// "items[2].qty" or "customer.name") and the rest of the file is still
// read. An order number seen before in the file refuses the later order.
// Text that is not JSON, or not of the shapes above, is one problem
// for the file (skipped = file). file is the name used in messages.
void read_order_json(std::string_view text, const std::string& file,
                     const InboxSink& sink);

}  // namespace danju
