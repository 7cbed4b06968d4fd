// The order fields a paper cannot do without. A sample request that does
// not say the material and colour tells production nothing; a dispatch
// sheet without where and when sends the driver nowhere. Such a paper is
// not made, and the order is reported, until a re-export fills the field.
#pragma once

#include <string>
#include <vector>

#include "core/document_kind.h"
#include "core/order.h"

namespace danju {

// One field of Order::extra, with its column name in sales' exports.
struct RequiredField {
  const char* key;    // Order::extra key, as templates name it
  const char* title;  // 材质: the CSV column
};

// The extra fields the kind needs; empty for kinds that need none.
std::vector<RequiredField> required_fields(DocumentKind kind);

// The first required field of the kind that the order leaves empty, as
// "field 材质 (material): missing"; empty when none is.
std::string missing_field(const Order& order, DocumentKind kind);

}  // namespace danju
