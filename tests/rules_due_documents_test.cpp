// What an order is due, stage by stage.
#define BOOST_TEST_MODULE rules_due_documents
#include <boost/test/unit_test.hpp>

#include "rules/due_documents.h"

using namespace danju;

namespace {

Order order_at(OrderStatus status) {
  Order order;
  order.status = status;
  order.items.push_back({"定制保温杯", "", "只", 10, Money(10000)});
  return order;
}

std::vector<DocumentKind> due(OrderStatus status, std::int64_t received) {
  return due_documents(order_at(status), {Money(received)});
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_draft_is_due_nothing) {
  BOOST_TEST(due(OrderStatus::draft, 100000).empty());
}

BOOST_AUTO_TEST_CASE(a_confirmed_order_gets_contract_and_approval_form) {
  const auto kinds = due(OrderStatus::confirmed, 0);
  BOOST_REQUIRE(kinds.size() == 2u);
  BOOST_TEST((kinds[0] == DocumentKind::contract));
  BOOST_TEST((kinds[1] == DocumentKind::contract_approval));
}

BOOST_AUTO_TEST_CASE(a_confirmed_sample_adds_the_order_sheet) {
  const auto kinds = due(OrderStatus::sample_confirmed, 30000);
  BOOST_REQUIRE(kinds.size() == 3u);
  BOOST_TEST((kinds[2] == DocumentKind::order_sheet));
}

BOOST_AUTO_TEST_CASE(the_shipment_note_waits_for_the_whole_amount) {
  BOOST_TEST(due(OrderStatus::sample_confirmed, 99999).size() == 3u);
  const auto kinds = due(OrderStatus::sample_confirmed, 100000);
  BOOST_REQUIRE(kinds.size() == 4u);
  BOOST_TEST((kinds[3] == DocumentKind::shipment_note));
  BOOST_TEST(due(OrderStatus::confirmed, 120000).size() == 3u);
}

BOOST_AUTO_TEST_CASE(only_forms_and_order_sheets_have_chains) {
  BOOST_TEST(needs_approval(DocumentKind::contract_approval));
  BOOST_TEST(needs_approval(DocumentKind::order_sheet));
  BOOST_TEST(!needs_approval(DocumentKind::contract));
  BOOST_TEST(!needs_approval(DocumentKind::shipment_note));
}
