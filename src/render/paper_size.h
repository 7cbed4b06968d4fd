// Paper sizes a template may name: the office sheets and the 241 mm wide
// continuous multi-part paper (电脑打印纸) that offices print forms on,
// whole (241×280), in halves (241×140) and in thirds (241×93).
#pragma once

#include <string>

namespace danju {

// "A4, A5, 241x280, 241x140, 241x93": for messages.
extern const char* const kPaperSizeNames;

// Sets *width and *height (mm, portrait as named) for a known name; false
// for any other.
bool paper_size(const std::string& name, double* width, double* height);

}  // namespace danju
