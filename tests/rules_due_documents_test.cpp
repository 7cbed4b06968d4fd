// What an order is due, stage by stage.
#define BOOST_TEST_MODULE rules_due_documents
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "rules/due_documents.h"
#include "rules/required_fields.h"

using namespace danju;

namespace {

Order order_at(OrderStatus status, BusinessLine line = BusinessLine::gift) {
  Order order;
  order.line = line;
  order.status = status;
  order.items.push_back({"定制保温杯", "", "只", 10, Money(10000)});
  return order;
}

// Due with the contract of this version approved.
std::vector<DocumentKind> due(OrderStatus status, std::int64_t received) {
  return due_documents(order_at(status), {Money(received), true});
}

bool has(const std::vector<DocumentKind>& kinds, DocumentKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// The order's total is 1,000.00 and its 30% share 300.00.
std::vector<DocumentKind> gift_due(OrderStatus status, std::int64_t received,
                                   bool contract_approved) {
  OrderStanding standing{Money(received), contract_approved};
  return due_documents(order_at(status), standing);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_draft_is_due_nothing) {
  BOOST_TEST(due(OrderStatus::draft, 100000).empty());
  BOOST_TEST(due_documents(order_at(OrderStatus::draft,
                                    BusinessLine::transport),
                           {Money(100000), true})
                 .empty());
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

BOOST_AUTO_TEST_CASE(the_order_sheet_waits_for_the_approved_contract) {
  // An export that already says the sample was confirmed, for an order
  // version whose contract is still in its chain: production is not asked
  // for before the contract may be signed.
  const auto waiting = gift_due(OrderStatus::sample_confirmed, 30000, false);
  BOOST_TEST(!has(waiting, DocumentKind::order_sheet));
  BOOST_TEST(has(waiting, DocumentKind::contract_approval));
  BOOST_TEST(has(gift_due(OrderStatus::sample_confirmed, 30000, true),
                 DocumentKind::order_sheet));
  for (BusinessLine line : {BusinessLine::furniture, BusinessLine::transport}) {
    const Order order = order_at(OrderStatus::sample_confirmed, line);
    BOOST_TEST(!has(due_documents(order, {Money(30000), false}),
                    DocumentKind::order_sheet));
  }
}

BOOST_AUTO_TEST_CASE(shipment_note_and_receipt_wait_for_the_whole_amount) {
  BOOST_TEST(due(OrderStatus::sample_confirmed, 99999).size() == 3u);
  const auto kinds = due(OrderStatus::sample_confirmed, 100000);
  BOOST_REQUIRE(kinds.size() == 5u);
  BOOST_TEST((kinds[3] == DocumentKind::shipment_note));
  BOOST_TEST((kinds[4] == DocumentKind::delivery_receipt));
  // Paid in full before the sample: the note is due all the same.
  const auto early = due(OrderStatus::confirmed, 120000);
  BOOST_TEST(has(early, DocumentKind::shipment_note));
  BOOST_TEST(has(early, DocumentKind::delivery_receipt));
  BOOST_TEST(!has(early, DocumentKind::order_sheet));

  // An order of nothing ships nothing, and nobody signs for it.
  Order empty = order_at(OrderStatus::sample_confirmed);
  empty.items.clear();
  BOOST_TEST(!has(due_documents(empty, {Money(0), true}),
                  DocumentKind::delivery_receipt));
}

BOOST_AUTO_TEST_CASE(sampling_waits_for_the_approved_contract_and_share) {
  // Approved and 30% received: the request is due, after the form.
  const auto kinds = gift_due(OrderStatus::confirmed, 30000, true);
  BOOST_REQUIRE(kinds.size() == 3u);
  BOOST_TEST((kinds[2] == DocumentKind::sample_request));
  BOOST_TEST(has(gift_due(OrderStatus::confirmed, 100000, true),
                 DocumentKind::sample_request));

  // One 分 short of the share, or the contract still in approval: not yet.
  BOOST_TEST(!has(gift_due(OrderStatus::confirmed, 29999, true),
                  DocumentKind::sample_request));
  BOOST_TEST(!has(gift_due(OrderStatus::confirmed, 30000, false),
                  DocumentKind::sample_request));
  BOOST_TEST(!has(gift_due(OrderStatus::confirmed, 0, true),
                  DocumentKind::sample_request));

  // The confirmed sample ends sampling.
  BOOST_TEST(!has(gift_due(OrderStatus::sample_confirmed, 100000, true),
                  DocumentKind::sample_request));
}

BOOST_AUTO_TEST_CASE(the_share_is_the_orders_own_percentage) {
  Order order = order_at(OrderStatus::confirmed);
  order.prepayment_pct = 50;
  BOOST_TEST(!has(due_documents(order, {Money(49999), true}),
                  DocumentKind::sample_request));
  BOOST_TEST(has(due_documents(order, {Money(50000), true}),
                 DocumentKind::sample_request));

  // No share agreed: sampling may start at once (the chain then asks the
  // general manager, as for production without prepayment).
  order.prepayment_pct = 0;
  BOOST_TEST(has(due_documents(order, {Money(0), true}),
                 DocumentKind::sample_request));
}

BOOST_AUTO_TEST_CASE(only_the_gift_line_samples) {
  for (BusinessLine line : {BusinessLine::furniture, BusinessLine::transport}) {
    const auto kinds = due_documents(order_at(OrderStatus::confirmed, line),
                                     {Money(100000), true});
    BOOST_TEST(!has(kinds, DocumentKind::sample_request));
  }
}

BOOST_AUTO_TEST_CASE(a_confirmed_transport_order_gets_its_dispatch_sheet) {
  const auto kinds = due_documents(
      order_at(OrderStatus::confirmed, BusinessLine::transport), {Money(0)});
  BOOST_REQUIRE(kinds.size() == 3u);
  BOOST_TEST((kinds[2] == DocumentKind::dispatch_sheet));

  // Paid in full: the dispatch sheet still comes once, after the note.
  const auto paid = due_documents(
      order_at(OrderStatus::confirmed, BusinessLine::transport),
      {Money(100000)});
  BOOST_TEST(paid.size() == 5u);
  BOOST_TEST((paid.back() == DocumentKind::dispatch_sheet));
  BOOST_TEST(std::count(paid.begin(), paid.end(),
                        DocumentKind::dispatch_sheet) == 1);

  for (BusinessLine line : {BusinessLine::gift, BusinessLine::furniture}) {
    BOOST_TEST(!has(due_documents(order_at(OrderStatus::confirmed, line),
                                  {Money(100000), true}),
                    DocumentKind::dispatch_sheet));
  }
}

BOOST_AUTO_TEST_CASE(which_kinds_have_chains_and_which_are_issued) {
  BOOST_TEST(needs_approval(DocumentKind::contract_approval));
  BOOST_TEST(needs_approval(DocumentKind::order_sheet));
  BOOST_TEST(needs_approval(DocumentKind::sample_request));
  BOOST_TEST(!needs_approval(DocumentKind::contract));
  BOOST_TEST(!needs_approval(DocumentKind::shipment_note));
  BOOST_TEST(!needs_approval(DocumentKind::delivery_receipt));
  BOOST_TEST(!needs_approval(DocumentKind::dispatch_sheet));

  // Every kind is either approved (or rides on an approval) or issued.
  for (DocumentKind kind : all_document_kinds()) {
    const bool rides = kind == DocumentKind::contract;
    BOOST_TEST((needs_approval(kind) || rides) != is_issued(kind),
               document_kind_name(kind));
  }
  BOOST_TEST(starts_work(DocumentKind::sample_request));
  BOOST_TEST(starts_work(DocumentKind::order_sheet));
  BOOST_TEST(!starts_work(DocumentKind::contract_approval));
}

BOOST_AUTO_TEST_CASE(papers_name_the_field_they_cannot_do_without) {
  Order gift = order_at(OrderStatus::confirmed);
  BOOST_TEST(missing_field(gift, DocumentKind::sample_request) ==
             "field 材质 (material): missing");
  gift.extra["material"] = "304不锈钢";
  BOOST_TEST(missing_field(gift, DocumentKind::sample_request) ==
             "field 颜色 (colour): missing");
  gift.extra["colour"] = "哑光黑";
  BOOST_TEST(missing_field(gift, DocumentKind::sample_request) == "");
  BOOST_TEST(missing_field(gift, DocumentKind::contract) == "");

  Order trip = order_at(OrderStatus::confirmed, BusinessLine::transport);
  trip.extra = {{"origin", "杭州东站"}, {"destination", "黄山"},
                {"vehicle_type", "45座大巴"}};
  BOOST_TEST(missing_field(trip, DocumentKind::dispatch_sheet) ==
             "field 用车时间 (service_time): missing");
  trip.extra["service_time"] = "2026-12-10 07:30";
  BOOST_TEST(missing_field(trip, DocumentKind::dispatch_sheet) == "");
}
