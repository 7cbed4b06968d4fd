// Orders from CSV and JSON: what is accepted, and how each refusal is
// reported while the other orders of the file go on.
#define BOOST_TEST_MODULE input_orders
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/file_io.h"
#include "input/charset.h"
#include "input/csv_reader.h"
#include "input/field_values.h"
#include "input/inbox_reader.h"
#include "input/order_csv_reader.h"
#include "input/order_json_reader.h"

BOOST_TEST_DONT_PRINT_LOG_VALUE(danju::BusinessLine)
BOOST_TEST_DONT_PRINT_LOG_VALUE(danju::OrderStatus)
BOOST_TEST_DONT_PRINT_LOG_VALUE(danju::Skipped)

using danju::BusinessLine;
using danju::InputProblem;
using danju::Order;
using danju::OrderStatus;

namespace {

struct Collected {
  std::vector<Order> orders;
  std::vector<InputProblem> problems;

  danju::InboxSink sink() {
    danju::InboxSink sink;
    sink.order = [this](Order&& order) { orders.push_back(std::move(order)); };
    sink.payment = [](danju::Payment&&) {};
    sink.problem = [this](InputProblem&& problem) {
      problems.push_back(std::move(problem));
    };
    return sink;
  }

  const Order& order(const std::string& order_no) const {
    for (const Order& order : orders) {
      if (order.order_no == order_no) return order;
    }
    BOOST_FAIL("order " + order_no + " did not come through");
    return orders.front();
  }
};

const char* const kHeader =
    "订单号,业务线,订单类型,下单日期,业务员,客户名称,品名,数量,单价,金额\n";

// A good order on line 2 (first row of the file body) and line 4; the
// rows to test come on line 3 and after.
Collected read_csv_orders(const std::string& rows) {
  const std::string text =
      std::string(kHeader) +
      "GD-OK-1,礼品,,2026-12-04,王喆,甲公司,茶具,2,100.00,200.00\n" + rows +
      "GD-OK-1,礼品,,2026-12-04,王喆,甲公司,礼盒,1,50,\n";
  Collected collected;
  danju::read_order_csv(danju::read_csv(text), "orders.csv",
                        collected.sink());
  return collected;
}

// Reads one bad order between two good rows and returns its only problem.
InputProblem single_problem(const std::string& rows) {
  const Collected collected = read_csv_orders(rows);
  BOOST_TEST(collected.orders.size() == 1u);
  BOOST_TEST(collected.order("GD-OK-1").total().fen() == 25000);
  BOOST_REQUIRE_EQUAL(collected.problems.size(), 1u);
  return collected.problems.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(rows_of_one_order_need_not_be_next_to_each_other) {
  const Collected collected = read_csv_orders(
      "JJ-7,全屋定制,加单,2026/3/2,李建华,乙公司,衣柜,3,\"1,005.00\",\n");
  BOOST_REQUIRE_EQUAL(collected.orders.size(), 2u);
  BOOST_TEST(collected.problems.empty());

  const Order& gift = collected.orders[0];
  BOOST_TEST(gift.order_no == "GD-OK-1");
  BOOST_TEST(gift.contract_no == "HT-GD-OK-1");
  BOOST_TEST(gift.shipment_no == "FH-GD-OK-1");
  BOOST_TEST(gift.line == BusinessLine::gift);
  BOOST_TEST(gift.status == OrderStatus::confirmed);
  BOOST_TEST(gift.prepayment_pct == 30);
  BOOST_TEST(gift.order_type == "");
  BOOST_REQUIRE_EQUAL(gift.items.size(), 2u);
  BOOST_TEST(gift.items[1].name == "礼盒");
  BOOST_TEST(gift.items[1].unit_price.fen() == 5000);
  BOOST_TEST(gift.source.file == "orders.csv");
  BOOST_TEST(gift.source.line == 2);

  const Order& furniture = collected.order("JJ-7");
  BOOST_TEST(furniture.line == BusinessLine::furniture);
  BOOST_TEST(furniture.order_type == "加单");
  BOOST_TEST(furniture.date == "2026-03-02");
  BOOST_TEST(furniture.items[0].unit_price.fen() == 100500);
  BOOST_TEST(furniture.total().fen() == 301500);
  BOOST_TEST(furniture.source.line == 3);
}

BOOST_AUTO_TEST_CASE(missing_required_value) {
  const InputProblem problem = single_problem(
      "JJ-8,家具,,2026-03-02,,乙公司,衣柜,1,10,\n");
  BOOST_TEST(problem.where.file == "orders.csv");
  BOOST_TEST(problem.where.line == 3);
  BOOST_TEST(problem.order_no == "JJ-8");
  BOOST_TEST(problem.field == "业务员");
  BOOST_TEST(problem.message == "missing");
  BOOST_TEST(danju::describe(problem) ==
             "orders.csv:3: order JJ-8, field 业务员: missing; order skipped");
}

BOOST_AUTO_TEST_CASE(price_with_three_decimals_is_never_rounded) {
  const InputProblem problem = single_problem(
      "GD-2026-0107,礼品,,2026-03-02,赵敏,丙公司,徽章,1,10,\n"
      "GD-2026-0107,礼品,,2026-03-02,赵敏,丙公司,挂绳,1000,1.005,\n");
  BOOST_TEST(danju::describe(problem) ==
             "orders.csv:4: order GD-2026-0107, field 单价: more than two "
             "decimals: \"1.005\"; order skipped");
}

BOOST_AUTO_TEST_CASE(negative_price_is_refused) {
  const InputProblem problem = single_problem(
      "GD-9,礼品,,2026-03-02,赵敏,丙公司,徽章,1,-0.30,\n");
  BOOST_TEST(problem.where.line == 3);
  BOOST_TEST(problem.field == "单价");
  BOOST_TEST(problem.message == "negative amount: \"-0.30\"");
}

BOOST_AUTO_TEST_CASE(price_that_is_not_an_amount) {
  const InputProblem problem = single_problem(
      "GD-9,礼品,,2026-03-02,赵敏,丙公司,徽章,1,十元,\n");
  BOOST_TEST(problem.field == "单价");
  BOOST_TEST(problem.message == "not an amount: \"十元\"");
}

BOOST_AUTO_TEST_CASE(unknown_business_line) {
  const InputProblem problem = single_problem(
      "GD-9,房产,,2026-03-02,赵敏,丙公司,徽章,1,1,\n");
  BOOST_TEST(problem.field == "业务线");
  BOOST_TEST(problem.message.find("unknown business line: \"房产\"") == 0u);
}

BOOST_AUTO_TEST_CASE(order_number_mangled_by_excel) {
  // Two different orders became the same text; still one clear problem.
  const InputProblem problem = single_problem(
      "2.02408E+19,礼品,,2026-03-02,赵敏,丙公司,徽章,1,1,\n"
      "2.02408E+19,礼品,,2026-03-05,孙静,丁公司,奖杯,1,1,\n");
  BOOST_TEST(problem.where.line == 3);
  BOOST_TEST(problem.order_no == "2.02408E+19");
  BOOST_TEST(problem.field == "订单号");
  BOOST_TEST(problem.message.find("scientific notation by Excel") !=
             std::string::npos);
  BOOST_TEST(problem.message.find("as text") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_order_number_too_long_to_number_its_papers) {
  // 58 characters is the most: the approval form's number is SP-HT-<no>.
  const std::string longest(58, 'A');
  const Collected fits = read_csv_orders(
      longest + ",礼品,,2026-12-04,王喆,甲公司,茶具,1,1,\n");
  BOOST_TEST(fits.problems.empty());
  BOOST_TEST(fits.order(longest).contract_no == "HT-" + longest);

  const InputProblem problem = single_problem(
      std::string(59, 'A') + ",礼品,,2026-12-04,王喆,甲公司,茶具,1,1,\n");
  BOOST_TEST(problem.where.line == 3);
  BOOST_TEST(problem.field == "订单号");
  BOOST_TEST(problem.message.find("1 to 58 letters") != std::string::npos,
             problem.message);
}

BOOST_AUTO_TEST_CASE(order_field_that_differs_between_rows) {
  const InputProblem problem = single_problem(
      "GD-5,礼品,,2026-03-02,赵敏,丙公司,徽章,1,1,\n"
      "GD-5,礼品,,2026-03-02,赵敏,丙公司（上海）,奖杯,1,1,\n");
  BOOST_TEST(problem.where.line == 4);
  BOOST_TEST(problem.order_no == "GD-5");
  BOOST_TEST(problem.field == "客户名称");
  BOOST_TEST(problem.message.find("\"丙公司\" on line 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(order_fields_left_blank_on_later_rows_are_the_same) {
  // Many ERP exports fill the order's fields on its first row only.
  const Collected collected = read_csv_orders(
      "GD-8,礼品,,2026-03-02,赵敏,丙公司,徽章,2,1.50,\n"
      "GD-8,,,,,,奖杯,1,10,\n");
  BOOST_TEST(collected.problems.empty());
  BOOST_REQUIRE(collected.orders.size() == 2u);
  const Order& order = collected.order("GD-8");
  BOOST_TEST(order.customer.name == "丙公司");
  BOOST_TEST(order.salesperson == "赵敏");
  BOOST_TEST(order.items.size() == 2u);
  BOOST_TEST(order.total().fen() == 1300);
}

BOOST_AUTO_TEST_CASE(amount_that_is_not_quantity_times_price) {
  const InputProblem problem = single_problem(
      "GD-6,礼品,,2026-03-02,赵敏,丙公司,徽章,3,1.10,3.00\n");
  BOOST_TEST(problem.field == "金额");
  BOOST_TEST(problem.message ==
             "amount 3.00 is not quantity × unit price (3 × 1.10 = 3.30)");
}

BOOST_AUTO_TEST_CASE(quantity_must_be_a_positive_whole_number) {
  BOOST_TEST(single_problem("GD-6,礼品,,2026-03-02,赵敏,丙,徽章,2.5,1,\n")
                 .message == "not a whole number: \"2.5\"");
  BOOST_TEST(single_problem("GD-6,礼品,,2026-03-02,赵敏,丙,徽章,0,1,\n")
                 .message == "quantity must be positive: \"0\"");
}

BOOST_AUTO_TEST_CASE(invalid_date_and_order_type) {
  const InputProblem date = single_problem(
      "GD-6,礼品,,2026-02-30,赵敏,丙,徽章,1,1,\n");
  BOOST_TEST(date.field == "下单日期");
  BOOST_TEST(date.message.find("not a date: \"2026-02-30\"") == 0u);

  const InputProblem type = single_problem(
      "JJ-6,家具,特价单,2026-02-03,赵敏,丙,衣柜,1,1,\n");
  BOOST_TEST(type.field == "订单类型");
}

BOOST_AUTO_TEST_CASE(full_width_numbers_are_read) {
  const Collected collected = read_csv_orders(
      "GD-7,礼品,,２０２６－１２－０４,赵敏,丙,徽章,\"１，２００\","
      "\"１，２３４．５０\",\n");
  BOOST_REQUIRE(collected.problems.empty());
  const Order& order = collected.order("GD-7");
  BOOST_TEST(order.items[0].quantity == 1200);
  BOOST_TEST(order.items[0].unit_price.fen() == 123450);
  BOOST_TEST(order.date == "2026-12-04");
}

BOOST_AUTO_TEST_CASE(a_row_with_more_cells_than_the_header) {
  const InputProblem problem = single_problem(
      "GD-8,礼品,,2026-03-02,赵敏,丙,徽章,1,1,005.00,1005.00\n");
  BOOST_TEST(problem.where.line == 3);
  BOOST_TEST(problem.message.find("needs quotes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(header_without_a_required_column_skips_the_file) {
  Collected collected;
  danju::read_order_csv(danju::read_csv("订单号,业务线\nA-1,礼品\n"), "x.csv",
                        collected.sink());
  BOOST_TEST(collected.orders.empty());
  BOOST_REQUIRE_EQUAL(collected.problems.size(), 1u);
  BOOST_TEST(danju::describe(collected.problems[0]) ==
             "x.csv:1: the header lacks required columns: 下单日期, 业务员, "
             "客户名称, 品名, 数量, 单价; file skipped");
}

BOOST_AUTO_TEST_CASE(english_headers_trimmed_and_unknown_columns_ignored) {
  const std::string text =
      " order_no ,LINE,date,salesperson,customer,item_name,qty,unit_price,"
      "color,prepayment_pct,status,contract_no\n"
      "T-1,transport,46360,Li,Acme,Bus,1,100,red,50%,意向,C-9\n";
  Collected collected;
  danju::read_order_csv(danju::read_csv(text), "t.csv", collected.sink());
  BOOST_REQUIRE(collected.problems.empty());
  const Order& order = collected.order("T-1");
  BOOST_TEST(order.date == "2026-12-04");
  BOOST_TEST(order.prepayment_pct == 50);
  BOOST_TEST(order.status == OrderStatus::draft);
  BOOST_TEST(order.contract_no == "C-9");
}

BOOST_AUTO_TEST_CASE(gb18030_order_file_with_transport_extras) {
  const std::string bytes = danju::read_file(std::string(DANJU_TEST_DATA) +
                                             "/input_orders_gb18030.csv");
  Collected collected;
  danju::read_order_csv(danju::read_csv(danju::to_utf8(bytes)), "gb.csv",
                        collected.sink());
  BOOST_REQUIRE(collected.problems.empty());
  const Order& order = collected.order("KY-2026-0001");
  BOOST_TEST(order.customer.name == "𠮷祥旅游有限公司");
  BOOST_TEST(order.customer.contact == "李堃");
  BOOST_TEST(order.salesperson == "王喆");
  BOOST_TEST(order.line == BusinessLine::transport);
  BOOST_TEST(order.date == "2026-12-04");
  BOOST_TEST(order.items[0].spec == "49座, 含司机");
  BOOST_TEST(order.total().fen() == 786000);
  BOOST_TEST(order.extra.at("route") == "杭州—上海");
  BOOST_TEST(order.extra.at("vehicle_type") == "宇通ZK6127");
  BOOST_TEST(order.extra.at("headcount") == "96");
  BOOST_TEST(order.extra.count("driver") == 0u);
}

BOOST_AUTO_TEST_CASE(sample_fields_are_read_and_counts_checked) {
  const std::string text =
      "订单号,业务线,下单日期,业务员,客户名称,品名,数量,单价,材质,颜色,"
      "打样数量,样品要求,车辆数\n"
      "GD-S1,礼品,2026-12-04,王喆,甲公司,保温杯,300,58.80,304不锈钢,"
      "哑光黑,２,\"杯身激光LOGO, 礼盒烫金\",\n"
      "GD-S2,礼品,2026-12-04,王喆,乙公司,保温杯,300,58.80,304不锈钢,"
      "白,两个,,\n"
      "KY-S3,客运,2026-12-04,王喆,丙公司,包车,1,900,,,,,0\n"
      "GD-S4,礼品,2026-12-04,王喆,丁公司,保温杯,10,5,,,,,\n";
  Collected collected;
  danju::read_order_csv(danju::read_csv(text), "sample.csv",
                        collected.sink());

  BOOST_REQUIRE_EQUAL(collected.orders.size(), 2u);
  const Order& order = collected.order("GD-S1");
  BOOST_TEST(order.extra.at("material") == "304不锈钢");
  BOOST_TEST(order.extra.at("colour") == "哑光黑");
  BOOST_TEST(order.extra.at("sample_quantity") == "２");
  BOOST_TEST(order.extra.at("sample_notes") == "杯身激光LOGO, 礼盒烫金");
  // Left empty, the fields are simply absent.
  BOOST_TEST(collected.order("GD-S4").extra.empty());

  BOOST_REQUIRE_EQUAL(collected.problems.size(), 2u);
  BOOST_TEST(danju::describe(collected.problems[0]) ==
             "sample.csv:3: order GD-S2, field 打样数量: not a whole "
             "number: \"两个\"; order skipped");
  BOOST_TEST(danju::describe(collected.problems[1]) ==
             "sample.csv:4: order KY-S3, field 车辆数: quantity must be "
             "positive: \"0\"; order skipped");
}

BOOST_AUTO_TEST_CASE(json_extras_that_count_are_checked_too) {
  const std::string text = R"([
  {"order_no": "J-1", "line": "gift", "date": "2026-03-02",
   "salesperson": "赵敏", "customer": "甲公司",
   "items": [{"name": "杯", "qty": 2, "unit_price": "10"}],
   "extra": {"material": "骨瓷", "colour": "白", "sample_quantity": 3}},
  {"order_no": "J-2", "line": "transport", "date": "2026-03-02",
   "salesperson": "赵敏", "customer": "乙公司",
   "items": [{"name": "包车", "qty": 1, "unit_price": "900"}],
   "extra": {"headcount": "2.5"}}
])";
  Collected collected;
  danju::read_order_json(text, "shop.json", collected.sink());
  BOOST_REQUIRE_EQUAL(collected.orders.size(), 1u);
  BOOST_TEST(collected.order("J-1").extra.at("sample_quantity") == "3");
  BOOST_REQUIRE_EQUAL(collected.problems.size(), 1u);
  BOOST_TEST(danju::describe(collected.problems[0]) ==
             "shop.json:6: order J-2, field extra.headcount: not a whole "
             "number: \"2.5\"; order skipped");
}

BOOST_AUTO_TEST_CASE(dates_in_the_forms_people_type) {
  std::string error;
  for (const char* text : {"2026-12-04", "2026-12-4", "2026/12/04",
                           "2026.12.04", "2026年12月4日", "46360",
                           "2026/12/4 0:00", " 2026-12-04 "}) {
    const auto date = danju::parse_date(text, &error);
    BOOST_TEST((date && *date == "2026-12-04"), text << ": " << error);
  }
  BOOST_TEST(*danju::parse_date("45658", &error) == "2025-01-01");
  BOOST_TEST(*danju::parse_date("2024-02-29", &error) == "2024-02-29");
  for (const char* text : {"2026-02-30", "2025-02-29", "2026-13-01",
                           "26-12-04", "2026-12", "1234", "明天"}) {
    BOOST_TEST(!danju::parse_date(text, &error), text);
  }
}

BOOST_AUTO_TEST_CASE(json_in_the_shop_system_format) {
  const std::string path =
      std::string(DANJU_TEST_DATA) + "/input_anchor_orders.json";
  Collected collected;
  danju::read_order_json(danju::read_file(path), "anchor.json",
                         collected.sink());
  BOOST_REQUIRE(collected.problems.empty());
  BOOST_REQUIRE_EQUAL(collected.orders.size(), 2u);

  const Order& first = collected.orders[0];
  BOOST_TEST(first.order_no == "DD2026030200001");
  BOOST_TEST(first.contract_no == "HT-2026-00001");
  BOOST_TEST(first.shipment_no == "FH2026031200001");
  BOOST_TEST(first.line == BusinessLine::furniture);
  BOOST_TEST(first.order_type == "正常单");
  BOOST_TEST(first.status == OrderStatus::confirmed);
  BOOST_TEST(first.ship_date == "2026-03-12");
  BOOST_TEST(first.customer.name == "苏州嘉禾文化传媒有限公司");
  BOOST_TEST(first.customer.phone == "19318729366");
  BOOST_TEST(first.items.size() == 15u);
  BOOST_TEST(first.total().fen() == 23973300);
  BOOST_TEST(first.source.line == 9);

  const Order& second = collected.orders[1];
  BOOST_TEST(second.line == BusinessLine::gift);
  BOOST_TEST(second.items.size() == 8u);
  BOOST_TEST(second.total().fen() == 32459680);
  BOOST_TEST(second.source.line == 134);
}

BOOST_AUTO_TEST_CASE(json_prices_as_text_and_numbers) {
  const std::string text = R"([
  {"order_no": "A-1", "line": "gift", "date": "2026-03-02",
   "salesperson": "赵敏", "customer": "甲公司",
   "items": [{"name": "杯", "qty": 2, "unit_price": "1,005.00"},
             {"name": "盘", "qty": "3", "unit_price": 12.3}],
   "extra": {"route": "杭州—宁波"}},
  {"order_no": "A-2", "line": "gift", "date": "2026-03-02",
   "salesperson": "赵敏", "customer": {"name": "乙公司"},
   "items": [{"name": "杯", "qty": 1, "unit_price": 0.5},
             {"name": "盘", "qty": 1, "unit_price": 1.005}]},
  {"order_no": "A-3", "line": "gift", "date": "2026-03-02",
   "salesperson": "赵敏", "customer": {"name": "丙公司"},
   "items": [{"name": "杯", "unit_price_fen": 100}]},
  {"order_no": "A-4", "line": "gift", "date": "2026-03-02",
   "salesperson": "赵敏", "customer": {"name": ["丁"]}, "items": []}
])";
  Collected collected;
  danju::read_order_json(text, "shop.json", collected.sink());
  BOOST_REQUIRE_EQUAL(collected.orders.size(), 1u);
  const Order& order = collected.order("A-1");
  BOOST_TEST(order.items[0].unit_price.fen() == 100500);
  BOOST_TEST(order.items[1].unit_price.fen() == 1230);
  BOOST_TEST(order.items[1].quantity == 3);
  BOOST_TEST(order.extra.at("route") == "杭州—宁波");
  BOOST_TEST(order.source.line == 2);

  BOOST_REQUIRE_EQUAL(collected.problems.size(), 3u);
  BOOST_TEST(danju::describe(collected.problems[0]) ==
             "shop.json:7: order A-2, field items[1].unit_price: more than "
             "two decimals: \"1.005\"; order skipped");
  BOOST_TEST(collected.problems[1].where.line == 11);
  BOOST_TEST(collected.problems[1].field == "items[0].qty");
  BOOST_TEST(collected.problems[1].message == "missing");
  BOOST_TEST(collected.problems[2].where.line == 14);
  BOOST_TEST(collected.problems[2].field == "customer.name");
}

BOOST_AUTO_TEST_CASE(text_that_is_not_json_is_one_file_problem) {
  Collected collected;
  danju::read_order_json("{\"orders\": [", "broken.json", collected.sink());
  BOOST_REQUIRE_EQUAL(collected.problems.size(), 1u);
  BOOST_TEST(collected.problems[0].skipped == danju::Skipped::file);
  BOOST_TEST(danju::describe(collected.problems[0]).find(
                 "broken.json: not valid JSON") == 0u);
}

BOOST_AUTO_TEST_CASE(json_order_number_seen_twice_refuses_both) {
  const std::string order = R"({"order_no": "A-1", "line": "gift",
   "date": "2026-03-02", "salesperson": "赵敏", "customer": "甲",
   "items": [{"name": "杯", "qty": 1, "unit_price_fen": 100}]})";
  Collected collected;
  const std::string other = R"({"order_no": "B-1", "line": "gift",
   "date": "2026-03-02", "salesperson": "赵敏", "customer": "乙",
   "items": [{"name": "杯", "qty": 1, "unit_price_fen": 100}]})";
  danju::read_order_json("[\n" + order + ",\n" + order + ",\n" + other +
                             "\n]",
                         "dup.json", collected.sink());
  BOOST_REQUIRE_EQUAL(collected.orders.size(), 1u);
  BOOST_TEST(collected.orders[0].order_no == "B-1");
  BOOST_REQUIRE_EQUAL(collected.problems.size(), 1u);
  BOOST_TEST(danju::describe(collected.problems[0]) ==
             "dup.json:5: order A-1, field order_no: the order number "
             "appears twice in this file (first on line 2); both copies "
             "skipped; order skipped");
}
