// The frame every page of the approval link server shares: an HTML5
// document that reads on a phone, with its own small style sheet, no
// scripts and nothing loaded from elsewhere.
#pragma once

#include <string>
#include <string_view>

namespace danju {

// Replaces & < > " ' with character references, so the result is safe as
// element text and inside a quoted attribute value.
std::string html_escape(std::string_view text);

// A whole page. title is plain text (escaped here); body_html is markup
// the caller built, every value in it already escaped.
std::string page_html(const std::string& title, const std::string& body_html);

}  // namespace danju
