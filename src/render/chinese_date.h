// Dates as Chinese documents print them: 2026年12月04日.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace danju {

// "2026-12-04" -> "2026年12月04日" (month and day keep their two digits, as
// the forms are filled in). An empty date gives an empty string; anything
// that is not YYYY-MM-DD gives nothing, so the caller can name the field.
std::optional<std::string> chinese_date(std::string_view iso_date);

}  // namespace danju
