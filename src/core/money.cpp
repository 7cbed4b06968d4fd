#include "core/money.h"

#include <stdexcept>

#include "core/text.h"

namespace danju {

namespace {

constexpr const char* kDigits[] = {"零", "壹", "贰", "叁", "肆",
                                   "伍", "陆", "柒", "捌", "玖"};
constexpr const char* kSmallUnits[] = {"", "拾", "佰", "仟"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Removes one currency mark or a trailing 元, as written in spreadsheets.
std::string_view strip_currency(std::string_view text) {
  for (std::string_view mark : {"¥", "￥", "RMB", "CNY"}) {
    if (text.substr(0, mark.size()) == mark) {
      text.remove_prefix(mark.size());
      break;
    }
  }
  const std::string_view yuan = "元";
  if (text.size() >= yuan.size() &&
      text.substr(text.size() - yuan.size()) == yuan) {
    text.remove_suffix(yuan.size());
  }
  return text;
}

// True when the commas of an integer part sit every three digits.
bool separators_well_placed(std::string_view whole) {
  if (whole.find(',') == std::string_view::npos) return true;
  const auto pieces = split(whole, ',');
  if (pieces.front().empty() || pieces.front().size() > 3) return false;
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    if (pieces[i].size() != 3) return false;
  }
  return true;
}

}  // namespace

Money Money::percent(int pct) const {
  const std::int64_t scaled = fen_ * pct;
  return Money((scaled + (scaled >= 0 ? 50 : -50)) / 100);
}

std::optional<Money> parse_money(std::string_view raw, std::string* error,
                                 bool allow_negative) {
  const std::string folded = trim(fold_full_width(raw));
  std::string_view text = folded;
  if (text.empty()) {
    *error = "empty amount";
    return std::nullopt;
  }

  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  } else if (text.front() == '(' && text.back() == ')') {
    negative = true;  // accounting style (500.00)
    text = text.substr(1, text.size() - 2);
  }
  text = strip_currency(text);
  const std::string compact = trim(text);
  text = compact;

  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view decimals =
      point == std::string_view::npos ? std::string_view()
                                      : text.substr(point + 1);
  bool digits_only = !whole.empty();
  for (char c : whole) digits_only = digits_only && (is_digit(c) || c == ',');
  for (char c : decimals) digits_only = digits_only && is_digit(c);
  if (!digits_only || !separators_well_placed(whole) ||
      (point != std::string_view::npos && decimals.empty())) {
    *error = "not an amount: \"" + one_line(raw) + "\"";
    return std::nullopt;
  }
  if (decimals.size() > 2) {
    *error = "more than two decimals: \"" + one_line(raw) + "\"";
    return std::nullopt;
  }

  std::int64_t fen = 0;
  for (char c : whole) {
    if (c == ',') continue;
    if (fen > (INT64_MAX / 10 - 9) / 100) {
      *error = "amount too large: \"" + one_line(raw) + "\"";
      return std::nullopt;
    }
    fen = fen * 10 + (c - '0');
  }
  fen *= 100;
  if (decimals.size() >= 1) fen += (decimals[0] - '0') * 10;
  if (decimals.size() == 2) fen += decimals[1] - '0';

  if (negative && fen != 0 && !allow_negative) {
    *error = "negative amount: \"" + one_line(raw) + "\"";
    return std::nullopt;
  }
  return Money(negative ? -fen : fen);
}

std::string format_plain(Money amount) {
  const bool negative = amount.negative();
  const std::uint64_t fen = negative ? -static_cast<std::uint64_t>(amount.fen())
                                     : static_cast<std::uint64_t>(amount.fen());
  const std::string whole = std::to_string(fen / 100);
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(whole[i]);
  }
  const unsigned cents = static_cast<unsigned>(fen % 100);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + cents / 10));
  out.push_back(static_cast<char>('0' + cents % 10));
  return out;
}

std::string format_yuan(Money amount) {
  if (amount.negative()) {
    return "-¥" + format_plain(Money(-amount.fen()));
  }
  return "¥" + format_plain(amount);
}

std::string rmb_capitals(Money amount) {
  if (amount.negative()) {
    throw std::invalid_argument("negative amounts have no capitals");
  }
  const std::string digits = std::to_string(amount.fen() / 100);
  const int jiao = static_cast<int>(amount.fen() / 10 % 10);
  const int fen = static_cast<int>(amount.fen() % 10);
  const bool has_yuan = amount.fen() >= 100;

  // Integer part, digit by digit from the top. A run of zeros followed by a
  // non-zero digit prints one 零, across 万 and 亿 boundaries as well; 万 and
  // 亿 follow every group of four that holds a non-zero digit (亿 also when
  // only the 万亿 group above it does).
  std::string out;
  bool zero_pending = false;
  bool group_has_digit = false;
  bool higher_has_digit = false;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; has_yuan && i < n; ++i) {
    const int digit = digits[i] - '0';
    const std::size_t position = n - 1 - i;  // 0 = ones
    if (digit == 0) {
      zero_pending = zero_pending || !out.empty();
    } else {
      if (zero_pending) out += "零";
      zero_pending = false;
      out += kDigits[digit];
      out += kSmallUnits[position % 4];
      group_has_digit = true;
    }
    if (position % 4 == 0 && position > 0) {
      const std::size_t group = position / 4;
      if (group % 2 == 1 && group_has_digit) out += "万";
      if (group % 2 == 0 && (group_has_digit || higher_has_digit)) {
        out += "亿";
      }
      higher_has_digit = group % 2 == 1 && group_has_digit;
      group_has_digit = false;
    }
  }

  if (!has_yuan && jiao == 0 && fen == 0) return "零元整";
  if (has_yuan) out += "元";
  if (jiao != 0) {
    out += kDigits[jiao];
    out += "角";
  } else if (fen != 0 && has_yuan) {
    out += "零";
  }
  if (fen != 0) {
    out += kDigits[fen];
    out += "分";
  } else {
    out += "整";
  }
  return out;
}

}  // namespace danju
