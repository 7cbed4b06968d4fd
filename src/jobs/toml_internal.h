// Internals shared by the TOML value types (toml.cpp) and the parser
// (toml_parser.cpp). Not for use outside src/jobs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include "jobs/toml.h"

namespace danju::toml {

struct Value::Data {
  Type type = Type::string;
  int line = 0;
  std::shared_ptr<const std::string> file;
  // string and datetime: std::string; integer: int64; floating: double;
  // boolean: bool; array: Array; table: Table.
  std::variant<std::string, std::int64_t, double, bool, Array, Table> content;
};

namespace detail {

// "file:line: message", or "file: message" when line is 0 or less.
[[noreturn]] void fail(const std::string& file, int line,
                       const std::string& message);

// A key as written in TOML: bare when it can be, else a quoted basic string
// (名称 becomes "名称").
std::string display_key(const std::string& key);

// path.key, with key displayed as above; key alone when path is empty.
std::string join_path(const std::string& path, const std::string& key);

// "a string", "an integer", ...
const char* type_phrase(Value::Type type);

}  // namespace detail
}  // namespace danju::toml
