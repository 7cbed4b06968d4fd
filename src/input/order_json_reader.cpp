#include "input/order_json_reader.h"

#include <charconv>
#include <map>
#include <set>
#include <optional>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/text.h"
#include "input/order_draft.h"

namespace danju {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Thrown while a draft is collected, when a value has the wrong JSON type.
struct WrongShape {
  std::string field;
  std::string message;
};

// Lines where the elements of the orders array start, in order: the
// parser keeps no positions, so the raw text is scanned for them. An
// element that is not an object or array gets no entry; the caller then
// finds the counts differ and uses the line of nothing (0).
std::vector<int> order_start_lines(std::string_view text) {
  struct Frame {
    bool object = false;
    bool orders = false;  // this array holds the orders
    bool expecting_key = true;
    std::string key;      // last key read in this object
  };
  std::vector<Frame> stack;
  std::vector<int> lines;
  int line = 1;

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      std::string content;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
        if (i < text.size()) content.push_back(text[i]);
      }
      if (!stack.empty() && stack.back().object &&
          stack.back().expecting_key) {
        stack.back().key = content;
      }
    } else if (c == ':' || c == ',') {
      if (!stack.empty() && stack.back().object) {
        stack.back().expecting_key = c == ',';
      }
    } else if (c == '{' || c == '[') {
      if (!stack.empty() && stack.back().orders) lines.push_back(line);
      Frame frame;
      frame.object = c == '{';
      frame.orders = c == '[' && (stack.empty() ||
                                  (stack.size() == 1 && stack[0].object &&
                                   stack[0].key == "orders"));
      stack.push_back(frame);
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    }
  }
  return lines;
}

// The value as text: strings trimmed, numbers in their shortest decimal
// form, null as empty. Objects, arrays and booleans are refused.
std::string text_of(const Var& value, const std::string& field) {
  if (value.isEmpty()) return "";
  if (value.isString()) return trim(value.extract<std::string>());
  if (value.isInteger()) return value.convert<std::string>();
  if (value.isNumeric() && !value.isBoolean()) {
    const double number = value.convert<double>();
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
    return std::string(buffer, result.ptr);
  }
  throw WrongShape{field, "expected text or a number"};
}

Object::Ptr object_of(const Var& value) {
  if (value.type() == typeid(Object::Ptr)) return value.extract<Object::Ptr>();
  return nullptr;
}

Array::Ptr array_of(const Var& value) {
  if (value.type() == typeid(Array::Ptr)) return value.extract<Array::Ptr>();
  return nullptr;
}

DraftValue value_at(const Object::Ptr& object, const std::string& key,
                    const std::string& field) {
  DraftValue value;
  value.field = field;
  if (object->has(key)) value.text = text_of(object->get(key), field);
  return value;
}

void collect_customer(const Object::Ptr& order, OrderDraft* draft) {
  auto& values = draft->values;
  const Var customer = order->has("customer") ? order->get("customer") : Var();
  const Object::Ptr fields = object_of(customer);
  if (!fields) {
    values["customer"] = {text_of(customer, "customer"), "customer", 0};
    return;
  }
  values["customer"] = value_at(fields, "name", "customer.name");
  for (const char* key : {"contact", "phone", "address"}) {
    values[key] = value_at(fields, key, std::string("customer.") + key);
  }
}

void collect_items(const Object::Ptr& order, OrderDraft* draft) {
  if (!order->has("items")) return;
  const Array::Ptr items = array_of(order->get("items"));
  if (!items) throw WrongShape{"items", "expected an array of items"};

  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string prefix = "items[" + std::to_string(i) + "]";
    const Object::Ptr fields = object_of(items->get(i));
    if (!fields) throw WrongShape{prefix, "expected an object"};
    DraftItem item;
    for (const char* key : {"name", "spec", "unit", "qty", "unit_price",
                            "unit_price_fen", "amount"}) {
      item.values[key] = value_at(fields, key, prefix + "." + key);
    }
    draft->items.push_back(std::move(item));
  }
}

void collect_extra(const Object::Ptr& order, OrderDraft* draft) {
  if (!order->has("extra")) return;
  const Object::Ptr extra = object_of(order->get("extra"));
  if (!extra) throw WrongShape{"extra", "expected an object"};
  for (const auto& [key, value] : *extra) {
    draft->extra[key] = {text_of(value, "extra." + key), "extra." + key, 0};
  }
}

OrderDraft collect(const Object::Ptr& order, const SourceRef& source) {
  OrderDraft draft;
  draft.source = source;
  for (const char* key :
       {"order_no", "contract_no", "shipment_no", "order_type", "status",
        "date", "ship_date", "department", "salesperson", "payment_terms",
        "prepayment_pct", "remarks"}) {
    draft.values[key] = value_at(order, key, key);
  }
  const char* line_key = order->has("flow") ? "flow" : "line";
  draft.values["line"] = value_at(order, line_key, line_key);

  collect_customer(order, &draft);
  collect_items(order, &draft);
  collect_extra(order, &draft);
  return draft;
}

void file_problem(const InboxSink& sink, const std::string& file,
                  const std::string& message) {
  InputProblem problem;
  problem.where = {file, 0};
  problem.message = message;
  problem.skipped = Skipped::file;
  sink.problem(std::move(problem));
}

// The order number as written, for a problem found before the draft is
// complete; empty when it is not plain text.
std::string order_no_of(const Object::Ptr& order) {
  try {
    return order->has("order_no") ? text_of(order->get("order_no"), "") : "";
  } catch (const WrongShape&) {
    return "";
  }
}

}  // namespace

void read_order_json(std::string_view text, const std::string& file,
                     const InboxSink& sink) {
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(std::string(text));
  } catch (const Poco::Exception& error) {
    file_problem(sink, file, "not valid JSON: " + error.displayText());
    return;
  }

  Array::Ptr orders = array_of(root);
  if (const Object::Ptr top = object_of(root)) {
    orders = top->has("orders") ? array_of(top->get("orders")) : nullptr;
  }
  if (!orders) {
    file_problem(sink, file,
                 "expected an array of orders, or an object with an "
                 "\"orders\" array");
    return;
  }

  const std::vector<int> lines = order_start_lines(text);
  const bool lines_known = lines.size() == orders->size();
  // An order number written twice in one file is a contradiction, as in a
  // CSV file: both copies are refused. So the file's orders are held until
  // its end.
  std::map<std::string, int> first_line_of;  // order number -> its line
  std::vector<Order> good;
  std::set<std::string> doubled;
  for (std::size_t i = 0; i < orders->size(); ++i) {
    const SourceRef source{file, lines_known ? lines[i] : 0};
    InputProblem problem;
    problem.where = source;

    const Object::Ptr order = object_of(orders->get(i));
    if (!order) {
      problem.field = "orders[" + std::to_string(i) + "]";
      problem.message = "expected an order object";
      sink.problem(std::move(problem));
      continue;
    }

    std::optional<OrderDraft> draft;
    try {
      draft = collect(order, source);
    } catch (const WrongShape& shape) {
      problem.order_no = order_no_of(order);
      problem.field = shape.field;
      problem.message = shape.message;
      sink.problem(std::move(problem));
      continue;
    }

    auto built = build_order(*draft, &problem);
    if (built) {
      const auto [first, fresh] =
          first_line_of.emplace(built->order_no, source.line);
      if (!fresh) {
        problem.order_no = built->order_no;
        problem.field = "order_no";
        problem.message = "the order number appears twice in this file";
        if (first->second > 0) {
          problem.message += " (first on line " +
                             std::to_string(first->second) +
                             "); both copies skipped";
        }
        sink.problem(std::move(problem));
        doubled.insert(built->order_no);
        continue;
      }
      good.push_back(std::move(*built));
    } else {
      sink.problem(std::move(problem));
    }
  }
  for (Order& order : good) {
    if (doubled.count(order.order_no) == 0) sink.order(std::move(order));
  }
}

}  // namespace danju
