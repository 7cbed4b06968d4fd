#include "store/order_codec.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>
#include <stdexcept>

namespace danju {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string text_of(const Object::Ptr& object, const std::string& key) {
  return object->has(key) ? object->getValue<std::string>(key) : "";
}

}  // namespace

std::string encode_order(const Order& order) {
  Object root;
  root.set("order_no", order.order_no);
  root.set("contract_no", order.contract_no);
  root.set("shipment_no", order.shipment_no);
  root.set("line", std::string(business_line_name(order.line)));
  root.set("order_type", order.order_type);
  root.set("status", std::string(order_status_name(order.status)));
  root.set("date", order.date);
  root.set("ship_date", order.ship_date);
  root.set("department", order.department);
  root.set("salesperson", order.salesperson);
  root.set("payment_terms", order.payment_terms);
  root.set("prepayment_pct", order.prepayment_pct);
  root.set("remarks", order.remarks);

  Object customer;
  customer.set("name", order.customer.name);
  customer.set("contact", order.customer.contact);
  customer.set("phone", order.customer.phone);
  customer.set("address", order.customer.address);
  root.set("customer", customer);

  Array items;
  for (const LineItem& item : order.items) {
    Object entry;
    entry.set("name", item.name);
    entry.set("spec", item.spec);
    entry.set("unit", item.unit);
    entry.set("qty", item.quantity);
    entry.set("unit_price_fen", item.unit_price.fen());
    items.add(entry);
  }
  root.set("items", items);

  Object extra;
  for (const auto& [key, value] : order.extra) extra.set(key, value);
  root.set("extra", extra);

  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

Order decode_order(const std::string& text) {
  Poco::JSON::Parser parser;
  const auto root = parser.parse(text).extract<Object::Ptr>();
  if (!root) throw std::runtime_error("stored order is not a JSON object");

  Order order;
  order.order_no = text_of(root, "order_no");
  order.contract_no = text_of(root, "contract_no");
  order.shipment_no = text_of(root, "shipment_no");
  if (!parse_business_line(text_of(root, "line"), &order.line) ||
      !parse_order_status(text_of(root, "status"), &order.status)) {
    throw std::runtime_error("stored order " + order.order_no +
                             " has an unknown line or status");
  }
  order.order_type = text_of(root, "order_type");
  order.date = text_of(root, "date");
  order.ship_date = text_of(root, "ship_date");
  order.department = text_of(root, "department");
  order.salesperson = text_of(root, "salesperson");
  order.payment_terms = text_of(root, "payment_terms");
  order.prepayment_pct = root->getValue<int>("prepayment_pct");
  order.remarks = text_of(root, "remarks");

  const auto customer = root->getObject("customer");
  order.customer.name = text_of(customer, "name");
  order.customer.contact = text_of(customer, "contact");
  order.customer.phone = text_of(customer, "phone");
  order.customer.address = text_of(customer, "address");

  const auto items = root->getArray("items");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto entry = items->getObject(static_cast<unsigned>(i));
    LineItem item;
    item.name = text_of(entry, "name");
    item.spec = text_of(entry, "spec");
    item.unit = text_of(entry, "unit");
    item.quantity = entry->getValue<std::int64_t>("qty");
    item.unit_price = Money(entry->getValue<std::int64_t>("unit_price_fen"));
    order.items.push_back(item);
  }

  const auto extra = root->getObject("extra");
  for (const auto& [key, value] : *extra) {
    order.extra[key] = value.convert<std::string>();
  }
  return order;
}

}  // namespace danju
