// TOML values and tables: typed access, key checks, reading files. The parser
// itself is in toml_parser.cpp.
#include "jobs/toml.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "jobs/toml_internal.h"

namespace danju::toml {

namespace detail {

void fail(const std::string& file, int line, const std::string& message) {
  std::string text = file;
  if (line > 0) text += ":" + std::to_string(line);
  text += ": " + message;
  throw Error(text);
}

namespace {

bool is_bare_key(const std::string& key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace

std::string display_key(const std::string& key) {
  if (is_bare_key(key)) return key;
  std::string out = "\"";
  for (const char c : key) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (b < 0x20 || b == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04X", b);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string join_path(const std::string& path, const std::string& key) {
  if (path.empty()) return display_key(key);
  return path + "." + display_key(key);
}

const char* type_phrase(Value::Type type) {
  switch (type) {
    case Value::Type::string:
      return "a string";
    case Value::Type::integer:
      return "an integer";
    case Value::Type::floating:
      return "a float";
    case Value::Type::boolean:
      return "a boolean";
    case Value::Type::datetime:
      return "a date";
    case Value::Type::array:
      return "an array";
    case Value::Type::table:
      return "a table";
  }
  return "a value";
}

}  // namespace detail

// ---------------------------------------------------------------- Value

namespace {

[[noreturn]] void wrong_type(const Value& value, const std::string& what,
                             const char* wanted) {
  detail::fail(value.file(), value.line(),
               (what.empty() ? std::string("value") : what) + " must be " +
                   wanted + ", not " + detail::type_phrase(value.type()));
}

}  // namespace

Value::Value(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

Value::Type Value::type() const { return data_->type; }
int Value::line() const { return data_->line; }
const std::string& Value::file() const { return *data_->file; }

const std::string& Value::as_string(const std::string& what) const {
  if (data_->type != Type::string) wrong_type(*this, what, "a string");
  return std::get<std::string>(data_->content);
}

std::int64_t Value::as_integer(const std::string& what) const {
  if (data_->type != Type::integer) wrong_type(*this, what, "an integer");
  return std::get<std::int64_t>(data_->content);
}

double Value::as_number(const std::string& what) const {
  if (data_->type == Type::integer) {
    return static_cast<double>(std::get<std::int64_t>(data_->content));
  }
  if (data_->type != Type::floating) wrong_type(*this, what, "a number");
  return std::get<double>(data_->content);
}

bool Value::as_boolean(const std::string& what) const {
  if (data_->type != Type::boolean) {
    wrong_type(*this, what, "a boolean (true or false)");
  }
  return std::get<bool>(data_->content);
}

const Array& Value::as_array(const std::string& what) const {
  if (data_->type != Type::array) wrong_type(*this, what, "an array");
  return std::get<Array>(data_->content);
}

const Table& Value::as_table(const std::string& what) const {
  if (data_->type != Type::table) wrong_type(*this, what, "a table");
  return std::get<Table>(data_->content);
}

const std::string& Value::as_datetime(const std::string& what) const {
  if (data_->type != Type::datetime) wrong_type(*this, what, "a date");
  return std::get<std::string>(data_->content);
}

// ---------------------------------------------------------------- Table

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean color?)" for a near miss, else the keys allowed.
std::string suggestion(const std::string& key,
                       const std::vector<std::string>& allowed) {
  if (allowed.empty()) return " (no keys are allowed here)";
  const std::string* best = nullptr;
  std::size_t best_distance = 0;
  for (const auto& candidate : allowed) {
    const std::size_t distance = edit_distance(key, candidate);
    if (!best || distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  if (best_distance <= 2 &&
      best_distance < std::max(key.size(), best->size())) {
    return " (did you mean " + detail::display_key(*best) + "?)";
  }
  std::string list;
  for (const auto& candidate : allowed) {
    if (!list.empty()) list += ", ";
    list += detail::display_key(candidate);
  }
  return " (allowed: " + list + ")";
}

}  // namespace

Table::Table(std::string file, int line)
    : file_(std::move(file)), line_(line) {}

bool Table::contains(const std::string& key) const {
  return values_.count(key) != 0;
}

const Value* Table::find(const std::string& key) const {
  const auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

const Value& Table::at(const std::string& key, const std::string& path) const {
  const auto it = values_.find(key);
  if (it == values_.end()) {
    detail::fail(
        file_, line_,
        "missing key " + (path.empty() ? detail::display_key(key) : path));
  }
  return it->second;
}

const std::vector<std::string>& Table::keys() const { return order_; }
int Table::line() const { return line_; }
const std::string& Table::file() const { return file_; }

void Table::check_keys(const std::vector<std::string>& allowed,
                       const std::string& path) const {
  for (const auto& key : order_) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
      continue;
    }
    const Value& value = values_.at(key);
    detail::fail(value.file(), value.line(),
                 "unknown key " + detail::join_path(path, key) +
                     suggestion(key, allowed));
  }
}

void Table::insert(const std::string& key, Value value) {
  const auto it = values_.find(key);
  if (it != values_.end()) {
    detail::fail(value.file(), value.line(),
                 "duplicate key " + detail::display_key(key) +
                     " (first defined on line " +
                     std::to_string(it->second.line()) + ")");
  }
  order_.push_back(key);
  values_.emplace(key, std::move(value));
}

// ---------------------------------------------------------------- files

Table parse_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    detail::fail(path, 0, "cannot read: it is a folder, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    detail::fail(path, 0, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad())
    detail::fail(path, 0, std::string("cannot read: ") + std::strerror(errno));
  return parse(content.str(), path);
}

}  // namespace danju::toml
