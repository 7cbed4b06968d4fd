#include "core/business_clock.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace danju {

namespace {

std::string format_now(const char* pattern) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, pattern, &local);
  return buffer;
}

}  // namespace

BusinessClock::BusinessClock(const std::string& time_zone) : zone_(time_zone) {
  if (zone_.find("..") != std::string::npos ||
      !std::filesystem::exists("/usr/share/zoneinfo/" + zone_)) {
    throw std::runtime_error("unknown time zone " + zone_);
  }
  ::setenv("TZ", zone_.c_str(), 1);
  ::tzset();
}

std::string BusinessClock::today() const { return format_now("%Y-%m-%d"); }

std::string BusinessClock::now_iso() const {
  // strftime's %z gives +0800; ISO 8601 and RFC 3339 want +08:00.
  std::string text = format_now("%Y-%m-%dT%H:%M:%S%z");
  text.insert(text.size() - 2, ":");
  return text;
}

std::string BusinessClock::now_rfc5322() const {
  // Day and month names must be English whatever the locale: the C locale
  // is the one in force, as Danju never calls setlocale.
  return format_now("%a, %d %b %Y %H:%M:%S %z");
}

std::time_t BusinessClock::parse_iso(const std::string& text) {
  int y, mo, d, h, mi, s, oh, om;
  char sign;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &y, &mo,
                  &d, &h, &mi, &s, &sign, &oh, &om) != 9 ||
      (sign != '+' && sign != '-')) {
    return -1;
  }
  std::tm utc{};
  utc.tm_year = y - 1900;
  utc.tm_mon = mo - 1;
  utc.tm_mday = d;
  utc.tm_hour = h;
  utc.tm_min = mi;
  utc.tm_sec = s;
  const long offset = (oh * 3600L + om * 60L) * (sign == '+' ? 1 : -1);
  return ::timegm(&utc) - offset;
}

bool is_iso_date(const std::string& text) {
  int y, m, d;
  char tail;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
    return false;
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace danju
