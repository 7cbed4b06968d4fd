// Reading one field value of an order or payment file, as people type it.
//
// Each function takes the text of a cell or JSON value and returns the
// value, or nothing with *error set to a short reason written for the
// operator ("not a date: \"2026-02-30\""); the reader adds file, line, order
// and field. Full-width digits and punctuation are accepted everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/order.h"

namespace danju {

// A date as YYYY-MM-DD. Accepted: 2026-12-04, 2026-12-4, 2026/12/04,
// 2026.12.04, 2026年12月4日, those followed by a time of day (which is
// dropped), and an Excel serial day number of five digits (1900 date
// system: 46360 is 2026-12-04). Days that do not exist (2026-02-30) are
// refused.
std::optional<std::string> parse_date(std::string_view text,
                                      std::string* error);

// A positive whole number of pieces: "12", "1,200", "１２", "3.00".
std::optional<std::int64_t> parse_quantity(std::string_view text,
                                           std::string* error);

// A whole percentage from 0 to 100: "30", "30%", "３０％".
std::optional<int> parse_percent(std::string_view text, std::string* error);

// True when text may be used as an order, contract or shipment number (see
// core/identifier.h). A number Excel turned into scientific notation
// ("2.02408E+19") gets a message that says so and what to do.
// The message names at most `longest` characters (a number the papers'
// numbers are made from must leave room for their prefix).
bool check_document_number(std::string_view text, std::string* error,
                           std::size_t longest = 64);

// 订单类型 of a furniture order: 正常单 (also the default when text is
// empty), 加单, 补单, 更改单, 维修单, or their English words normal, add_on,
// replenishment, change, repair; returned in Chinese. The other lines of
// business have no fixed list; their text is returned as it is.
std::optional<std::string> parse_order_type(BusinessLine line,
                                            std::string_view text,
                                            std::string* error);

// 款项类型: 预付款/定金/prepayment/deposit, or 尾款/余款/全款/balance.
std::optional<PaymentKind> parse_payment_kind(std::string_view text,
                                              std::string* error);

}  // namespace danju
