// An order as a reader found it, before any value is checked.
//
// The CSV and JSON readers only collect text; build_order checks it all in
// one place, so both formats accept and refuse exactly the same orders and
// report them with the same messages.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/order.h"
#include "input/inbox_reader.h"

namespace danju {

// One value, trimmed; empty text means the value is absent.
struct DraftValue {
  std::string text;
  std::string field;  // how the file names it: "单价", "items[2].qty"
  int line = 0;       // where it was read; 0: the order's first line
};

// Keys of OrderDraft::values: order_no contract_no shipment_no line
// order_type status date ship_date department salesperson customer contact
// phone address payment_terms prepayment_pct remarks.
// Keys of DraftItem::values: name spec unit qty unit_price unit_price_fen
// (a whole number of 分) amount.
// A key that is missing altogether is treated as an absent value named by
// the key itself.
struct DraftItem {
  std::map<std::string, DraftValue> values;
  int line = 0;
};

struct OrderDraft {
  SourceRef source;  // file, and line of the order's first row or object
  std::map<std::string, DraftValue> values;
  std::map<std::string, DraftValue> extra;  // Order::extra, by template name
  std::vector<DraftItem> items;
};

// Checks every value and builds the order. Defaults: contract number
// "HT-" + order number, shipment number "FH-" + order number, status
// confirmed, 30 % prepayment, furniture order type 正常单. The extras that
// count (headcount, vehicle_count, sample_quantity) must be positive whole
// numbers when given; other extras are free text. On the first
// value that is wrong, returns nothing and fills *problem (file, line, order
// number as written, field, reason; skipped = order).
std::optional<Order> build_order(const OrderDraft& draft,
                                 InputProblem* problem);

}  // namespace danju
