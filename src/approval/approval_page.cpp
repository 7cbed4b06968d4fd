#include "approval/approval_page.h"

namespace danju {

namespace {

// Sized for a phone first; a table of facts wraps rather than scrolls.
const char kStyle[] =
    "body{font-family:sans-serif;margin:0;padding:1em;line-height:1.5;"
    "color:#222;background:#f6f6f6}"
    "main{max-width:40em;margin:0 auto;background:#fff;padding:1em 1.25em;"
    "border-radius:6px}"
    "h1{font-size:1.4em;margin:.2em 0 .6em}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0}"
    "th,td{text-align:left;vertical-align:top;padding:.3em .4em;"
    "border-bottom:1px solid #ddd;word-break:break-word}"
    "textarea{width:100%;box-sizing:border-box;min-height:6em;"
    "font-size:1em}"
    "button{font-size:1.1em;padding:.6em 1.4em;margin-top:.8em;"
    "border:0;border-radius:4px;color:#fff;background:#2a6f2a}"
    "button.reject{background:#a32a2a}"
    ".notice{padding:.6em;background:#fff3cd;border-radius:4px}"
    ".quiet{color:#666;font-size:.9em}";

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string page_html(const std::string& title,
                      const std::string& body_html) {
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n";
  page += "<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" "
          "content=\"width=device-width, initial-scale=1\">\n";
  page += "<meta name=\"robots\" content=\"noindex, nofollow\">\n";
  page += "<title>" + html_escape(title) + " - 单据审批</title>\n";
  page += std::string("<style>") + kStyle + "</style>\n";
  page += "</head>\n<body>\n<main>\n";
  page += body_html;
  page += "</main>\n</body>\n</html>\n";
  return page;
}

}  // namespace danju
