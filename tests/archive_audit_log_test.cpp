// The audit log: a hash chain in a real SQLite file, tampered with the way
// someone with the sqlite3 tool would (drop the triggers, then edit).
#define BOOST_TEST_MODULE archive_audit_log
#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <ctime>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "archive/audit_log.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::AuditLog;
using danju::ChainBreak;
using danju::Database;

namespace {

// A fresh database file, removed afterwards.
class TempDatabase {
 public:
  TempDatabase() {
    std::string pattern = "/tmp/danju-audit-XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
    folder_ = pattern;
    db_ = std::make_unique<Database>(folder_ + "/danju.sqlite");
  }
  ~TempDatabase() {
    db_.reset();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  Database& db() { return *db_; }

 private:
  std::string folder_;
  std::unique_ptr<Database> db_;
};

void append_rows(Database& db, int count) {
  AuditLog log(db);
  danju::Transaction transaction(db);
  for (int i = 1; i <= count; ++i) {
    log.append(i % 2 ? danju::kAuditDocumentMade : danju::kAuditMailSent,
               "HT-2026-" + std::to_string(i),
               "sha256=" + std::to_string(i * 7919) + " 合同",
               "2026-12-04T02:10:" + std::to_string(i % 60) + "+08:00");
  }
  transaction.commit();
}

void drop_triggers(Database& db) {
  db.execute("DROP TRIGGER audit_log_no_update");
  db.execute("DROP TRIGGER audit_log_no_delete");
}

std::string all_of(const std::vector<ChainBreak>& breaks) {
  std::string text;
  for (const ChainBreak& found : breaks) text += found.what + "\n";
  return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(rows_link_to_the_row_before) {
  TempDatabase temp;
  append_rows(temp.db(), 3);

  danju::Statement rows = temp.db().prepare(
      "SELECT id, at, kind, subject, details, prev_hash, hash FROM audit_log "
      "ORDER BY id");
  std::string previous;
  int seen = 0;
  while (rows.step()) {
    ++seen;
    BOOST_TEST(rows.integer(0) == seen);
    BOOST_TEST(rows.text(5) == previous);
    BOOST_TEST(rows.text(6).size() == 64u);
    BOOST_TEST(rows.text(6) ==
               AuditLog::row_hash(rows.integer(0), rows.text(1), rows.text(2),
                                  rows.text(3), rows.text(4), rows.text(5)));
    previous = rows.text(6);
  }
  BOOST_TEST(seen == 3);

  const danju::AuditHead head = AuditLog(temp.db()).head();
  BOOST_TEST(head.row_id == 3);
  BOOST_TEST(head.rows == 3);
  BOOST_TEST(head.hash == previous);
}

BOOST_AUTO_TEST_CASE(field_boundaries_change_the_hash) {
  // Without length prefixes "ab"+"c" and "a"+"bc" would hash alike.
  const std::string one = AuditLog::row_hash(1, "t", "ab", "c", "d", "");
  const std::string two = AuditLog::row_hash(1, "t", "a", "bc", "d", "");
  BOOST_TEST(one != two);
  BOOST_TEST(AuditLog::row_hash(1, "t", "ab", "c", "d", "") == one);
  BOOST_TEST(AuditLog::row_hash(2, "t", "ab", "c", "d", "") != one);
}

BOOST_AUTO_TEST_CASE(a_whole_log_verifies_clean) {
  TempDatabase temp;
  append_rows(temp.db(), 20000);

  AuditLog log(temp.db());
  const std::vector<ChainBreak> breaks = log.verify();

  BOOST_TEST(breaks.empty(), all_of(breaks));
  BOOST_TEST(log.head().rows == 20000);
  BOOST_TEST(log.missing_guards().empty());
}

BOOST_AUTO_TEST_CASE(an_empty_log_verifies_clean) {
  TempDatabase temp;
  BOOST_TEST(AuditLog(temp.db()).verify().empty());
  BOOST_TEST(AuditLog(temp.db()).head().row_id == 0);
}

BOOST_AUTO_TEST_CASE(update_and_delete_are_refused_while_triggers_stand) {
  TempDatabase temp;
  append_rows(temp.db(), 5);

  BOOST_CHECK_THROW(
      temp.db().execute("UPDATE audit_log SET details = 'x' WHERE id = 2"),
      danju::DatabaseError);
  BOOST_CHECK_THROW(temp.db().execute("DELETE FROM audit_log WHERE id = 2"),
                    danju::DatabaseError);

  try {
    temp.db().execute("UPDATE audit_log SET details = 'x' WHERE id = 2");
  } catch (const danju::DatabaseError& error) {
    BOOST_TEST(std::string(error.what()).find("append-only") !=
               std::string::npos, error.what());
  }
  danju::Statement details =
      temp.db().prepare("SELECT details FROM audit_log WHERE id = 2");
  BOOST_REQUIRE(details.step());
  BOOST_TEST(details.text(0) == "sha256=15838 合同");
  BOOST_TEST(AuditLog(temp.db()).verify().empty());
}

BOOST_AUTO_TEST_CASE(an_edited_row_is_named) {
  TempDatabase temp;
  append_rows(temp.db(), 1000);
  drop_triggers(temp.db());
  temp.db().execute(
      "UPDATE audit_log SET details = 'sha256=0 合同' WHERE id = 417");

  AuditLog log(temp.db());
  const std::vector<ChainBreak> breaks = log.verify();
  BOOST_REQUIRE_MESSAGE(breaks.size() == 1u, all_of(breaks));
  BOOST_TEST(breaks[0].row_id == 417);
  BOOST_TEST(static_cast<int>(breaks[0].kind) ==
             static_cast<int>(ChainBreak::Kind::edited));
  BOOST_TEST(breaks[0].what.find("row 417 ") != std::string::npos,
             breaks[0].what);
  BOOST_TEST(log.missing_guards().size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_edited_row_with_a_new_hash_breaks_the_next_link) {
  TempDatabase temp;
  append_rows(temp.db(), 10);
  drop_triggers(temp.db());

  // A careful tamperer recomputes the edited row's own hash.
  danju::Statement row = temp.db().prepare(
      "SELECT at, kind, subject, prev_hash FROM audit_log WHERE id = 4");
  BOOST_REQUIRE(row.step());
  const std::string forged = AuditLog::row_hash(
      4, row.text(0), row.text(1), row.text(2), "forged", row.text(3));
  temp.db()
      .prepare("UPDATE audit_log SET details = 'forged', hash = ? "
               "WHERE id = 4")
      .bind(1, forged)
      .run();

  const std::vector<ChainBreak> breaks = AuditLog(temp.db()).verify();
  BOOST_REQUIRE_MESSAGE(breaks.size() == 1u, all_of(breaks));
  BOOST_TEST(breaks[0].row_id == 5);
  BOOST_TEST(static_cast<int>(breaks[0].kind) ==
             static_cast<int>(ChainBreak::Kind::unlinked));
  BOOST_TEST(breaks[0].what.find("row 5 does not follow row 4") !=
             std::string::npos, breaks[0].what);
}

BOOST_AUTO_TEST_CASE(a_deleted_row_is_found) {
  TempDatabase temp;
  append_rows(temp.db(), 20);
  drop_triggers(temp.db());
  temp.db().execute("DELETE FROM audit_log WHERE id = 7");

  const std::vector<ChainBreak> breaks = AuditLog(temp.db()).verify();
  BOOST_REQUIRE_MESSAGE(breaks.size() == 1u, all_of(breaks));
  BOOST_TEST(breaks[0].row_id == 8);
  BOOST_TEST(static_cast<int>(breaks[0].kind) ==
             static_cast<int>(ChainBreak::Kind::missing_rows));
  BOOST_TEST(breaks[0].what == "row 7 is missing: the log goes from row 6 "
                               "to row 8");
}

BOOST_AUTO_TEST_CASE(a_deleted_first_row_is_found) {
  TempDatabase temp;
  append_rows(temp.db(), 5);
  drop_triggers(temp.db());
  temp.db().execute("DELETE FROM audit_log WHERE id IN (1, 2)");

  const std::vector<ChainBreak> breaks = AuditLog(temp.db()).verify();
  BOOST_REQUIRE_MESSAGE(breaks.size() == 1u, all_of(breaks));
  BOOST_TEST(breaks[0].row_id == 3);
  BOOST_TEST(breaks[0].what.find("rows 1 to 2 are missing") !=
             std::string::npos, breaks[0].what);
}

BOOST_AUTO_TEST_CASE(an_append_is_undone_with_the_outer_transaction) {
  TempDatabase temp;
  append_rows(temp.db(), 2);
  {
    danju::Transaction outer(temp.db());
    AuditLog(temp.db()).append(danju::kAuditDecision, "HT-9", "approved",
                               "2026-12-04T09:00:00+08:00");
    // No commit: the run failed, so its log row must go with it.
  }
  BOOST_TEST(AuditLog(temp.db()).head().row_id == 2);

  AuditLog(temp.db()).append(danju::kAuditDecision, "HT-9", "approved",
                             "2026-12-04T09:00:00+08:00");
  BOOST_TEST(AuditLog(temp.db()).head().row_id == 3);
  BOOST_TEST(AuditLog(temp.db()).verify().empty());
}
