// The TOML 1.0 parser. It builds a mutable tree of Nodes that records how
// each table came to be (header, dotted keys, inline, implied), which is what
// the rules against redefining tables need, then freezes the tree into
// immutable Values.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.h"
#include "jobs/toml.h"
#include "jobs/toml_internal.h"

namespace danju::toml {

namespace {

using detail::join_path;

// How a table came to exist; decides what may add to it later.
enum class Origin {
  implied,      // named only as the parent in a header: [a.b] implies a
  header,       // [a] or one element of [[a]]
  dotted,       // a.b = 1 implies a; open only within the same section
  inline_table  // { ... }: closed once written
};

struct Node {
  Value::Type type = Value::Type::table;
  int line = 0;
  // string, datetime
  std::string text;
  std::int64_t integer = 0;
  double number = 0;
  bool boolean = false;
  // array
  std::vector<std::unique_ptr<Node>> items;
  bool table_array = false;  // made by [[headers]]
  // table
  std::vector<std::string> order;
  std::map<std::string, std::unique_ptr<Node>> children;
  Origin origin = Origin::implied;
  int section = -1;  // for dotted: the header section or inline table
};

std::string describe(const Node& node) {
  if (node.type == Value::Type::array && node.table_array) {
    return "an array of tables";
  }
  if (node.type == Value::Type::table && node.origin == Origin::inline_table) {
    return "an inline table";
  }
  return detail::type_phrase(node.type);
}

std::string line_note(const Node& node) {
  return "line " + std::to_string(node.line);
}

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters of an unquoted value: numbers, booleans, dates, inf and nan.
bool is_bare_value_char(char c) {
  return is_bare_key_char(c) || c == '+' || c == '.' || c == ':';
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

// Digits of the base with single underscores between them.
bool valid_digits(std::string_view digits, int base) {
  if (digits.empty()) return false;
  bool last_was_digit = false;
  for (const char c : digits) {
    if (c == '_') {
      if (!last_was_digit) return false;
      last_was_digit = false;
    } else if (digit_value(c) < base) {
      last_was_digit = true;
    } else {
      return false;
    }
  }
  return last_was_digit;
}

std::string without_underscores(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != '_') out += c;
  }
  return out;
}

// ---------------------------------------------------------------- dates

bool digits_at(std::string_view s, std::size_t i, std::size_t n) {
  if (i + n > s.size()) return false;
  for (std::size_t k = i; k < i + n; ++k) {
    if (!is_digit(s[k])) return false;
  }
  return true;
}

int number_at(std::string_view s, std::size_t i, std::size_t n) {
  int value = 0;
  for (std::size_t k = i; k < i + n; ++k) value = value * 10 + (s[k] - '0');
  return value;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return days[month - 1];
}

// Empty when text is a TOML date, time, date-time or offset date-time, else
// what is wrong with it.
std::string datetime_problem(std::string_view s) {
  std::size_t i = 0;
  bool has_date = false;
  if (s.size() >= 5 && digits_at(s, 0, 4) && s[4] == '-') {
    if (s.size() < 10 || !digits_at(s, 5, 2) || s[7] != '-' ||
        !digits_at(s, 8, 2)) {
      return "dates are written YYYY-MM-DD";
    }
    const int year = number_at(s, 0, 4);
    const int month = number_at(s, 5, 2);
    const int day = number_at(s, 8, 2);
    if (month < 1 || month > 12) return "month must be 01 to 12";
    if (day < 1 || day > days_in_month(year, month)) {
      return "day out of range for the month";
    }
    has_date = true;
    i = 10;
    if (i == s.size()) return "";
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') {
      return "expected T between date and time";
    }
    ++i;
  }
  if (!digits_at(s, i, 2) || i + 2 >= s.size() || s[i + 2] != ':' ||
      !digits_at(s, i + 3, 2)) {
    return "times are written HH:MM:SS";
  }
  if (i + 5 >= s.size() || s[i + 5] != ':' || !digits_at(s, i + 6, 2)) {
    return "times need seconds (HH:MM:SS)";
  }
  if (number_at(s, i, 2) > 23) return "hour must be 00 to 23";
  if (number_at(s, i + 3, 2) > 59) return "minute must be 00 to 59";
  if (number_at(s, i + 6, 2) > 60) return "second must be 00 to 60";
  i += 8;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits_at(s, i, 1)) return "expected digits after the decimal point";
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i == s.size()) return "";
  if (!has_date) return "a time of day cannot have a time zone";
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    if (!digits_at(s, i + 1, 2) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !digits_at(s, i + 4, 2)) {
      return "time zone offsets are written +HH:MM";
    }
    if (number_at(s, i + 1, 2) > 23 || number_at(s, i + 4, 2) > 59) {
      return "time zone offset out of range";
    }
    i += 6;
  } else {
    return "unexpected text after the time";
  }
  if (i != s.size()) return "unexpected text after the time zone";
  return "";
}

// ---------------------------------------------------------------- parser

constexpr int max_depth = 100;  // nesting of arrays and inline tables

class Parser {
 public:
  Parser(const std::string& text, const std::string& file)
      : src_(text), file_(std::make_shared<const std::string>(file)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < src_.size(); ++i) {
      if (src_[i] == '\n') line_starts_.push_back(i + 1);
    }
    root_.line = 1;
    root_.origin = Origin::header;
  }

  Table run() {
    check_text();
    if (src_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // byte-order mark
    while (true) {
      skip_blanks();
      if (at_end()) break;
      if (peek() == '#' || at_newline()) {
        // A blank or comment line.
      } else if (peek() == '[') {
        const std::string header = parse_header();
        end_line("table header " + header);
        continue;
      } else {
        const std::string key = parse_key_value();
        end_line("the value of " + key);
        continue;
      }
      end_line("");
    }
    return freeze_table(root_);
  }

 private:
  // ---- positions and errors

  int line_of(std::size_t pos) const {
    return static_cast<int>(
        std::upper_bound(line_starts_.begin(), line_starts_.end(), pos) -
        line_starts_.begin());
  }

  [[noreturn]] void fail_line(int line, const std::string& message) const {
    detail::fail(*file_, line, message);
  }

  [[noreturn]] void fail(std::size_t pos, const std::string& message) const {
    fail_line(line_of(pos), message);
  }

  bool at_end() const { return pos_ >= src_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0';
  }
  bool at_newline() const {
    return peek() == '\n' || (peek() == '\r' && peek(1) == '\n');
  }
  void skip_newline() { pos_ += peek() == '\r' ? 2 : 1; }
  bool starts_with(std::string_view text) const {
    return src_.compare(pos_, text.size(), text) == 0;
  }

  // Length of the UTF-8 sequence starting with byte b (text is valid).
  static std::size_t sequence_length(unsigned char b) {
    if (b < 0x80) return 1;
    if ((b & 0xE0) == 0xC0) return 2;
    if ((b & 0xF0) == 0xE0) return 3;
    return 4;
  }

  // An invisible or look-alike space at pos, which editors (Chinese input
  // methods above all) slip in: its name, or "" when there is none.
  std::string odd_space_here() const { return odd_space_at(pos_); }

  std::string odd_space_at(std::size_t pos) const {
    static const std::pair<const char*, const char*> spaces[] = {
        {"\xE3\x80\x80", "a full-width space (U+3000)"},
        {"\xC2\xA0", "a no-break space (U+00A0)"},
        {"\xEF\xBB\xBF", "a byte-order mark (U+FEFF)"},
        {"\xE2\x80\x8B", "a zero-width space (U+200B)"},
    };
    for (const auto& [bytes, name] : spaces) {
      if (src_.compare(pos, std::strlen(bytes), bytes) == 0) return name;
    }
    return "";
  }

  // What stands at pos, for messages: "end of file", "end of line", "'x'".
  std::string found_here() const {
    if (at_end()) return "end of file";
    if (at_newline()) return "end of line";
    const std::string odd = odd_space_here();
    if (!odd.empty()) return odd + "; use ASCII spaces";
    const std::size_t n =
        sequence_length(static_cast<unsigned char>(src_[pos_]));
    return "'" + src_.substr(pos_, n) + "'";
  }

  // The rest of the line from pos (at most about 30 bytes), for messages.
  std::string rest_of_line() const {
    std::size_t end = pos_;
    while (end < src_.size() && src_[end] != '\n' && src_[end] != '\r' &&
           end - pos_ < 30) {
      end += sequence_length(static_cast<unsigned char>(src_[end]));
    }
    std::string text = src_.substr(pos_, end - pos_);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
      text.pop_back();
    }
    return text;
  }

  // The whole text must be UTF-8 without control characters other than tab
  // and line ends (TOML allows them nowhere, not even in comments).
  void check_text() const {
    for (std::size_t i = 0; i < src_.size();) {
      const auto b = static_cast<unsigned char>(src_[i]);
      if (b < 0x80) {
        if (b == '\r' && (i + 1 >= src_.size() || src_[i + 1] != '\n')) {
          fail(i, "carriage return without a line feed");
        }
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
          const std::string name = code_point_name(b);
          fail(i, "control character " + name +
                      " is not allowed (in a string write it as \\u" +
                      name.substr(2) + ")");
        }
        ++i;
        continue;
      }
      std::size_t length;
      char32_t cp;
      char32_t min;
      if ((b & 0xE0) == 0xC0) {
        length = 2, cp = b & 0x1F, min = 0x80;
      } else if ((b & 0xF0) == 0xE0) {
        length = 3, cp = b & 0x0F, min = 0x800;
      } else if ((b & 0xF8) == 0xF0) {
        length = 4, cp = b & 0x07, min = 0x10000;
      } else {
        invalid_utf8(i);
      }
      if (i + length > src_.size()) invalid_utf8(i);
      for (std::size_t k = 1; k < length; ++k) {
        const auto c = static_cast<unsigned char>(src_[i + k]);
        if ((c & 0xC0) != 0x80) invalid_utf8(i);
        cp = (cp << 6) | (c & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        invalid_utf8(i);
      }
      i += length;
    }
  }

  [[noreturn]] void invalid_utf8(std::size_t i) const {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X",
                  static_cast<unsigned char>(src_[i]));
    fail(i, std::string("invalid UTF-8 (byte ") + buffer +
                "); save the file as UTF-8");
  }

  // ---- blanks, comments, line ends

  void skip_blanks() {
    while (peek() == ' ' || peek() == '\t') ++pos_;
  }

  void skip_comment() {
    if (peek() != '#') return;
    while (!at_end() && !at_newline()) ++pos_;
  }

  // Blanks, comments and line ends, as allowed between array items.
  void skip_blank_lines() {
    while (true) {
      skip_blanks();
      if (peek() == '#') {
        skip_comment();
      } else if (at_newline()) {
        skip_newline();
      } else {
        return;
      }
    }
  }

  // After a header or key/value only a comment may follow on the line.
  void end_line(const std::string& after) {
    skip_blanks();
    skip_comment();
    if (at_end()) return;
    if (at_newline()) {
      skip_newline();
      return;
    }
    if (!odd_space_here().empty()) {
      fail(pos_, "unexpected " + found_here() + " after " + after);
    }
    fail(pos_, "unexpected text after " + after + ": " + rest_of_line());
  }

  // ---- keys

  // One part of a key: bare, "basic" or 'literal'.
  std::string parse_key_part() {
    const char c = peek();
    if (c == '"' || c == '\'') {
      if (starts_with("\"\"\"") || starts_with("'''")) {
        fail(pos_, "a key cannot be a multi-line string");
      }
      return c == '"' ? parse_basic_string() : parse_literal_string();
    }
    const std::size_t start = pos_;
    while (is_bare_key_char(peek())) ++pos_;
    if (pos_ > start) return src_.substr(start, pos_ - start);
    if (static_cast<unsigned char>(c) >= 0x80 && odd_space_here().empty()) {
      std::size_t end = pos_;
      while (end < src_.size() &&
             ((static_cast<unsigned char>(src_[end]) >= 0x80 &&
               odd_space_at(end).empty()) ||
              is_bare_key_char(src_[end]))) {
        ++end;
      }
      fail(pos_,
           "a key that is not plain ASCII letters, digits, - or _ "
           "must be quoted: \"" +
               src_.substr(pos_, end - pos_) + "\"");
    }
    fail(pos_, "expected a key, found " + found_here());
  }

  // A dotted key: parts separated by dots, blanks allowed around the dots.
  std::vector<std::string> parse_key() {
    std::vector<std::string> parts;
    while (true) {
      parts.push_back(parse_key_part());
      if (parts.size() > static_cast<std::size_t>(max_depth))
        fail(pos_, "key has too many parts");
      const std::size_t after = pos_;
      skip_blanks();
      if (peek() != '.') {
        pos_ = after;
        return parts;
      }
      ++pos_;
      skip_blanks();
    }
  }

  static std::string key_text(const std::string& path,
                              const std::vector<std::string>& keys) {
    std::string text = path;
    for (const auto& key : keys) text = join_path(text, key);
    return text;
  }

  // ---- tables

  static Node* add_child(Node* table, const std::string& key,
                         std::unique_ptr<Node> child) {
    Node* raw = child.get();
    table->order.push_back(key);
    table->children.emplace(key, std::move(child));
    return raw;
  }

  static std::unique_ptr<Node> make_table(int line, Origin origin,
                                          int section = -1) {
    auto node = std::make_unique<Node>();
    node->type = Value::Type::table;
    node->line = line;
    node->origin = origin;
    node->section = section;
    return node;
  }

  // [a.b] or [[a.b]]; returns the header as written, for messages.
  std::string parse_header() {
    const std::size_t start = pos_;
    const int line = line_of(start);
    const bool is_array = peek(1) == '[';
    pos_ += is_array ? 2 : 1;
    skip_blanks();
    const std::vector<std::string> keys = parse_key();
    skip_blanks();
    const std::string path = key_text("", keys);
    if (is_array) {
      if (peek() != ']' || peek(1) != ']') {
        fail(pos_,
             "expected ]] to close [[" + path + "]], found " + found_here());
      }
      pos_ += 2;
    } else {
      if (peek() != ']') {
        fail(pos_, "expected ] to close [" + path + "], found " + found_here());
      }
      ++pos_;
    }
    open_table(keys, is_array, line);
    table_path_ = path;
    section_ = next_section_++;
    return is_array ? "[[" + path + "]]" : "[" + path + "]";
  }

  void open_table(const std::vector<std::string>& keys, bool is_array,
                  int line) {
    Node* table = &root_;
    std::string path;
    for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
      path = join_path(path, keys[i]);
      const auto it = table->children.find(keys[i]);
      if (it == table->children.end()) {
        table = add_child(table, keys[i], make_table(line, Origin::implied));
        continue;
      }
      Node* child = it->second.get();
      if (child->type == Value::Type::table &&
          child->origin != Origin::inline_table) {
        table = child;
      } else if (child->type == Value::Type::array && child->table_array) {
        table = child->items.back().get();
      } else {
        fail_line(line, "cannot add to " + path + ": it is already " +
                            describe(*child) + " (" + line_note(*child) + ")");
      }
    }
    const std::string& key = keys.back();
    path = join_path(path, key);
    const auto it = table->children.find(key);
    Node* existing = it == table->children.end() ? nullptr : it->second.get();

    if (is_array) {
      Node* array = existing;
      if (!array) {
        auto node = std::make_unique<Node>();
        node->type = Value::Type::array;
        node->table_array = true;
        node->line = line;
        array = add_child(table, key, std::move(node));
      } else if (!(array->type == Value::Type::array && array->table_array)) {
        fail_line(line, "cannot make [[" + path +
                            "]] an array of tables: " + path + " is already " +
                            describe(*array) + " (" + line_note(*array) + ")");
      }
      array->items.push_back(make_table(line, Origin::header));
      table_ = array->items.back().get();
      return;
    }

    if (!existing) {
      table_ = add_child(table, key, make_table(line, Origin::header));
      return;
    }
    if (existing->type != Value::Type::table) {
      fail_line(line, "cannot define table [" + path + "]: " + path +
                          " is already " + describe(*existing) + " (" +
                          line_note(*existing) + ")");
    }
    switch (existing->origin) {
      case Origin::implied:
        existing->origin = Origin::header;
        existing->line = line;
        table_ = existing;
        return;
      case Origin::header:
        fail_line(line, "table [" + path + "] is defined twice (first on " +
                            line_note(*existing) + ")");
      case Origin::dotted:
        fail_line(line, "table [" + path +
                            "] is already defined by dotted keys on " +
                            line_note(*existing));
      case Origin::inline_table:
        fail_line(line, "table [" + path +
                            "] is already defined as an inline table on " +
                            line_note(*existing));
    }
  }

  // key = value in the current table; returns the key for messages.
  std::string parse_key_value() {
    const std::size_t start = pos_;
    const std::vector<std::string> keys = parse_key();
    const std::string name = key_text(table_path_, keys);
    skip_blanks();
    if (peek() != '=') {
      std::string message =
          "expected = after key " + name + ", found " + found_here();
      if (is_bare_key_char(peek())) {
        message += " (a key with spaces must be quoted)";
      }
      fail(pos_, message);
    }
    ++pos_;
    skip_blanks();
    if (at_end() || at_newline() || peek() == '#') {
      fail(pos_, "missing value for key " + name);
    }
    auto value = parse_value(0, name);
    insert(table_, table_path_, keys, std::move(value), section_,
           line_of(start));
    return name;
  }

  // Adds keys = value under table; intermediate keys make or reopen tables
  // made by dotted keys of this same section.
  void insert(Node* table, std::string path,
              const std::vector<std::string>& keys, std::unique_ptr<Node> value,
              int section, int line) {
    for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
      path = join_path(path, keys[i]);
      const auto it = table->children.find(keys[i]);
      if (it == table->children.end()) {
        table = add_child(table, keys[i],
                          make_table(line, Origin::dotted, section));
        continue;
      }
      Node* child = it->second.get();
      const auto what = [&] {
        return key_text(
            path, std::vector<std::string>(keys.begin() + i + 1, keys.end()));
      };
      if (child->type != Value::Type::table) {
        fail_line(line, "cannot define " + what() + ": " + path +
                            " is already " + describe(*child) + " (" +
                            line_note(*child) + ")");
      }
      switch (child->origin) {
        case Origin::implied:
          child->origin = Origin::dotted;
          child->section = section;
          child->line = line;
          break;
        case Origin::dotted:
          if (child->section == section) break;
          fail_line(line, "cannot define " + what() + ": table " + path +
                              " was defined by dotted keys on " +
                              line_note(*child) +
                              " and cannot be extended from here");
        case Origin::header:
          fail_line(line, "cannot define " + what() + ": table [" + path +
                              "] has its own header on " + line_note(*child));
        case Origin::inline_table:
          fail_line(line, "cannot define " + what() + ": " + path +
                              " is an inline table (" + line_note(*child) +
                              ") and cannot be extended");
      }
      table = child;
    }
    const std::string& key = keys.back();
    const auto it = table->children.find(key);
    if (it != table->children.end()) {
      fail_line(line, "duplicate key " + join_path(path, key) +
                          " (first defined on " + line_note(*it->second) + ")");
    }
    add_child(table, key, std::move(value));
  }

  // ---- values

  std::unique_ptr<Node> parse_value(int depth, const std::string& path) {
    if (depth > max_depth) fail(pos_, "values are nested too deeply");
    const std::size_t start = pos_;
    auto node = std::make_unique<Node>();
    node->line = line_of(start);
    node->type = Value::Type::string;
    switch (peek()) {
      case '"':
        node->text = starts_with("\"\"\"") ? parse_multiline_basic_string()
                                           : parse_basic_string();
        return node;
      case '\'':
        node->text = starts_with("'''") ? parse_multiline_literal_string()
                                        : parse_literal_string();
        return node;
      case '[':
        return parse_array(depth, path);
      case '{':
        return parse_inline_table(depth, path);
      default:
        parse_bare_value(*node);
        return node;
    }
  }

  // \n, \uXXXX, ... at pos (the backslash); appends the character.
  void parse_escape(std::string& out, bool multiline) {
    const std::size_t start = pos_;
    ++pos_;
    const char c = peek();
    switch (c) {
      case 'b':
        out += '\b';
        ++pos_;
        return;
      case 't':
        out += '\t';
        ++pos_;
        return;
      case 'n':
        out += '\n';
        ++pos_;
        return;
      case 'f':
        out += '\f';
        ++pos_;
        return;
      case 'r':
        out += '\r';
        ++pos_;
        return;
      case '"':
        out += '"';
        ++pos_;
        return;
      case '\\':
        out += '\\';
        ++pos_;
        return;
      case 'u':
      case 'U': {
        const std::size_t count = c == 'u' ? 4 : 8;
        ++pos_;
        char32_t cp = 0;
        for (std::size_t k = 0; k < count; ++k) {
          const int digit = digit_value(peek());
          if (digit > 15) {
            fail(start, std::string("\\") + c + " needs " +
                            std::to_string(count) + " hex digits");
          }
          cp = cp * 16 + static_cast<char32_t>(digit);
          ++pos_;
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          fail(start, "escape " + src_.substr(start, pos_ - start) +
                          " is not a Unicode character");
        }
        append_utf8(out, cp);
        return;
      }
      default:
        break;
    }
    if (multiline && (c == ' ' || c == '\t' || at_newline())) {
      // A backslash ending the line: skip the line end and the blanks and
      // line ends after it.
      skip_blanks();
      if (!at_newline()) {
        fail(start, "a backslash followed by blanks must end the line");
      }
      while (peek() == ' ' || peek() == '\t' || at_newline()) {
        if (at_newline()) {
          skip_newline();
        } else {
          ++pos_;
        }
      }
      return;
    }
    if (at_end()) fail(start, "unterminated string");
    if (at_newline())
      fail(start, "unterminated string (a backslash ends the line)");
    const std::size_t n =
        sequence_length(static_cast<unsigned char>(src_[pos_]));
    fail(start, "invalid escape \\" + src_.substr(pos_, n) +
                    " (write \\\\ for a backslash)");
  }

  std::string parse_basic_string() {
    const std::size_t start = pos_;
    ++pos_;
    std::string out;
    while (true) {
      if (at_end() || at_newline()) {
        fail(start,
             "unterminated string: missing \" before the end of the line");
      }
      const char c = peek();
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        parse_escape(out, false);
      } else {
        out += c;
        ++pos_;
      }
    }
  }

  std::string parse_literal_string() {
    const std::size_t start = pos_;
    ++pos_;
    const std::size_t begin = pos_;
    while (true) {
      if (at_end() || at_newline()) {
        fail(start,
             "unterminated string: missing ' before the end of the line");
      }
      if (peek() == '\'') break;
      ++pos_;
    }
    std::string out = src_.substr(begin, pos_ - begin);
    ++pos_;
    return out;
  }

  // At a run of quote characters inside a multi-line string: returns true
  // and appends up to two quotes of content when the run closes the string.
  bool closing_quotes(char quote, std::string& out) {
    std::size_t run = 0;
    while (peek(run) == quote) ++run;
    if (run < 3) {
      out.append(run, quote);
      pos_ += run;
      return false;
    }
    // Up to two quotes may end the content just before the closing three;
    // more than five is caught as text after the value.
    const std::size_t content = std::min<std::size_t>(run - 3, 2);
    out.append(content, quote);
    pos_ += content + 3;
    return true;
  }

  std::string parse_multiline_basic_string() {
    const std::size_t start = pos_;
    pos_ += 3;
    if (at_newline()) skip_newline();  // a line end right after """ is dropped
    std::string out;
    while (true) {
      if (at_end()) {
        fail(start, "unterminated multi-line string: missing closing \"\"\"");
      }
      const char c = peek();
      if (c == '"') {
        if (closing_quotes('"', out)) return out;
      } else if (c == '\\') {
        parse_escape(out, true);
      } else if (c == '\r') {
        out += '\n';
        pos_ += 2;
      } else {
        out += c;
        ++pos_;
      }
    }
  }

  std::string parse_multiline_literal_string() {
    const std::size_t start = pos_;
    pos_ += 3;
    if (at_newline()) skip_newline();
    std::string out;
    while (true) {
      if (at_end()) {
        fail(start, "unterminated multi-line string: missing closing '''");
      }
      const char c = peek();
      if (c == '\'') {
        if (closing_quotes('\'', out)) return out;
      } else if (c == '\r') {
        out += '\n';
        pos_ += 2;
      } else {
        out += c;
        ++pos_;
      }
    }
  }

  std::unique_ptr<Node> parse_array(int depth, const std::string& path) {
    const std::size_t start = pos_;
    auto node = std::make_unique<Node>();
    node->type = Value::Type::array;
    node->line = line_of(start);
    ++pos_;
    while (true) {
      skip_blank_lines();
      if (at_end()) fail(start, "unterminated array: missing ]");
      if (peek() == ']') break;
      node->items.push_back(parse_value(
          depth + 1, path + "[" + std::to_string(node->items.size()) + "]"));
      skip_blank_lines();
      if (at_end()) fail(start, "unterminated array: missing ]");
      if (peek() == ']') break;
      if (peek() != ',') {
        fail(pos_, "expected , or ] in the array of " + line_note(*node) +
                       ", found " + found_here());
      }
      ++pos_;
    }
    ++pos_;
    return node;
  }

  std::unique_ptr<Node> parse_inline_table(int depth, const std::string& path) {
    const std::size_t start = pos_;
    auto node = make_table(line_of(start), Origin::inline_table);
    const int section = next_section_++;
    ++pos_;
    const auto one_line = [&] {
      if (at_end()) fail(start, "unterminated inline table: missing }");
      if (at_newline() || peek() == '#') {
        fail(pos_,
             "an inline table must end on the line it starts (use a "
             "[table] for more lines)");
      }
    };
    skip_blanks();
    if (peek() == '}') {
      ++pos_;
      return node;
    }
    while (true) {
      one_line();
      const std::size_t key_start = pos_;
      const std::vector<std::string> keys = parse_key();
      const std::string name = key_text(path, keys);
      skip_blanks();
      if (peek() != '=') {
        one_line();
        fail(pos_, "expected = after key " + name + ", found " + found_here());
      }
      ++pos_;
      skip_blanks();
      one_line();
      if (peek() == ',' || peek() == '}') {
        fail(pos_, "missing value for key " + name);
      }
      auto value = parse_value(depth + 1, name);
      insert(node.get(), path, keys, std::move(value), section,
             line_of(key_start));
      skip_blanks();
      one_line();
      if (peek() == '}') break;
      if (peek() != ',') {
        fail(pos_,
             "expected , or } in the inline table, found " + found_here());
      }
      ++pos_;
      skip_blanks();
      if (peek() == '}') {
        fail(pos_, "no comma is allowed after the last key of an inline table");
      }
    }
    ++pos_;
    close_inline(*node);
    return node;
  }

  // Tables made by dotted keys inside an inline table are closed with it.
  static void close_inline(Node& table) {
    table.origin = Origin::inline_table;
    for (auto& entry : table.children) {
      if (entry.second->type == Value::Type::table) close_inline(*entry.second);
    }
  }

  // Numbers, booleans, dates and times, inf and nan.
  void parse_bare_value(Node& node) {
    const std::size_t start = pos_;
    while (is_bare_value_char(peek())) ++pos_;
    // "1979-05-27 07:32:00": a date, a space, then a time.
    if (pos_ - start == 10 && src_[start + 4] == '-' && peek() == ' ' &&
        is_digit(peek(1)) && is_digit(peek(2)) && peek(3) == ':') {
      ++pos_;
      while (is_bare_value_char(peek())) ++pos_;
    }
    const std::string text = src_.substr(start, pos_ - start);
    if (text.empty()) {
      if (static_cast<unsigned char>(peek()) >= 0x80 &&
          odd_space_here().empty()) {
        fail(start, "expected a value, found " + found_here() +
                        " (strings must be in quotes)");
      }
      fail(start, "expected a value, found " + found_here());
    }
    if (text == "true" || text == "false") {
      node.type = Value::Type::boolean;
      node.boolean = text == "true";
      return;
    }
    const bool sign = text[0] == '+' || text[0] == '-';
    const std::string_view body = std::string_view(text).substr(sign ? 1 : 0);
    if (body == "inf" || body == "nan") {
      node.type = Value::Type::floating;
      const double magnitude = body == "inf"
                                   ? std::numeric_limits<double>::infinity()
                                   : std::numeric_limits<double>::quiet_NaN();
      node.number = text[0] == '-' ? -magnitude : magnitude;
      return;
    }
    if (!sign &&
        ((text.size() >= 5 && digits_at(text, 0, 4) && text[4] == '-') ||
         (text.size() >= 3 && digits_at(text, 0, 2) && text[2] == ':'))) {
      const std::string problem = datetime_problem(text);
      if (!problem.empty()) {
        fail(start, "invalid date or time " + text + ": " + problem);
      }
      node.type = Value::Type::datetime;
      node.text = text;
      return;
    }
    if (body.empty() || !is_digit(body[0])) {
      const bool word = (text[0] >= 'A' && text[0] <= 'Z') ||
                        (text[0] >= 'a' && text[0] <= 'z');
      fail(start, "invalid value " + text +
                      (word ? " (strings must be in quotes)" : ""));
    }
    if (body.size() > 1 && body[0] == '0' &&
        (body[1] == 'x' || body[1] == 'o' || body[1] == 'b')) {
      parse_prefixed_integer(node, text, sign, start);
    } else if (body.find_first_of(".eE") != std::string_view::npos) {
      parse_float(node, text, body, start);
    } else {
      parse_decimal_integer(node, text, body, start);
    }
  }

  void parse_prefixed_integer(Node& node, const std::string& text, bool sign,
                              std::size_t start) {
    if (sign) {
      fail(start, "invalid number " + text +
                      ": hex, octal and binary numbers cannot have a sign");
    }
    const int base = text[1] == 'x' ? 16 : text[1] == 'o' ? 8 : 2;
    const std::string_view digits = std::string_view(text).substr(2);
    if (!valid_digits(digits, base)) fail(start, "invalid number " + text);
    std::uint64_t value = 0;
    const std::uint64_t limit = std::numeric_limits<std::int64_t>::max();
    for (const char c : digits) {
      if (c == '_') continue;
      const auto digit = static_cast<std::uint64_t>(digit_value(c));
      if (value > (limit - digit) / static_cast<std::uint64_t>(base)) {
        fail(start, "integer " + text + " is too large");
      }
      value = value * static_cast<std::uint64_t>(base) + digit;
    }
    node.type = Value::Type::integer;
    node.integer = static_cast<std::int64_t>(value);
  }

  void parse_decimal_integer(Node& node, const std::string& text,
                             std::string_view body, std::size_t start) {
    if (!valid_digits(body, 10)) fail(start, "invalid number " + text);
    if (body.size() > 1 && body[0] == '0') {
      fail(start, "invalid number " + text + ": leading zeros are not allowed");
    }
    const std::string digits =
        (text[0] == '-' ? "-" : "") + without_underscores(body);
    std::int64_t value = 0;
    const auto result =
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec != std::errc() ||
        result.ptr != digits.data() + digits.size()) {
      fail(start, "integer " + text + " is too large");
    }
    node.type = Value::Type::integer;
    node.integer = value;
  }

  void parse_float(Node& node, const std::string& text, std::string_view body,
                   std::size_t start) {
    const auto invalid = [&] { fail(start, "invalid number " + text); };
    const std::size_t int_end = body.find_first_of(".eE");
    const std::string_view whole = body.substr(0, int_end);
    if (!valid_digits(whole, 10)) invalid();
    if (whole.size() > 1 && whole[0] == '0') {
      fail(start, "invalid number " + text + ": leading zeros are not allowed");
    }
    std::size_t i = int_end;
    if (body[i] == '.') {
      const std::size_t end =
          std::min(body.find_first_of("eE", i), body.size());
      if (!valid_digits(body.substr(i + 1, end - i - 1), 10)) invalid();
      i = end;
    }
    bool negative_exponent = false;
    if (i < body.size()) {
      ++i;  // e or E
      if (i < body.size() && (body[i] == '+' || body[i] == '-')) {
        negative_exponent = body[i] == '-';
        ++i;
      }
      if (!valid_digits(body.substr(i), 10)) invalid();
    }
    const std::string digits =
        (text[0] == '-' ? "-" : "") + without_underscores(body);
    double value = 0;
    const auto result =
        std::from_chars(digits.data(), digits.data() + digits.size(), value,
                        std::chars_format::general);
    if (result.ec == std::errc::result_out_of_range && negative_exponent) {
      value = text[0] == '-' ? -0.0 : 0.0;  // too small: zero
    } else if (result.ec == std::errc::result_out_of_range) {
      fail(start, "number " + text + " is too large");
    } else if (result.ec != std::errc() ||
               result.ptr != digits.data() + digits.size()) {
      invalid();
    }
    node.type = Value::Type::floating;
    node.number = value;
  }

  // ---- freezing

  Value freeze(const Node& node) const {
    auto data = std::make_shared<Value::Data>();
    data->type = node.type;
    data->line = node.line;
    data->file = file_;
    switch (node.type) {
      case Value::Type::string:
      case Value::Type::datetime:
        data->content = node.text;
        break;
      case Value::Type::integer:
        data->content = node.integer;
        break;
      case Value::Type::floating:
        data->content = node.number;
        break;
      case Value::Type::boolean:
        data->content = node.boolean;
        break;
      case Value::Type::array: {
        Array items;
        items.reserve(node.items.size());
        for (const auto& item : node.items) items.push_back(freeze(*item));
        data->content = std::move(items);
        break;
      }
      case Value::Type::table:
        data->content = freeze_table(node);
        break;
    }
    return Value(std::move(data));
  }

  Table freeze_table(const Node& node) const {
    Table table(*file_, node.line);
    for (const auto& key : node.order) {
      table.insert(key, freeze(*node.children.at(key)));
    }
    return table;
  }

  const std::string& src_;
  std::shared_ptr<const std::string> file_;
  std::size_t pos_ = 0;
  std::vector<std::size_t> line_starts_;
  Node root_;
  Node* table_ = &root_;    // the table key/values go to
  std::string table_path_;  // its path, for messages
  int section_ = 0;         // id of the current header section
  int next_section_ = 1;
};

}  // namespace

Table parse(const std::string& text, const std::string& file) {
  return Parser(text, file).run();
}

}  // namespace danju::toml
