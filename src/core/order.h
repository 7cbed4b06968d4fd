// The order: what sales exports and everything downstream works from.
//
// An Order is plain data, already validated: every amount is Money, every
// identifier has passed the checks in core/identifier.h. Readers in input/
// build it; the store keeps versions of it; rules decide what it is due;
// render turns it into documents.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/money.h"

namespace danju {

// Where a record came from, for messages to the operator.
struct SourceRef {
  std::string file;  // path as the operator knows it
  int line = 0;      // 1-based line of the record's first row; 0 if unknown
};

// 业务线: each line of business has its own templates and approval chains.
enum class BusinessLine { gift, furniture, transport };

// "gift", "furniture", "transport" (the job file's and templates' words).
const char* business_line_name(BusinessLine line);
// Accepts the English word or 礼品/家具/全屋定制/客运/货运/运输; false if unknown.
bool parse_business_line(const std::string& text, BusinessLine* out);

// How far the order has come, as sales records it (the payments are read
// from finance's file, not from here).
enum class OrderStatus {
  draft,             // 意向: not yet confirmed, due nothing
  confirmed,         // 已确认: the customer agreed; a contract is due
  sample_confirmed,  // 样品已确认: the customer confirmed the sample in writing
};
const char* order_status_name(OrderStatus status);
bool parse_order_status(const std::string& text, OrderStatus* out);

struct Customer {
  std::string name;
  std::string contact;
  std::string phone;
  std::string address;
};

struct LineItem {
  std::string name;  // 品名
  std::string spec;  // 规格
  std::string unit;  // 单位
  std::int64_t quantity = 0;
  Money unit_price;
  Money amount() const { return unit_price * quantity; }
};

// 附加字段: the fields of one business line that the others lack, by the
// key an order's extra map and the templates ({order.extra.KEY}) use and
// the column header an export gives them. Only these keys are known.
struct ExtraField {
  const char* key;      // "route"
  const char* chinese;  // "线路"
};
const std::vector<ExtraField>& order_extra_fields();
bool is_order_extra_field(const std::string& key);

struct Order {
  std::string order_no;     // checked identifier, unique per order
  std::string contract_no;  // checked identifier; derived if not given
  std::string shipment_no;  // checked identifier; derived if not given
  BusinessLine line = BusinessLine::gift;
  std::string order_type;  // furniture: 正常单/加单/补单/更改单/维修单
  OrderStatus status = OrderStatus::draft;
  std::string date;       // order date, YYYY-MM-DD
  std::string ship_date;  // agreed delivery date, YYYY-MM-DD, may be empty
  std::string department;
  std::string salesperson;
  Customer customer;
  std::string payment_terms;
  int prepayment_pct = 30;
  std::string remarks;
  std::vector<LineItem> items;
  // Values of the extra fields (order_extra_fields()) the order has.
  std::map<std::string, std::string> extra;
  SourceRef source;

  Money total() const;
  Money prepayment_due() const { return total().percent(prepayment_pct); }
};

// 收款: a payment finance recorded against an order.
enum class PaymentKind { prepayment, balance };
const char* payment_kind_name(PaymentKind kind);

struct Payment {
  std::string order_no;
  PaymentKind kind = PaymentKind::prepayment;
  Money amount;
  std::string date;       // YYYY-MM-DD received
  std::string reference;  // finance's voucher number, may be empty
  SourceRef source;
};

}  // namespace danju
