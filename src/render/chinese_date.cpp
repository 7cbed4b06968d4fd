#include "render/chinese_date.h"

namespace danju {

namespace {

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

}  // namespace

std::optional<std::string> chinese_date(std::string_view iso_date) {
  if (iso_date.empty()) return std::string();

  const bool shaped = iso_date.size() == 10 && iso_date[4] == '-' &&
                      iso_date[7] == '-' && all_digits(iso_date.substr(0, 4)) &&
                      all_digits(iso_date.substr(5, 2)) &&
                      all_digits(iso_date.substr(8, 2));
  if (!shaped) return std::nullopt;

  const int month = std::stoi(std::string(iso_date.substr(5, 2)));
  const int day = std::stoi(std::string(iso_date.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;

  std::string out(iso_date.substr(0, 4));
  out += "年";
  out += iso_date.substr(5, 2);
  out += "月";
  out += iso_date.substr(8, 2);
  out += "日";
  return out;
}

}  // namespace danju
