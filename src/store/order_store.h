// 订单 orders and 收款 payments as the database keeps them.
//
// Each order number has versions 1, 2, ...: saving an order whose content
// differs from its latest version adds a version; saving the same content
// again changes nothing. Payments are kept once each, however often finance
// exports them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/order.h"
#include "store/database.h"

namespace danju {

struct StoredOrder {
  Order order;
  int version = 0;
  std::string content_hash;
};

enum class SaveOutcome { new_order, new_version, unchanged };

class OrderStore {
 public:
  explicit OrderStore(Database& db) : db_(db) {}

  // Saves the order as its next version unless the latest version has the
  // same content. Sets *version to the version that now holds this content.
  // Call inside a Transaction.
  SaveOutcome save(const Order& order, std::int64_t run_id,
                   const std::string& now, int* version);

  // The latest version of an order, or nothing.
  std::optional<StoredOrder> latest(const std::string& order_no);
  // One version of an order, or nothing.
  std::optional<StoredOrder> version(const std::string& order_no,
                                     int version);

  // Numbers of all orders dated on or before the date, in order.
  std::vector<std::string> orders_dated_up_to(const std::string& date);

  // Records a payment; false when it was already recorded.
  bool add_payment(const Payment& payment, const std::string& now);

  // Total of the order's payments received on or before the date.
  Money received(const std::string& order_no, const std::string& up_to_date);

 private:
  Database& db_;
};

}  // namespace danju
