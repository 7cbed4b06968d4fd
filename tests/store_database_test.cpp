// The SQLite layer: WAL, migrations, two writing processes, order versions,
// the outbox.
#define BOOST_TEST_MODULE store_database
#include <boost/test/unit_test.hpp>

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/database.h"
#include "store/document_store.h"
#include "store/order_codec.h"
#include "store/order_store.h"
#include "store/outbox_store.h"
#include "store/schema.h"
#include "fixtures/temp_folder.h"

using danju::testing::TempFolder;

namespace fs = std::filesystem;
using namespace danju;

namespace {

Order sample_order() {
  Order order;
  order.order_no = "LP001";
  order.contract_no = "HT-LP001";
  order.shipment_no = "FH-LP001";
  order.status = OrderStatus::confirmed;
  order.date = "2026-12-01";
  order.customer.name = "𠮷祥家居有限公司";
  order.salesperson = "陈晓东";
  order.items.push_back({"定制保温杯", "500ml", "只", 100, Money(5880)});
  order.extra["route"] = "杭州—黄山";
  order.source = {"orders.csv", 2};
  return order;
}

// The record of one PDF of version 1 of order no, made on 2026-11-30.
DocumentRecord paper(const std::string& no, DocumentKind kind,
                     const std::string& state) {
  DocumentRecord r;
  r.order_no = no;
  r.order_version = 1;
  r.kind = kind;
  r.document_no = std::string(document_kind_name(kind)) + "-" + no;
  r.format = "pdf";
  r.path = "documents/" + no + "-" + document_kind_name(kind) + ".pdf";
  r.sha256 = std::string(64, 'a');
  r.business_date = "2026-11-30";
  r.state = state;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_new_file_is_migrated_and_in_wal_mode) {
  TempFolder temp("store");
  Database db(temp.path + "/d.sqlite");
  Statement mode = db.prepare("PRAGMA journal_mode");
  BOOST_REQUIRE(mode.step());
  BOOST_TEST(mode.text(0) == "wal");
  Statement version = db.prepare("PRAGMA user_version");
  BOOST_REQUIRE(version.step());
  BOOST_TEST(version.integer(0) == schema_version());

  // Opening again applies nothing twice, and every table is there.
  Database again(temp.path + "/d.sqlite");
  for (const char* name : {"runs", "orders", "payments", "documents",
                           "approval_steps", "outbox", "mailbox_messages"}) {
    Statement table = again.prepare(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
        "name = ?1");
    table.bind(1, name);
    table.step();
    BOOST_TEST(table.integer(0) == 1, name);
  }
}

BOOST_AUTO_TEST_CASE(a_database_from_a_newer_program_is_refused) {
  TempFolder temp("store");
  { Database db(temp.path + "/d.sqlite"); db.execute("PRAGMA user_version = 99"); }
  BOOST_CHECK_EXCEPTION(Database(temp.path + "/d.sqlite"), DatabaseError,
                        [](const DatabaseError& e) {
                          return std::string(e.what()).find("newer") !=
                                 std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(two_processes_writing_never_see_busy) {
  TempFolder temp("store");
  const std::string path = temp.path + "/d.sqlite";
  { Database db(path); }

  auto write_many = [&](const char* kind) {
    Database db(path);
    OrderStore store(db);
    for (int i = 0; i < 200; ++i) {
      Transaction transaction(db);
      Payment payment;
      payment.order_no = std::string(kind) + std::to_string(i);
      payment.amount = Money(100 + i);
      payment.date = "2026-12-04";
      store.add_payment(payment, "now");
      transaction.commit();
    }
  };
  const pid_t child = fork();
  if (child == 0) {
    try {
      write_many("child");
      _exit(0);
    } catch (...) {
      _exit(1);
    }
  }
  BOOST_CHECK_NO_THROW(write_many("parent"));
  int status = 0;
  waitpid(child, &status, 0);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);

  Database db(path);
  Statement rows = db.prepare("SELECT COUNT(*) FROM payments");
  rows.step();
  BOOST_TEST(rows.integer(0) == 400);
}

BOOST_AUTO_TEST_CASE(orders_round_trip_and_change_makes_a_version) {
  TempFolder temp("store");
  Database db(temp.path + "/d.sqlite");
  OrderStore store(db);
  Order order = sample_order();

  const Order decoded = decode_order(encode_order(order));
  BOOST_TEST(encode_order(decoded) == encode_order(order));
  BOOST_TEST(decoded.customer.name == "𠮷祥家居有限公司");
  BOOST_TEST(decoded.items.at(0).unit_price.fen() == 5880);
  BOOST_TEST(decoded.extra.at("route") == "杭州—黄山");

  int version = 0;
  BOOST_TEST((store.save(order, 0, "t1", &version) == SaveOutcome::new_order));
  BOOST_TEST(version == 1);
  // The same content from another file is not a new version.
  order.source = {"other.csv", 9};
  BOOST_TEST((store.save(order, 0, "t2", &version) == SaveOutcome::unchanged));
  BOOST_TEST(version == 1);
  order.items[0].quantity = 101;
  BOOST_TEST(
      (store.save(order, 0, "t3", &version) == SaveOutcome::new_version));
  BOOST_TEST(version == 2);
  BOOST_TEST(store.latest("LP001")->order.items[0].quantity == 101);
  BOOST_TEST(!store.latest("LP999"));
}

BOOST_AUTO_TEST_CASE(payments_count_once_and_only_up_to_the_date) {
  TempFolder temp("store");
  Database db(temp.path + "/d.sqlite");
  OrderStore store(db);
  Payment payment;
  payment.order_no = "LP001";
  payment.amount = Money(30000);
  payment.date = "2026-11-01";
  BOOST_TEST(store.add_payment(payment, "t"));
  BOOST_TEST(!store.add_payment(payment, "t"));
  payment.kind = PaymentKind::balance;
  payment.amount = Money(70000);
  payment.date = "2026-12-03";
  BOOST_TEST(store.add_payment(payment, "t"));
  BOOST_TEST(store.received("LP001", "2026-12-02").fen() == 30000);
  BOOST_TEST(store.received("LP001", "2026-12-03").fen() == 100000);
}

BOOST_AUTO_TEST_CASE(a_payment_exported_again_with_or_without_its_reference) {
  TempFolder temp("store");
  Database db(temp.path + "/d.sqlite");
  OrderStore store(db);
  Payment payment;
  payment.order_no = "PY00001";
  payment.amount = Money(10500);
  payment.date = "2026-12-01";
  payment.reference = "SK-1101";
  BOOST_TEST(store.add_payment(payment, "t"));

  // The next export left the 凭证号 out, or the one after wrote it again.
  payment.reference = "";
  BOOST_TEST(!store.add_payment(payment, "t"));
  payment.reference = "SK-1101";
  BOOST_TEST(!store.add_payment(payment, "t"));
  BOOST_TEST(store.received("PY00001", "2026-12-31").fen() == 10500);

  // A second payment alike but for its own reference counts too.
  payment.reference = "SK-1102";
  BOOST_TEST(store.add_payment(payment, "t"));
  BOOST_TEST(store.received("PY00001", "2026-12-31").fen() == 21000);

  // First without a reference, then with one: still the same payment.
  payment.order_no = "PY00002";
  payment.reference = "";
  BOOST_TEST(store.add_payment(payment, "t"));
  payment.reference = "SK-1201";
  BOOST_TEST(!store.add_payment(payment, "t"));
  BOOST_TEST(store.received("PY00002", "2026-12-31").fen() == 10500);

  // ...which now has that reference: a second payment alike but for its
  // own reference is a payment of its own, and one without any is known.
  payment.reference = "SK-1202";
  BOOST_TEST(store.add_payment(payment, "t"));
  payment.reference = "";
  BOOST_TEST(!store.add_payment(payment, "t"));
  BOOST_TEST(store.received("PY00002", "2026-12-31").fen() == 21000);
}

BOOST_AUTO_TEST_CASE(outbox_keeps_a_message_once_until_it_is_sent) {
  TempFolder temp("store");
  Database db(temp.path + "/d.sqlite");
  OutboxStore outbox(db);
  OutboxEntry entry;
  entry.message_id = "sp-1.v1.s1@x.example";
  entry.purpose = "approval_request";
  entry.envelope_from = "danju@x.example";
  entry.recipients = {"a@x.example", "b@x.example"};
  entry.message = "{}";
  BOOST_TEST(outbox.enqueue(entry, "t"));
  BOOST_TEST(!outbox.enqueue(entry, "t"));

  auto queued = outbox.queued();
  BOOST_REQUIRE(queued.size() == 1u);
  BOOST_TEST(queued[0].recipients.size() == 2u);
  outbox.mark_attempt_started(queued[0].id);
  outbox.mark_attempt_failed(queued[0].id, "connection refused", true);
  BOOST_TEST(outbox.queued().at(0).attempts == 1);
  outbox.mark_sent(queued[0].id, "t");
  BOOST_TEST(outbox.queued().empty());
  BOOST_TEST(outbox.count_in_state(kMailSent) == 1);
}

BOOST_AUTO_TEST_CASE(sql_text_is_bound_never_spliced) {
  TempFolder temp("store");
  Database db(temp.path + "/d.sqlite");
  OrderStore store(db);
  Payment payment;
  payment.order_no = "x'); DROP TABLE payments; --";
  payment.amount = Money(1);
  payment.date = "2026-12-04";
  store.add_payment(payment, "t");
  BOOST_TEST(store.received(payment.order_no, "2026-12-04").fen() == 1);
}

// A database made before digests were recorded: the papers it holds were
// carried by their nights' digests, so only papers made after the upgrade
// wait for one; each is carried once.
BOOST_AUTO_TEST_CASE(papers_from_before_the_upgrade_are_not_digested_again) {
  TempFolder temp("store");
  const std::string path = temp.path + "/d.sqlite";
  {
    Database db(path);
    // Back to schema 3: without what migrations 4 to 6 add.
    db.execute("DROP TABLE unfinished_forms; "
               "DROP INDEX documents_by_number; "
               "DROP INDEX mailbox_messages_by_place; "
               "DROP TABLE digested_documents; "
               "ALTER TABLE mailbox_messages DROP COLUMN evidence_offset; "
               "ALTER TABLE mailbox_messages DROP COLUMN evidence_length; "
               "PRAGMA user_version = 3");
    const std::string at = "2026-11-30T22:00:00+08:00";
    DocumentStore(db).add(
        paper("LP001", DocumentKind::shipment_note, "issued"), 0, at);
    DocumentStore(db).add(paper("LP001", DocumentKind::contract, "issued"),
                          0, at);
  }

  Database db(path);
  DocumentStore documents(db);
  BOOST_TEST(documents.awaiting_digest(DocumentKind::shipment_note).empty());
  const std::int64_t fresh = documents.add(
      paper("LP002", DocumentKind::shipment_note, "issued"), 0,
      "2026-12-04T22:00:00+08:00");
  const auto waiting = documents.awaiting_digest(DocumentKind::shipment_note);
  BOOST_REQUIRE(waiting.size() == 1u);
  BOOST_TEST(waiting[0].id == fresh);
  BOOST_TEST(waiting[0].order_no == "LP002");

  documents.mark_digested(fresh, "finance-digest.2026-12-04.x@example");
  documents.mark_digested(fresh, "finance-digest.2026-12-04.x@example");
  BOOST_TEST(documents.awaiting_digest(DocumentKind::shipment_note).empty());
}

BOOST_AUTO_TEST_CASE(forms_approved_before_the_upgrade_are_still_finished) {
  TempFolder temp("store");
  const std::string path = temp.path + "/d.sqlite";
  std::int64_t approved = 0, waiting = 0;
  {
    Database db(path);
    DocumentStore documents(db);
    const std::string at = "2026-11-30T22:00:00+08:00";
    approved = documents.add(
        paper("LP001", DocumentKind::contract_approval, "approved"), 0, at);
    waiting = documents.add(
        paper("LP002", DocumentKind::contract_approval, "pending_approval"),
        0, at);
    for (const std::int64_t id : {approved, waiting}) {
      ApprovalStepRecord step;
      step.document_id = id;
      step.step = 1;
      step.role = "dept_head";
      step.title = "部门负责人";
      step.approver_name = "王喆";
      step.approver_email = "wang.zhe@example.com";
      step.state = id == approved ? "approved" : "pending";
      documents.add_step(step);
    }
    // Back to schema 5: approved forms were found by a search then.
    db.execute("DROP TABLE unfinished_forms; "
               "DROP INDEX documents_by_number; "
               "DROP INDEX mailbox_messages_by_place; "
               "PRAGMA user_version = 5");
  }

  Database db(path);
  DocumentStore documents(db);
  BOOST_TEST(documents.unfinished_forms() ==
                 (std::vector<std::int64_t>{approved}),
             boost::test_tools::per_element());
  documents.mark_finished(approved);
  BOOST_TEST(documents.unfinished_forms().empty());
  Statement plan = db.prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM documents WHERE document_no = ?1");
  BOOST_REQUIRE(plan.step());
  BOOST_TEST(plan.text(3).find("documents_by_number") != std::string::npos,
             plan.text(3));
}
