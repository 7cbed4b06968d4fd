// Money: an amount as a whole number of 分 (fen, 0.01 yuan).
//
// Every amount in Danju is a Money from the moment it is read until it is
// printed; no amount is ever held in a floating-point type, so 54106.38 stays
// 5410638 fen and prints as 伍万肆仟壹佰零陆元叁角捌分.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace danju {

class Money {
 public:
  constexpr Money() = default;
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}

  constexpr std::int64_t fen() const { return fen_; }
  constexpr bool negative() const { return fen_ < 0; }

  friend constexpr Money operator+(Money a, Money b) {
    return Money(a.fen_ + b.fen_);
  }
  friend constexpr Money operator-(Money a, Money b) {
    return Money(a.fen_ - b.fen_);
  }
  friend constexpr Money operator*(Money a, std::int64_t n) {
    return Money(a.fen_ * n);
  }
  Money& operator+=(Money other) {
    fen_ += other.fen_;
    return *this;
  }
  friend constexpr bool operator==(Money a, Money b) {
    return a.fen_ == b.fen_;
  }
  friend constexpr bool operator!=(Money a, Money b) {
    return a.fen_ != b.fen_;
  }
  friend constexpr bool operator<(Money a, Money b) {
    return a.fen_ < b.fen_;
  }
  friend constexpr bool operator<=(Money a, Money b) {
    return a.fen_ <= b.fen_;
  }

  // Percentage of this amount, rounded half up to whole 分.
  Money percent(int pct) const;

 private:
  std::int64_t fen_ = 0;
};

// Reads an amount as people and spreadsheets write it: "1005", "1,005.00",
// "¥12.30", "１，２３４．５０" (full-width digits and punctuation), with
// surrounding blanks. Thousands separators must sit every three digits.
// Returns nothing and sets *error to a short reason ("more than two
// decimals", "negative amount", "not a number: ...") when the text is not an
// amount; never rounds. A negative amount is rejected unless allow_negative.
std::optional<Money> parse_money(std::string_view text, std::string* error,
                                 bool allow_negative = false);

// "¥12,345.60" (a minus sign before the ¥ when negative).
std::string format_yuan(Money amount);

// "12,345.60", for table cells under a 金额（元） heading.
std::string format_plain(Money amount);

// The amount in Chinese capitals as written on contracts and vouchers, without
// the 人民币 prefix: 1005 yuan -> 壹仟零伍元整, 0.29 -> 贰角玖分. The amount
// must not be negative (precondition; a negative amount throws
// std::invalid_argument).
std::string rmb_capitals(Money amount);

}  // namespace danju
