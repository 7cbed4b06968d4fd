// A thin, safe layer over SQLite: one connection, prepared statements with
// bound parameters only, and write transactions that start with BEGIN
// IMMEDIATE so that two processes (a nightly run and a reply intake) queue
// for the write lock instead of failing with SQLITE_BUSY.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace danju {

// A failed database call. what() names the database file, the SQL step and
// SQLite's message.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement;

class Database {
 public:
  // Opens (creating if needed) the file in WAL mode with a busy timeout,
  // foreign keys on, and applies the schema migrations (store/schema.h).
  // read_only opens an existing file without creating or migrating it.
  explicit Database(const std::string& path, bool read_only = false);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs SQL without parameters (schema, pragmas). Throws DatabaseError.
  void execute(const std::string& sql);

  Statement prepare(const std::string& sql);

  std::int64_t last_insert_id() const;
  bool in_transaction() const;
  // Whether the schema has this table (an older database may lack one).
  bool has_table(const std::string& name);
  int changes() const;  // rows changed by the last statement
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

  [[noreturn]] void fail(const std::string& step) const;

 private:
  friend class Statement;
  // Takes back a statement that is done with, reset, for the next
  // prepare() of the same SQL.
  void release(const std::string& sql, sqlite3_stmt* stmt);

  sqlite3* db_ = nullptr;
  std::string path_;
  std::mutex idle_mutex_;
  std::unordered_multimap<std::string, sqlite3_stmt*> idle_;
};

// A prepared statement. Parameters are numbered from 1. step() returns true
// while there is a row; columns are numbered from 0.
class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* stmt, std::string sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) {
    return bind(index, static_cast<std::int64_t>(value));
  }
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind_null(int index);

  bool step();
  // Runs a statement that returns no rows.
  void run() {
    while (step()) {
    }
  }
  void reset();  // for running again with new bindings

  std::int64_t integer(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
};

// BEGIN IMMEDIATE on construction; commit() makes it durable; destruction
// without commit() rolls back (an exception on the way out loses nothing
// that was committed before). Inside another Transaction it joins that one:
// its commit() does nothing and the outer one decides.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool open_ = true;
  bool joined_ = false;
};

}  // namespace danju
