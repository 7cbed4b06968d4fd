#include "core/identifier.h"

#include <regex>

namespace danju {

bool is_safe_identifier(std::string_view text) {
  if (text.empty() || text.size() > kMaxDocumentNumber) return false;
  if (text.front() == '.' || text.front() == '-') return false;
  if (text.find("..") != std::string_view::npos) return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    c == '.';
    if (!ok) return false;
  }
  return true;
}

bool looks_like_scientific_notation(std::string_view text) {
  static const std::regex pattern(R"(^\s*[0-9](\.[0-9]+)?[eE][+-]?[0-9]+\s*$)");
  return std::regex_match(text.begin(), text.end(), pattern);
}

}  // namespace danju
