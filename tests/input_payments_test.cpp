// Finance's payment file: one payment per row, broken rows reported alone.
#define BOOST_TEST_MODULE input_payments
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "input/csv_reader.h"
#include "input/inbox_reader.h"
#include "input/payment_csv_reader.h"

BOOST_TEST_DONT_PRINT_LOG_VALUE(danju::PaymentKind)
BOOST_TEST_DONT_PRINT_LOG_VALUE(danju::Skipped)

using danju::InputProblem;
using danju::Payment;
using danju::PaymentKind;

namespace {

struct Collected {
  std::vector<Payment> payments;
  std::vector<InputProblem> problems;
};

Collected read_payments(const std::string& text) {
  Collected collected;
  danju::InboxSink sink;
  sink.order = [](danju::Order&&) {};
  sink.payment = [&](Payment&& payment) {
    collected.payments.push_back(std::move(payment));
  };
  sink.problem = [&](InputProblem&& problem) {
    collected.problems.push_back(std::move(problem));
  };
  danju::read_payment_csv(danju::read_csv(text), "payments.csv", sink);
  return collected;
}

}  // namespace

BOOST_AUTO_TEST_CASE(payment_header_is_recognised) {
  BOOST_TEST(danju::is_payment_header({"订单号", " 款项类型 ", "金额"}));
  BOOST_TEST(danju::is_payment_header({"order_no", "Payment_Kind"}));
  BOOST_TEST(danju::is_payment_header({"订单号", "款项"}));
  BOOST_TEST(!danju::is_payment_header({"订单号", "金额", "品名"}));
}

BOOST_AUTO_TEST_CASE(kinds_amounts_and_dates) {
  const Collected collected = read_payments(
      "订单号,款项类型,金额,到账日期,凭证号\n"
      "GD-1,预付款,\"3,000.00\",2026/3/5,PZ-001\n"
      "GD-1,尾款,７０００,2026年3月20日,\n"
      "GD-2,定金,500,46360,\n"
      "GD-3,全款,1.5,2026-03-21,PZ-9\n");
  BOOST_TEST(collected.problems.empty());
  BOOST_REQUIRE_EQUAL(collected.payments.size(), 4u);

  const Payment& first = collected.payments[0];
  BOOST_TEST(first.order_no == "GD-1");
  BOOST_TEST(first.kind == PaymentKind::prepayment);
  BOOST_TEST(first.amount.fen() == 300000);
  BOOST_TEST(first.date == "2026-03-05");
  BOOST_TEST(first.reference == "PZ-001");
  BOOST_TEST(first.source.file == "payments.csv");
  BOOST_TEST(first.source.line == 2);

  BOOST_TEST(collected.payments[1].kind == PaymentKind::balance);
  BOOST_TEST(collected.payments[1].amount.fen() == 700000);
  BOOST_TEST(collected.payments[1].date == "2026-03-20");
  BOOST_TEST(collected.payments[2].kind == PaymentKind::prepayment);
  BOOST_TEST(collected.payments[2].date == "2026-12-04");
  BOOST_TEST(collected.payments[3].kind == PaymentKind::balance);
  BOOST_TEST(collected.payments[3].amount.fen() == 150);
}

BOOST_AUTO_TEST_CASE(each_broken_row_is_one_problem_and_skipped_alone) {
  const Collected collected = read_payments(
      "order_no,kind,amount,date,reference\n"
      "GD-1,prepayment,100,2026-03-05,\n"
      "GD-2,尾款,-0.30,2026-03-05,\n"
      "GD-3,尾款,0,2026-03-05,\n"
      "GD-4,退款,10,2026-03-05,\n"
      "GD-5,尾款,10,,\n"
      "2.02408E+19,尾款,10,2026-03-05,\n"
      "GD-6,balance,1.005,2026-03-05,\n"
      "GD-7,balance,20,2026-03-06,\n");
  BOOST_REQUIRE_EQUAL(collected.payments.size(), 2u);
  BOOST_TEST(collected.payments[0].order_no == "GD-1");
  BOOST_TEST(collected.payments[1].order_no == "GD-7");

  const auto& problems = collected.problems;
  BOOST_REQUIRE_EQUAL(problems.size(), 6u);
  BOOST_TEST(danju::describe(problems[0]) ==
             "payments.csv:3: order GD-2, field amount: negative amount: "
             "\"-0.30\"; payment skipped");
  BOOST_TEST(problems[1].message == "a payment must be more than zero");
  BOOST_TEST(problems[2].field == "kind");
  BOOST_TEST(problems[2].where.line == 5);
  BOOST_TEST(problems[3].field == "date");
  BOOST_TEST(problems[3].message == "missing");
  BOOST_TEST(problems[4].field == "order_no");
  BOOST_TEST(problems[4].message.find("scientific notation") !=
             std::string::npos);
  BOOST_TEST(problems[5].message == "more than two decimals: \"1.005\"");
  for (const InputProblem& problem : problems) {
    BOOST_TEST(problem.skipped == danju::Skipped::payment);
  }
}

BOOST_AUTO_TEST_CASE(header_without_amount_skips_the_file) {
  const Collected collected =
      read_payments("订单号,款项类型,到账日期\nGD-1,尾款,2026-03-05\n");
  BOOST_TEST(collected.payments.empty());
  BOOST_REQUIRE_EQUAL(collected.problems.size(), 1u);
  BOOST_TEST(danju::describe(collected.problems[0]) ==
             "payments.csv:1: the header lacks required columns: 金额; "
             "file skipped");
}
