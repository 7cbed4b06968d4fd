// Orders as the database keeps them: one canonical JSON text per version.
//
// The same order always encodes to the same text (keys sorted, amounts in
// 分), so its SHA-256 tells a re-exported but unchanged order from a changed
// one. Where a record came from (SourceRef) is not part of the content.
#pragma once

#include <string>

#include "core/order.h"

namespace danju {

std::string encode_order(const Order& order);

// Throws std::runtime_error when the text is not an encoded order.
Order decode_order(const std::string& text);

}  // namespace danju
