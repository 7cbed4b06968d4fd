#include "rules/required_fields.h"

namespace danju {

std::vector<RequiredField> required_fields(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::sample_request:
      return {{"material", "材质"}, {"colour", "颜色"}};
    case DocumentKind::dispatch_sheet:
      return {{"origin", "出发地"},
              {"destination", "目的地"},
              {"service_time", "用车时间"},
              {"vehicle_type", "车型"}};
    default:
      return {};
  }
}

std::string missing_field(const Order& order, DocumentKind kind) {
  for (const RequiredField& field : required_fields(kind)) {
    const auto found = order.extra.find(field.key);
    if (found == order.extra.end() || found->second.empty()) {
      return std::string("field ") + field.title + " (" + field.key +
             "): missing";
    }
  }
  return "";
}

}  // namespace danju
