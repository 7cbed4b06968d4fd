#include "core/order.h"

namespace danju {

const char* business_line_name(BusinessLine line) {
  switch (line) {
    case BusinessLine::gift: return "gift";
    case BusinessLine::furniture: return "furniture";
    case BusinessLine::transport: return "transport";
  }
  return "gift";
}

bool parse_business_line(const std::string& text, BusinessLine* out) {
  static const std::map<std::string, BusinessLine> names = {
      {"gift", BusinessLine::gift},           {"礼品", BusinessLine::gift},
      {"礼品定制", BusinessLine::gift},       {"furniture", BusinessLine::furniture},
      {"家具", BusinessLine::furniture},      {"全屋定制", BusinessLine::furniture},
      {"transport", BusinessLine::transport}, {"客运", BusinessLine::transport},
      {"货运", BusinessLine::transport},      {"运输", BusinessLine::transport},
      {"定制客运", BusinessLine::transport},
  };
  const auto found = names.find(text);
  if (found == names.end()) return false;
  *out = found->second;
  return true;
}

const char* order_status_name(OrderStatus status) {
  switch (status) {
    case OrderStatus::draft: return "draft";
    case OrderStatus::confirmed: return "confirmed";
    case OrderStatus::sample_confirmed: return "sample_confirmed";
  }
  return "draft";
}

bool parse_order_status(const std::string& text, OrderStatus* out) {
  static const std::map<std::string, OrderStatus> names = {
      {"draft", OrderStatus::draft},
      {"new", OrderStatus::draft},
      {"意向", OrderStatus::draft},
      {"新建", OrderStatus::draft},
      {"confirmed", OrderStatus::confirmed},
      {"已确认", OrderStatus::confirmed},
      {"确认", OrderStatus::confirmed},
      {"sample_confirmed", OrderStatus::sample_confirmed},
      {"样品已确认", OrderStatus::sample_confirmed},
      {"已确认样品", OrderStatus::sample_confirmed},
  };
  const auto found = names.find(text);
  if (found == names.end()) return false;
  *out = found->second;
  return true;
}

const char* payment_kind_name(PaymentKind kind) {
  return kind == PaymentKind::prepayment ? "prepayment" : "balance";
}

Money Order::total() const {
  Money sum;
  for (const LineItem& item : items) sum += item.amount();
  return sum;
}

}  // namespace danju
