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

const std::vector<ExtraField>& order_extra_fields() {
  static const std::vector<ExtraField> fields = {
      // Transport: the trip.
      {"route", "线路"},
      {"origin", "出发地"},
      {"destination", "目的地"},
      {"service_time", "用车时间"},
      {"headcount", "人数"},
      {"vehicle_type", "车型"},
      {"vehicle_count", "车辆数"},
      {"driver", "司机"},
      // Gift: the sample.
      {"material", "材质"},
      {"colour", "颜色"},
      {"sample_quantity", "打样数量"},
      {"sample_notes", "样品要求"},
      // Furniture: the measuring on site (现场测量) the drawings rest on.
      {"measured_by", "测量人"},
      {"measure_date", "测量日期"},
      {"drawing_no", "图纸编号"},
      // Any line: who stands guarantee for an order without prepayment.
      {"guarantor", "担保人"},
      {"guarantee", "担保金额"},
  };
  return fields;
}

bool is_order_extra_field(const std::string& key) {
  for (const ExtraField& field : order_extra_fields()) {
    if (key == field.key) return true;
  }
  return false;
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
