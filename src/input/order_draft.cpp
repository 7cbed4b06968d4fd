#include "input/order_draft.h"

#include "core/identifier.h"
#include "core/text.h"
#include "input/field_values.h"

namespace danju {

namespace {

// Thrown inside build_order at the first wrong value; never leaves it.
struct Refusal {
  DraftValue value;
  std::string message;
};

DraftValue value_of(const std::map<std::string, DraftValue>& values,
                    const std::string& key) {
  const auto found = values.find(key);
  if (found != values.end()) return found->second;
  DraftValue absent;
  absent.field = key;
  return absent;
}

std::string required(const DraftValue& value) {
  if (value.text.empty()) throw Refusal{value, "missing"};
  return value.text;
}

// A number the papers are numbered from: the papers add a prefix of
// `prefixed` characters to it (SP- to the contract's, HT- and then SP- to
// the order's when the contract has none of its own), and the result must
// still be a document number.
std::string document_number(const DraftValue& value,
                            const std::string& fallback,
                            std::size_t prefixed) {
  const std::string text = value.text.empty() ? fallback : value.text;
  std::string error;
  if (!check_document_number(text, &error, kMaxDocumentNumber - prefixed)) {
    throw Refusal{value, error};
  }
  return text;
}

std::string date(const DraftValue& value) {
  std::string error;
  const auto parsed = parse_date(value.text, &error);
  if (!parsed) throw Refusal{value, error};
  return *parsed;
}

Money money(const DraftValue& value) {
  std::string error;
  const auto parsed = parse_money(value.text, &error);
  if (!parsed) throw Refusal{value, error};
  return *parsed;
}

// unit_price_fen: a whole, non-negative number of 分.
Money money_in_fen(const DraftValue& value) {
  const std::string& text = value.text;
  bool digits = !text.empty() && text.size() <= 17;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    throw Refusal{value, "not a whole number of 分: \"" + one_line(text) + "\""};
  }
  return Money(std::stoll(text));
}

// Extra fields that count something (people, vehicles, samples): when
// given, a positive whole number. They are kept as written, so an order
// read before this check keeps its content and its version.
bool counted_extra(const std::string& key) {
  return key == "headcount" || key == "vehicle_count" ||
         key == "sample_quantity";
}

LineItem build_item(const DraftItem& draft) {
  LineItem item;
  const auto& values = draft.values;
  item.name = required(value_of(values, "name"));
  item.spec = value_of(values, "spec").text;
  item.unit = value_of(values, "unit").text;

  const DraftValue qty = value_of(values, "qty");
  std::string error;
  const auto quantity = parse_quantity(required(qty), &error);
  if (!quantity) throw Refusal{qty, error};
  item.quantity = *quantity;

  const DraftValue fen = value_of(values, "unit_price_fen");
  const DraftValue price = value_of(values, "unit_price");
  if (!fen.text.empty()) {
    item.unit_price = money_in_fen(fen);
    if (!price.text.empty() && money(price) != item.unit_price) {
      throw Refusal{price, "differs from " + fen.field + " (" +
                               format_plain(item.unit_price) + ")"};
    }
  } else {
    required(price);
    item.unit_price = money(price);
  }

  std::int64_t amount_fen = 0;
  if (__builtin_mul_overflow(item.unit_price.fen(), item.quantity,
                             &amount_fen) ||
      amount_fen > 100'000'000'000'000LL) {
    throw Refusal{qty, "quantity × unit price is too large"};
  }

  const DraftValue amount = value_of(values, "amount");
  if (!amount.text.empty() && money(amount) != item.amount()) {
    throw Refusal{amount, "amount " + format_plain(money(amount)) +
                              " is not quantity × unit price (" +
                              std::to_string(item.quantity) + " × " +
                              format_plain(item.unit_price) + " = " +
                              format_plain(item.amount()) + ")"};
  }
  return item;
}

Order build(const OrderDraft& draft) {
  const auto& values = draft.values;
  Order order;
  order.source = draft.source;

  const DraftValue order_no = value_of(values, "order_no");
  order.order_no = document_number(order_no, required(order_no), 6);
  order.contract_no = document_number(value_of(values, "contract_no"),
                                      "HT-" + order.order_no, 3);
  order.shipment_no = document_number(value_of(values, "shipment_no"),
                                      "FH-" + order.order_no, 3);

  const DraftValue line = value_of(values, "line");
  if (!parse_business_line(required(line), &order.line)) {
    throw Refusal{line, "unknown business line: \"" + one_line(line.text) +
                            "\" (礼品, 家具/全屋定制 or 客运/货运)"};
  }

  std::string error;
  const DraftValue type = value_of(values, "order_type");
  const auto order_type = parse_order_type(order.line, type.text, &error);
  if (!order_type) throw Refusal{type, error};
  order.order_type = *order_type;

  const DraftValue status = value_of(values, "status");
  order.status = OrderStatus::confirmed;
  if (!status.text.empty() &&
      !parse_order_status(status.text, &order.status)) {
    throw Refusal{status, "unknown status: \"" + one_line(status.text) +
                              "\" (意向, 已确认 or 样品已确认)"};
  }

  order.date = date(value_of(values, "date"));
  const DraftValue ship_date = value_of(values, "ship_date");
  if (!ship_date.text.empty()) order.ship_date = date(ship_date);

  order.department = value_of(values, "department").text;
  order.salesperson = required(value_of(values, "salesperson"));
  order.customer.name = required(value_of(values, "customer"));
  order.customer.contact = value_of(values, "contact").text;
  order.customer.phone = value_of(values, "phone").text;
  order.customer.address = value_of(values, "address").text;
  order.payment_terms = value_of(values, "payment_terms").text;
  order.remarks = value_of(values, "remarks").text;

  const DraftValue pct = value_of(values, "prepayment_pct");
  if (!pct.text.empty()) {
    const auto parsed = parse_percent(pct.text, &error);
    if (!parsed) throw Refusal{pct, error};
    order.prepayment_pct = *parsed;
  }

  for (const auto& [key, value] : draft.extra) {
    if (value.text.empty()) continue;
    if (counted_extra(key)) {
      const auto count = parse_quantity(value.text, &error);
      if (!count) throw Refusal{value, error};
    }
    order.extra[key] = value.text;
  }

  if (draft.items.empty()) {
    DraftValue items;
    items.field = "items";
    throw Refusal{items, "the order has no line items"};
  }
  for (const DraftItem& item : draft.items) {
    try {
      order.items.push_back(build_item(item));
    } catch (Refusal& refusal) {
      if (refusal.value.line == 0) refusal.value.line = item.line;
      throw;
    }
  }
  return order;
}

}  // namespace

std::optional<Order> build_order(const OrderDraft& draft,
                                 InputProblem* problem) {
  try {
    return build(draft);
  } catch (const Refusal& refusal) {
    problem->where = draft.source;
    if (refusal.value.line > 0) problem->where.line = refusal.value.line;
    problem->order_no = value_of(draft.values, "order_no").text;
    problem->field = refusal.value.field;
    problem->message = refusal.message;
    problem->skipped = Skipped::order;
    return std::nullopt;
  }
}

}  // namespace danju
