// A reader for TOML (v1.0), the format of job files, people files and
// templates. Every value remembers the line it was written on, so that a
// mistake in a job or template is reported as "file:line: what is wrong".
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace danju::toml {

// what() is "file:line: message" (line omitted when unknown).
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Value;
using Array = std::vector<Value>;
// Keys keep their file order (a vector of pairs would do, but lookups by key
// are the common use): order() lists the keys in the order written.
class Table;

class Value {
 public:
  enum class Type { string, integer, floating, boolean, datetime, array, table };

  Type type() const;
  int line() const;                 // 1-based line where the value starts
  const std::string& file() const;  // file it was read from

  // Typed access; each throws Error "file:line: <what> must be a <type>"
  // when the value has another type. what is the key path, e.g.
  // "mail.port".
  const std::string& as_string(const std::string& what) const;
  std::int64_t as_integer(const std::string& what) const;
  double as_number(const std::string& what) const;  // integer or float
  bool as_boolean(const std::string& what) const;
  const Array& as_array(const std::string& what) const;
  const Table& as_table(const std::string& what) const;
  // Dates and date-times are kept as written ("2026-12-04").
  const std::string& as_datetime(const std::string& what) const;

  // Internal representation, set by the parser.
  struct Data;
  explicit Value(std::shared_ptr<const Data> data);

 private:
  std::shared_ptr<const Data> data_;
};

class Table {
 public:
  bool contains(const std::string& key) const;
  // nullptr when absent.
  const Value* find(const std::string& key) const;
  // Throws Error "file:line: missing key <path>" (line of the table); path
  // is the key as the message should name it, e.g. "mail.port" (key itself
  // when path is empty).
  const Value& at(const std::string& key, const std::string& path) const;
  const std::vector<std::string>& keys() const;  // in file order
  int line() const;  // line of the table header, 1 for the root table
  const std::string& file() const;

  // Throws Error naming file, line and key for the first key (in file order)
  // not in allowed: how job and template readers refuse typos ("colour" for
  // "color"). The line is the key's own line; path is this table's key path
  // ("" for the root), e.g. "t.toml:7: unknown key style.colour (did you mean
  // color?)".
  void check_keys(const std::vector<std::string>& allowed,
                  const std::string& path) const;

  // Set by the parser. Throws Error on a key already present.
  void insert(const std::string& key, Value value);
  Table(std::string file, int line);
  Table() = default;

 private:
  std::string file_;
  int line_ = 1;
  std::vector<std::string> order_;
  std::map<std::string, Value> values_;
};

// Parses text; file names it in errors. Throws Error on the first mistake.
Table parse(const std::string& text, const std::string& file);
// Reads and parses a file; an unreadable file is an Error too.
Table parse_file(const std::string& path);

}  // namespace danju::toml
