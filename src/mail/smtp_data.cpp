#include "mail/smtp_data.h"

#include "mail/transfer_encoding.h"

namespace danju {

std::string smtp_data_block(std::string_view mime) {
  const std::string text = normalize_line_ends(mime);

  std::string out;
  out.reserve(text.size() + text.size() / 64 + 8);
  bool line_start = true;
  for (char c : text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }

  if (!text.empty() && !line_start) out += "\r\n";
  out += ".\r\n";
  return out;
}

}  // namespace danju
