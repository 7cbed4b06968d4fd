// The Date: header value for a moment, so that callers can record it and
// compose the same message again later.
#pragma once

#include <ctime>
#include <string>

namespace danju {

// "Thu, 15 Aug 2024 08:30:00 +0000" (RFC 5322 3.3) for the moment, in UTC;
// day and month names in English whatever the locale.
std::string mail_date(std::time_t when);

}  // namespace danju
