#include "render/field_values.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/paper_code.h"
#include "core/text.h"
#include "render/chinese_date.h"
#include "render/document_renderer.h"

namespace danju {

namespace {

const std::set<std::string>& document_names() {
  static const std::set<std::string> names = {
      "company.name", "company.address", "company.phone", "company.tax_id",
      "company.bank", "company.account",
      "customer.name", "customer.contact", "customer.phone",
      "customer.address",
      "order.order_no", "order.contract_no", "order.shipment_no",
      "order.line", "order.type", "order.date", "order.ship_date",
      "order.department", "order.salesperson", "order.payment_terms",
      "order.prepayment_pct", "order.prepayment",
      "order.prepayment_capitals", "order.prepaid", "order.balance",
      "order.balance_capitals", "order.remarks", "order.total",
      "order.total_plain", "order.total_capitals", "order.item_count",
      "order.total_quantity", "order.items_summary",
      "document.no", "document.date", "document.version", "document.title",
      "document.code",
      "copy.no", "copy.count", "copy.label"};
  return names;
}

const std::set<std::string>& item_names() {
  static const std::set<std::string> names = {
      "item.no", "item.name", "item.spec", "item.unit", "item.quantity",
      "item.unit_price", "item.amount"};
  return names;
}

const std::set<std::string>& approval_names() {
  static const std::set<std::string> names = {
      "approval.title", "approval.approver", "approval.decision",
      "approval.time"};
  return names;
}

const char kExtraPrefix[] = "order.extra.";

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

bool known(const std::string& name, unsigned scopes) {
  if (scopes & kDocumentScope) {
    if (document_names().count(name)) return true;
    if (name.rfind(kExtraPrefix, 0) == 0 &&
        is_order_extra_field(name.substr(sizeof(kExtraPrefix) - 1))) {
      return true;
    }
  }
  if ((scopes & kItemScope) && item_names().count(name)) return true;
  if ((scopes & kApprovalScope) && approval_names().count(name)) return true;
  if ((scopes & kPageScope) && (name == "page.no" || name == "page.count")) {
    return true;
  }
  return false;
}

// Walks text, calling literal(piece) and placeholder(name) in order.
// Returns an empty string, or what is wrong with the braces.
template <typename Literal, typename Placeholder>
std::string scan(std::string_view text, Literal literal,
                 Placeholder placeholder) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      literal(std::string_view("{"));
      i += 2;
      continue;
    }
    if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      literal(std::string_view("}"));
      i += 2;
      continue;
    }
    if (c == '}') return "a '}' closes no placeholder (write }} for a brace)";
    if (c != '{') {
      const std::size_t next = text.find_first_of("{}", i);
      const std::size_t end = next == std::string_view::npos ? text.size()
                                                              : next;
      literal(text.substr(i, end - i));
      i = end;
      continue;
    }

    std::size_t end = i + 1;
    while (end < text.size() && is_name_char(text[end])) ++end;
    if (end == text.size() || text[end] != '}' || end == i + 1) {
      // {order.extra.Vehicle_type}: a name, but not written as one.
      const std::size_t close = text.find('}', i + 1);
      const std::size_t open = text.find('{', i + 1);
      if (close != std::string_view::npos && close > i + 1 &&
          close - i <= 64 && (open == std::string_view::npos || open > close)) {
        return "{" + std::string(text.substr(i + 1, close - i - 1)) +
               "} is no placeholder: names are written in a-z, 0-9, '_' "
               "and '.', such as {customer.name} or {order.extra.route} "
               "(write {{ for a brace)";
      }
      return "a '{' starts no placeholder such as {customer.name} "
             "(write {{ for a brace)";
    }
    placeholder(std::string(text.substr(i + 1, end - i - 1)));
    i = end + 1;
  }
  return "";
}

std::string scope_hint(const std::string& name) {
  if (name.rfind(kExtraPrefix, 0) == 0) {
    std::string keys;
    for (const ExtraField& field : order_extra_fields()) {
      keys += keys.empty() ? "" : ", ";
      keys += field.key;
    }
    return " (the extra fields are " + keys + ")";
  }
  if (name.rfind("item.", 0) == 0) {
    return " (item fields are known only in the columns of an items block)";
  }
  if (name.rfind("approval.", 0) == 0) {
    return " (approval fields are known only in an approvals block)";
  }
  if (name.rfind("page.", 0) == 0) {
    return " (page numbers are known only in the header and footer)";
  }
  return "";
}

std::string integer_text(std::int64_t n) {
  // Thousands separators as on the forms: 1,500.
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  const int lead = static_cast<int>(digits.size()) % 3;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k != 0 && (static_cast<int>(k) - lead) % 3 == 0) out += ',';
    out += digits[k];
  }
  return n < 0 ? "-" + out : out;
}

// Text typed by people may hold line breaks (Alt+Enter in Excel), tabs and
// other control characters that no font draws: each run of CR/LF/TAB
// becomes one space, and other control characters are dropped, so a field
// prints on its line and wraps only where the layout wraps it.
FieldValue text_value(const std::string& text) {
  FieldValue v;
  for (char c : one_line(text)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7F) v.text.push_back(c);
  }
  return v;
}

FieldValue money_value(Money amount, bool with_symbol) {
  FieldValue v;
  v.text = with_symbol ? format_yuan(amount) : format_plain(amount);
  v.number = FieldValue::Number::money;
  v.amount = amount.fen();
  return v;
}

FieldValue integer_value(std::int64_t n) {
  FieldValue v;
  v.text = integer_text(n);
  v.number = FieldValue::Number::integer;
  v.amount = n;
  return v;
}

// Capitals of an amount; a negative amount (a credit note) gets 负.
std::string capitals_of(Money amount) {
  if (amount.negative()) return "负" + rmb_capitals(Money(-amount.fen()));
  return rmb_capitals(amount);
}

std::string date_or_throw(const std::string& date, const std::string& field) {
  const auto text = chinese_date(date);
  if (!text) {
    throw RenderError(field + ": date \"" + date +
                      "\" is not written as YYYY-MM-DD");
  }
  return *text;
}

const char* line_title(BusinessLine line) {
  switch (line) {
    case BusinessLine::gift: return "礼品定制";
    case BusinessLine::furniture: return "全屋定制";
    case BusinessLine::transport: return "定制运输";
  }
  return "";
}

}  // namespace

std::string literal_text(std::string_view text) {
  std::string out;
  scan(
      text, [&](std::string_view piece) { out += piece; },
      [](const std::string&) {});
  return out;
}

void check_placeholders(const std::string& text, unsigned scopes,
                        const std::string& file, int line) {
  std::string unknown;
  const std::string broken = scan(
      text, [](std::string_view) {},
      [&](const std::string& name) {
        if (unknown.empty() && !known(name, scopes)) unknown = name;
      });
  const std::string where = file + ":" + std::to_string(line) + ": ";
  if (!broken.empty()) throw TemplateError(where + broken);
  if (!unknown.empty()) {
    throw TemplateError(where + "unknown placeholder {" + unknown + "}" +
                        scope_hint(unknown));
  }
}

std::vector<std::string> placeholder_names(std::string_view text) {
  std::vector<std::string> names;
  scan(text, [](std::string_view) {},
       [&](const std::string& name) { names.push_back(name); });
  return names;
}

bool is_single_placeholder(std::string_view text, std::string* name) {
  if (text.size() < 3 || text.front() != '{' || text.back() != '}') {
    return false;
  }
  const auto inner = text.substr(1, text.size() - 2);
  if (!std::all_of(inner.begin(), inner.end(), is_name_char)) return false;
  *name = std::string(inner);
  return true;
}

std::string missing_glyph_message(const std::string& field,
                                  char32_t code_point) {
  std::string shown;
  append_utf8(shown, code_point);
  return field + ": character " + code_point_name(code_point) + " (" + shown +
         ") is in none of the configured fonts";
}

FieldValues::FieldValues(const DocumentRequest& request)
    : request_(&request),
      document_date_(date_or_throw(request.date, "document.date")) {}

void FieldValues::set_item(const LineItem* item, int number) {
  item_ = item;
  item_number_ = number;
}

void FieldValues::set_approval(const ApprovalBox* box) { approval_ = box; }

void FieldValues::set_page(int number, int count) {
  page_number_ = number;
  page_count_ = count;
}

void FieldValues::set_copy(int number, int count, const std::string& label) {
  copy_number_ = number;
  copy_count_ = count;
  copy_label_ = label;
}

FieldValue FieldValues::value(const std::string& name) const {
  const Order& order = *request_->order;
  const Company& company = *request_->company;
  const Customer& customer = order.customer;

  if (name.rfind(kExtraPrefix, 0) == 0) {
    const auto found = order.extra.find(name.substr(sizeof(kExtraPrefix) - 1));
    return text_value(found == order.extra.end() ? "" : found->second);
  }

  if (name.rfind("item.", 0) == 0) {
    if (item_ == nullptr) return FieldValue{};
    if (name == "item.no") return integer_value(item_number_);
    if (name == "item.name") return text_value(item_->name);
    if (name == "item.spec") return text_value(item_->spec);
    if (name == "item.unit") return text_value(item_->unit);
    if (name == "item.quantity") return integer_value(item_->quantity);
    if (name == "item.unit_price") return money_value(item_->unit_price, false);
    if (name == "item.amount") return money_value(item_->amount(), false);
  }

  if (name.rfind("approval.", 0) == 0) {
    if (approval_ == nullptr) return FieldValue{};
    if (name == "approval.title") return text_value(approval_->title);
    if (name == "approval.approver") return text_value(approval_->approver);
    if (name == "approval.decision") return text_value(approval_->decision);
    if (name == "approval.time") return text_value(approval_->decided_at);
  }

  if (name == "page.no") return integer_value(page_number_);
  if (name == "page.count") return integer_value(page_count_);
  if (name == "copy.no") return integer_value(copy_number_);
  if (name == "copy.count") return integer_value(copy_count_);
  if (name == "copy.label") return text_value(copy_label_);

  if (name == "company.name") return text_value(company.name);
  if (name == "company.address") return text_value(company.address);
  if (name == "company.phone") return text_value(company.phone);
  if (name == "company.tax_id") return text_value(company.tax_id);
  if (name == "company.bank") return text_value(company.bank);
  if (name == "company.account") return text_value(company.account);

  if (name == "customer.name") return text_value(customer.name);
  if (name == "customer.contact") return text_value(customer.contact);
  if (name == "customer.phone") return text_value(customer.phone);
  if (name == "customer.address") return text_value(customer.address);

  if (name == "document.no") return text_value(request_->document_no);
  if (name == "document.date") return text_value(document_date_);
  if (name == "document.version") return integer_value(request_->version);
  if (name == "document.title") {
    return text_value(document_kind_title(request_->kind));
  }
  if (name == "document.code") {
    if (request_->content_hash.empty()) {
      throw RenderError("document.code: the request carries no content "
                        "hash, so the paper code cannot be printed");
    }
    try {
      return text_value(paper_code_text(request_->document_no,
                                        request_->version,
                                        request_->content_hash));
    } catch (const std::invalid_argument& e) {
      throw RenderError(std::string("document.code: ") + e.what());
    }
  }

  if (name == "order.order_no") return text_value(order.order_no);
  if (name == "order.contract_no") return text_value(order.contract_no);
  if (name == "order.shipment_no") return text_value(order.shipment_no);
  if (name == "order.line") return text_value(line_title(order.line));
  if (name == "order.type") return text_value(order.order_type);
  if (name == "order.date") {
    return text_value(date_or_throw(order.date, "order.date"));
  }
  if (name == "order.ship_date") {
    return text_value(date_or_throw(order.ship_date, "order.ship_date"));
  }
  if (name == "order.department") return text_value(order.department);
  if (name == "order.salesperson") return text_value(order.salesperson);
  if (name == "order.payment_terms") return text_value(order.payment_terms);
  if (name == "order.prepayment_pct") {
    return integer_value(order.prepayment_pct);
  }
  if (name == "order.prepayment") {
    return money_value(order.prepayment_due(), true);
  }
  if (name == "order.prepayment_capitals") {
    return text_value(capitals_of(order.prepayment_due()));
  }
  if (name == "order.prepaid") return money_value(request_->prepaid, true);
  if (name == "order.balance") {
    return money_value(order.total() - request_->prepaid, true);
  }
  if (name == "order.balance_capitals") {
    return text_value(capitals_of(order.total() - request_->prepaid));
  }
  if (name == "order.remarks") return text_value(order.remarks);
  if (name == "order.total") return money_value(order.total(), true);
  if (name == "order.total_plain") return money_value(order.total(), false);
  if (name == "order.total_capitals") {
    return text_value(capitals_of(order.total()));
  }
  if (name == "order.item_count") {
    return integer_value(static_cast<std::int64_t>(order.items.size()));
  }
  if (name == "order.total_quantity") {
    std::int64_t sum = 0;
    for (const auto& item : order.items) sum += item.quantity;
    return integer_value(sum);
  }
  if (name == "order.items_summary") {
    // 合同主要内容: each item with its spec and quantity, then the count;
    // a long order names its first items only, so the form stays one page
    // (the full list is in the contract).
    constexpr std::size_t kNamed = 12;
    std::string summary;
    for (std::size_t i = 0; i < order.items.size() && i < kNamed; ++i) {
      const auto& item = order.items[i];
      if (!summary.empty()) summary += "、";
      summary += item.name;
      if (!item.spec.empty()) summary += "（" + item.spec + "）";
      summary += integer_text(item.quantity) + item.unit;
    }
    if (order.items.size() > kNamed) summary += "等";
    summary += "，共" + std::to_string(order.items.size()) + "项";
    return text_value(summary);
  }
  return FieldValue{};
}

std::string FieldValues::expand(const std::string& text,
                                const FontSet* fonts) const {
  std::string out;
  scan(
      text, [&](std::string_view piece) { out += piece; },
      [&](const std::string& name) {
        const FieldValue v = value(name);
        if (fonts != nullptr) {
          const char32_t missing = fonts->first_missing(v.text);
          if (missing != 0) {
            throw RenderError(missing_glyph_message(name, missing));
          }
        }
        out += v.text;
      });
  return out;
}

}  // namespace danju
