#include "store/database.h"

#include <sqlite3.h>

#include <utility>

#include "store/schema.h"

namespace danju {

namespace {

constexpr int kBusyTimeoutMs = 30000;

// Statements kept prepared for their next use: a night runs the same few
// dozen statements thousands of times.
constexpr std::size_t kIdleStatements = 128;

}  // namespace

Database::Database(const std::string& path, bool read_only) : path_(path) {
  const int flags = read_only ? SQLITE_OPEN_READONLY
                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw DatabaseError("cannot open database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db_, 1);
  execute("PRAGMA foreign_keys = ON");
  if (read_only) return;

  execute("PRAGMA journal_mode = WAL");
  execute("PRAGMA synchronous = NORMAL");
  apply_migrations(*this);
}

Database::~Database() {
  for (auto& entry : idle_) sqlite3_finalize(entry.second);
  sqlite3_close_v2(db_);
}

void Database::fail(const std::string& step) const {
  throw DatabaseError("database " + path_ + ": " + step + ": " +
                      sqlite3_errmsg(db_));
}

void Database::execute(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) !=
      SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw DatabaseError("database " + path_ + ": " + sql.substr(0, 60) +
                        ": " + text);
  }
}

Statement Database::prepare(const std::string& sql) {
  {
    std::lock_guard<std::mutex> hold(idle_mutex_);
    const auto idle = idle_.find(sql);
    if (idle != idle_.end()) {
      sqlite3_stmt* stmt = idle->second;
      idle_.erase(idle);
      return Statement(*this, stmt, sql);
    }
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()),
                         &stmt, nullptr) != SQLITE_OK) {
    fail("prepare " + sql.substr(0, 60));
  }
  return Statement(*this, stmt, sql);
}

std::int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const { return sqlite3_changes(db_); }

bool Database::has_table(const std::string& name) {
  Statement query = prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  query.bind(1, name);
  return query.step();
}

Statement::Statement(Database& db, sqlite3_stmt* stmt, std::string sql)
    : db_(&db), stmt_(stmt), sql_(std::move(sql)) {}

void Database::release(const std::string& sql, sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  std::lock_guard<std::mutex> hold(idle_mutex_);
  if (idle_.size() >= kIdleStatements) {
    sqlite3_finalize(stmt);
    return;
  }
  idle_.emplace(sql, stmt);
}

Statement::~Statement() {
  if (stmt_ != nullptr) db_->release(sql_, stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
  other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) {
    db_->fail("bind " + sql_.substr(0, 60));
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(),
                        static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    db_->fail("bind " + sql_.substr(0, 60));
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) {
    db_->fail("bind " + sql_.substr(0, 60));
  }
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("run " + sql_.substr(0, 60));
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
  const auto* data =
      reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!data) return {};
  return std::string(data,
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_,
                                                                   column)));
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

bool Database::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

Transaction::Transaction(Database& db) : db_(db) {
  if (db_.in_transaction()) {
    joined_ = true;
    open_ = false;
    return;
  }
  db_.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (open_) {
    try {
      db_.execute("ROLLBACK");
    } catch (const DatabaseError&) {
      // The connection is already unusable; the caller's exception matters.
    }
  }
}

void Transaction::commit() {
  if (joined_) return;
  db_.execute("COMMIT");
  open_ = false;
}

}  // namespace danju
