// Dates and times in the job's time zone, whatever the server's zone is.
//
// A business date (营业日) is the calendar date in the job's zone; documents
// are dated with it and `--date` replays a past one. Timestamps recorded in
// the database carry the zone's offset ("2026-12-04T02:10:00+08:00").
#pragma once

#include <ctime>
#include <string>

namespace danju {

class BusinessClock {
 public:
  // Uses the zone for every local-time conversion of this process (the
  // process's TZ is set: one job per process). Throws std::runtime_error for
  // a zone without a tzdata file.
  explicit BusinessClock(const std::string& time_zone);

  const std::string& time_zone() const { return zone_; }

  // Today's date in the zone, YYYY-MM-DD.
  std::string today() const;

  // Now, as ISO 8601 with offset; as RFC 5322 for mail Date headers.
  std::string now_iso() const;
  std::string now_rfc5322() const;

  // Seconds since the epoch of an ISO timestamp this clock wrote; -1 if the
  // text is not one.
  static std::time_t parse_iso(const std::string& text);

 private:
  std::string zone_;
};

// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& text);

}  // namespace danju
