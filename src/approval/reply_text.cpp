// own_words(): where the approver's new text ends and the quoted original,
// or the signature, begins.
#include "approval/reply_intent.h"

#include <cctype>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace danju {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

bool is_quote_line(const std::string& line) {
  return starts_with(line, ">") || starts_with(line, "\uFF1E");
}

// "-- ", "--", "______", "——": a signature or an Outlook rule above the
// quoted header block.
bool is_rule_line(const std::string& line) {
  if (line.empty()) return false;
  std::size_t marks = 0;
  for (char32_t c : decode_utf8(line)) {
    if (c == '-' || c == '_' || c == U'\u2014' || c == U'\uFF3F') {
      ++marks;
    } else if (c != ' ') {
      return false;
    }
  }
  return marks >= 2;
}

// "-----原始邮件-----", "-----Original Message-----", "---------- Forwarded
// message ---------", "------------------ 原始邮件 ------------------".
bool is_original_marker(const std::string& line) {
  if (!starts_with(line, "--") && !starts_with(line, "\u2014\u2014")) {
    return false;
  }
  const std::string text = ascii_lower(line);
  for (std::string_view words : {"原始邮件", "原邮件", "转发邮件",
                                 "original message", "forwarded message"}) {
    if (text.find(words) != std::string::npos) return true;
  }
  return false;
}

bool is_chinese_attribution_end(const std::string& line) {
  return ends_with(line, "写道：") || ends_with(line, "写道:");
}

bool is_english_attribution_end(const std::string& line) {
  return ends_with(line, "wrote:") || ends_with(line, "wrote\uFF1A");
}

// The label of a header line in a quoted block ("From", "发件人"), or "" when
// the line is not "Label: ..." (bold markers "*From:*" allowed).
std::string header_label(const std::string& line) {
  std::string text = line;
  while (starts_with(text, "*")) text.erase(0, 1);
  std::size_t colon = text.find(':');
  const std::size_t wide = text.find("\uFF1A");
  if (wide != std::string::npos && (colon == std::string::npos ||
                                    wide < colon)) {
    colon = wide;
  }
  if (colon == std::string::npos || colon == 0 || colon > 24) return "";
  return ascii_lower(trim(text.substr(0, colon)));
}

bool is_from_label(const std::string& label) {
  return label == "from" || label == "发件人" || label == "寄件者";
}

bool is_other_header_label(const std::string& label) {
  for (std::string_view name :
       {"sent", "date", "to", "cc", "subject", "发送时间", "时间", "日期",
        "收件人", "抄送", "主题", "寄件日期", "收件者", "主旨"}) {
    if (label == name) return true;
  }
  return false;
}

// True when lines[at] starts the quoted original or the signature.
bool starts_cut(const std::vector<std::string>& lines, std::size_t at) {
  const std::string& line = lines[at];
  if (is_rule_line(line) || is_original_marker(line)) return true;
  if (is_chinese_attribution_end(line)) return true;
  if (is_english_attribution_end(line) &&
      (starts_with(line, "On ") || line.find('@') != std::string::npos)) {
    return true;
  }

  // Attributions that a mailer wrapped onto a second line.
  const bool next_exists = at + 1 < lines.size();
  if (next_exists && starts_with(line, "在") &&
      is_chinese_attribution_end(lines[at + 1])) {
    return true;
  }
  if (next_exists && starts_with(line, "On ") &&
      is_english_attribution_end(lines[at + 1])) {
    return true;
  }

  // Outlook's header block: From: followed by Sent:, To: or Subject:.
  if (is_from_label(header_label(line))) {
    for (std::size_t k = at + 1; k < lines.size() && k <= at + 5; ++k) {
      if (is_other_header_label(header_label(lines[k]))) return true;
    }
  }
  return false;
}

}  // namespace

std::string own_words(const std::string& text) {
  std::vector<std::string> lines;
  for (const std::string& line : split(text, '\n')) {
    lines.push_back(trim(line));
  }

  std::vector<std::string> kept;
  for (std::size_t at = 0; at < lines.size(); ++at) {
    if (starts_cut(lines, at)) break;
    if (is_quote_line(lines[at])) continue;
    kept.push_back(lines[at]);
  }

  while (!kept.empty() && kept.back().empty()) kept.pop_back();
  std::size_t first = 0;
  while (first < kept.size() && kept[first].empty()) ++first;

  std::string out;
  for (std::size_t k = first; k < kept.size(); ++k) {
    if (k > first) out.push_back('\n');
    out += kept[k];
  }
  return out;
}

}  // namespace danju
