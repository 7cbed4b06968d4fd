#include "input/field_values.h"

#include <vector>

#include "core/identifier.h"
#include "core/text.h"

namespace danju {

namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Value of a run of at most 9 digits (callers check the length).
int digits_value(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

// Callers pass a checked date: year 1900..9999, month 1..12, day 1..31.
std::string format_date(int year, int month, int day) {
  std::string out = std::to_string(year) + "-";
  out += static_cast<char>('0' + month / 10);
  out += static_cast<char>('0' + month % 10);
  out += '-';
  out += static_cast<char>('0' + day / 10);
  out += static_cast<char>('0' + day % 10);
  return out;
}

// Excel's day numbers count from 1900-01-01 as day 1 and include a
// 1900-02-29 that never was; from day 61 on, day n is 1899-12-30 plus n.
std::string date_of_excel_serial(int serial) {
  int offset = serial - 2;  // days after 1900-01-01
  int year = 1900;
  while (offset >= (is_leap(year) ? 366 : 365)) {
    offset -= is_leap(year) ? 366 : 365;
    ++year;
  }
  int month = 1;
  while (offset >= days_in_month(year, month)) {
    offset -= days_in_month(year, month);
    ++month;
  }
  return format_date(year, month, offset + 1);
}

// Splits "2026年12月4日" into its three numbers; false if not that form.
bool split_chinese_date(std::string_view text, std::string_view* year,
                        std::string_view* month, std::string_view* day) {
  const std::size_t nian = text.find("年");
  const std::size_t yue = text.find("月");
  if (nian == std::string_view::npos || yue == std::string_view::npos ||
      yue < nian) {
    return false;
  }
  *year = text.substr(0, nian);
  *month = text.substr(nian + 3, yue - nian - 3);
  std::string_view rest = text.substr(yue + 3);
  for (std::string_view mark : {"日", "号"}) {
    if (rest.size() >= mark.size() &&
        rest.substr(rest.size() - mark.size()) == mark) {
      rest.remove_suffix(mark.size());
      break;
    }
  }
  *day = rest;
  return true;
}

bool split_numeric_date(std::string_view text, std::string_view* year,
                        std::string_view* month, std::string_view* day) {
  if (text.size() < 5) return false;
  const char separator = text[4];
  if (separator != '-' && separator != '/' && separator != '.') return false;
  const std::vector<std::string> parts = split(text, separator);
  if (parts.size() != 3 || parts[0].size() != 4) return false;
  *year = text.substr(0, 4);
  *month = text.substr(5, parts[1].size());
  *day = text.substr(6 + parts[1].size());
  return true;
}

// Drops a time of day such as " 0:00" or " 00:00:00" after the date.
std::string_view without_time_of_day(std::string_view text) {
  const std::size_t blank = text.find(' ');
  if (blank == std::string_view::npos) return text;
  const std::string_view time = text.substr(blank + 1);
  bool looks_like_time = time.find(':') != std::string_view::npos;
  for (char c : time) {
    looks_like_time = looks_like_time && ((c >= '0' && c <= '9') || c == ':');
  }
  return looks_like_time ? text.substr(0, blank) : text;
}

}  // namespace

std::optional<std::string> parse_date(std::string_view raw,
                                      std::string* error) {
  const std::string folded = trim(fold_full_width(raw));
  const std::string_view text = without_time_of_day(folded);
  const std::string refused = "not a date: \"" + one_line(raw) + "\"";

  if (text.size() == 5 && all_digits(text)) {
    return date_of_excel_serial(digits_value(text));
  }

  std::string_view year, month, day;
  if (!split_chinese_date(text, &year, &month, &day) &&
      !split_numeric_date(text, &year, &month, &day)) {
    *error = refused + " (write it as 2026-12-04)";
    return std::nullopt;
  }
  if (year.size() != 4 || !all_digits(year) || month.size() > 2 ||
      !all_digits(month) || day.size() > 2 || !all_digits(day)) {
    *error = refused + " (write it as 2026-12-04)";
    return std::nullopt;
  }

  const int y = digits_value(year);
  const int m = digits_value(month);
  const int d = digits_value(day);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
    *error = refused + " (no such day)";
    return std::nullopt;
  }
  return format_date(y, m, d);
}

std::optional<std::int64_t> parse_quantity(std::string_view raw,
                                           std::string* error) {
  std::string text = trim(fold_full_width(raw));
  const std::string refused = "not a whole number: \"" + one_line(raw) + "\"";

  // "3.00": spreadsheets format numbers with decimals; zeros lose nothing.
  const std::size_t point = text.find('.');
  if (point != std::string::npos) {
    for (std::size_t i = point + 1; i < text.size(); ++i) {
      if (text[i] != '0') {
        *error = refused;
        return std::nullopt;
      }
    }
    text.resize(point);
  }

  if (text.find(',') != std::string::npos) {
    const std::vector<std::string> groups = split(text, ',');
    bool well_placed = !groups.front().empty() && groups.front().size() <= 3;
    for (std::size_t i = 1; i < groups.size(); ++i) {
      well_placed = well_placed && groups[i].size() == 3;
    }
    if (!well_placed) {
      *error = refused;
      return std::nullopt;
    }
    std::string digits;
    for (const std::string& group : groups) digits += group;
    text = digits;
  }

  if (text.size() > 1 && text[0] == '-' && all_digits(text.substr(1))) {
    *error = "quantity must be positive: \"" + one_line(raw) + "\"";
    return std::nullopt;
  }
  if (!all_digits(text)) {
    *error = refused;
    return std::nullopt;
  }
  if (text.size() > 12) {
    *error = "quantity too large: \"" + one_line(raw) + "\"";
    return std::nullopt;
  }
  std::int64_t quantity = 0;
  for (char c : text) quantity = quantity * 10 + (c - '0');
  if (quantity == 0) {
    *error = "quantity must be positive: \"" + one_line(raw) + "\"";
    return std::nullopt;
  }
  return quantity;
}

std::optional<int> parse_percent(std::string_view raw, std::string* error) {
  std::string text = trim(fold_full_width(raw));
  if (!text.empty() && text.back() == '%') {
    text = trim(text.substr(0, text.size() - 1));
  }
  if (text.size() > 3 || !all_digits(text) || digits_value(text) > 100) {
    *error = "not a whole percentage from 0 to 100 (write 30 or 30%): \"" +
             one_line(raw) + "\"";
    return std::nullopt;
  }
  return digits_value(text);
}

bool check_document_number(std::string_view text, std::string* error,
                           std::size_t longest) {
  if (looks_like_scientific_notation(text)) {
    *error = "\"" + std::string(text) +
             "\" was turned into scientific notation by Excel and its digits "
             "are lost; format the column as text and export the file again";
    return false;
  }
  if (!is_safe_identifier(text) || text.size() > longest) {
    *error = "not a usable number: \"" + one_line(text) + "\" (1 to " +
             std::to_string(longest) +
             " letters, digits, '-', '_' or '.', not starting with '.' or "
             "'-')";
    return false;
  }
  return true;
}

std::optional<std::string> parse_order_type(BusinessLine line,
                                            std::string_view raw,
                                            std::string* error) {
  const std::string text = trim(raw);
  if (line != BusinessLine::furniture) return text;
  if (text.empty()) return std::string("正常单");

  static const std::pair<const char*, const char*> kinds[] = {
      {"正常单", "normal"}, {"加单", "add_on"},  {"补单", "replenishment"},
      {"更改单", "change"}, {"维修单", "repair"},
  };
  for (const auto& [chinese, english] : kinds) {
    if (text == chinese || text == english) return std::string(chinese);
  }
  *error = "unknown order type: \"" + one_line(text) +
           "\" (正常单, 加单, 补单, 更改单 or 维修单)";
  return std::nullopt;
}

std::optional<PaymentKind> parse_payment_kind(std::string_view raw,
                                              std::string* error) {
  const std::string text = trim(fold_full_width(raw));
  for (const char* word : {"预付款", "定金", "订金", "prepayment", "deposit"}) {
    if (text == word) return PaymentKind::prepayment;
  }
  for (const char* word : {"尾款", "余款", "全款", "balance"}) {
    if (text == word) return PaymentKind::balance;
  }
  *error = "unknown payment kind: \"" + one_line(text) +
           "\" (预付款/定金 or 尾款/余款/全款)";
  return std::nullopt;
}

}  // namespace danju
