#include "mail/mime_reader_html.h"

#include <cctype>
#include <cstdlib>

#include "core/text.h"

namespace danju {

namespace {

bool is_block(const std::string& tag) {
  static const char* const kBlocks[] = {
      "p",  "div", "tr",  "li", "h1", "h2",    "h3",         "h4",
      "h5", "h6",  "table", "ul", "ol", "blockquote", "pre", "hr"};
  for (const char* block : kBlocks) {
    if (tag == block) return true;
  }
  return false;
}

// The named entities a mail client writes; others stay as written.
const char* named_entity(const std::string& name) {
  static const struct {
    const char* name;
    const char* text;
  } kEntities[] = {
      {"nbsp", " "},      {"amp", "&"},       {"lt", "<"},
      {"gt", ">"},        {"quot", "\""},     {"apos", "'"},
      {"yen", "\u00A5"},  {"middot", "\u00B7"}, {"mdash", "\u2014"},
      {"ndash", "\u2013"}, {"hellip", "\u2026"}, {"ldquo", "\u201C"},
      {"rdquo", "\u201D"}, {"lsquo", "\u2018"}, {"rsquo", "\u2019"},
      {"copy", "\u00A9"}, {"ensp", " "},      {"emsp", " "},
      {"thinsp", " "},    {"times", "\u00D7"},
  };
  for (const auto& entity : kEntities) {
    if (name == entity.name) return entity.text;
  }
  return nullptr;
}

// Builds the text line by line, quoting lines inside blockquotes.
class TextBuilder {
 public:
  void set_preformatted(bool on) { preformatted_ = on; }
  void enter_quote() {
    line_break();
    ++quote_depth_;
  }
  void leave_quote() {
    line_break();
    if (quote_depth_ > 0) --quote_depth_;
  }

  void add_text(std::string_view text) {
    for (char c : text) {
      const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      if (preformatted_ && c == '\n') {
        hard_break();
      } else if (blank && !preformatted_) {
        pending_space_ = !line_.empty();
      } else {
        if (pending_space_) line_.push_back(' ');
        pending_space_ = false;
        line_.push_back(c);
      }
    }
  }

  // <br>: always a new line, even an empty one.
  void hard_break() {
    finish_line();
  }

  // The end of a block: a new line unless one was just begun.
  void line_break() {
    if (!line_.empty()) finish_line();
  }

  std::string text() {
    line_break();
    while (!out_.empty() && out_.back() == '\n') out_.pop_back();
    return out_;
  }

 private:
  void finish_line() {
    for (int level = 0; level < quote_depth_; ++level) out_ += "> ";
    out_ += line_;
    out_.push_back('\n');
    line_.clear();
    pending_space_ = false;
  }

  std::string out_;
  std::string line_;
  int quote_depth_ = 0;
  bool pending_space_ = false;
  bool preformatted_ = false;
};

// Decodes the entity at html[i] ("&..."); sets length to what it used, 0
// when it is not an entity.
std::string read_entity(std::string_view html, std::size_t i,
                        std::size_t* length) {
  *length = 0;
  const std::size_t semicolon = html.find(';', i);
  if (semicolon == std::string_view::npos || semicolon - i > 12) return "";
  const std::string name(html.substr(i + 1, semicolon - i - 1));
  if (name.empty()) return "";

  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return "";
    char* end = nullptr;
    const unsigned long code = std::strtoul(digits.c_str(), &end,
                                            hex ? 16 : 10);
    const bool valid = *end == '\0' && code > 0 && code <= 0x10FFFF &&
                       !(code >= 0xD800 && code <= 0xDFFF);
    if (!valid) return "";
    std::string out;
    append_utf8(out, code == 0xA0 ? U' ' : static_cast<char32_t>(code));
    *length = semicolon - i + 1;
    return out;
  }

  const char* text = named_entity(name);
  if (text == nullptr) return "";
  *length = semicolon - i + 1;
  return text;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  TextBuilder builder;
  std::size_t i = 0;
  // Text inside these elements is not shown; the name of the one open.
  std::string hidden;

  while (i < html.size()) {
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }

    if (html[i] == '<') {
      const std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      const std::string_view inside = html.substr(i + 1, end - i - 1);
      i = end + 1;

      const bool closing = !inside.empty() && inside[0] == '/';
      std::size_t name_end = closing ? 1 : 0;
      while (name_end < inside.size() &&
             std::isalnum(static_cast<unsigned char>(inside[name_end]))) {
        ++name_end;
      }
      const std::size_t name_start = closing ? 1 : 0;
      const std::string tag =
          ascii_lower(inside.substr(name_start, name_end - name_start));

      if (!hidden.empty()) {
        if (closing && tag == hidden) hidden.clear();
        continue;
      }
      if (!closing && (tag == "head" || tag == "style" || tag == "script" ||
                       tag == "title")) {
        const bool self_closed = !inside.empty() && inside.back() == '/';
        if (!self_closed) hidden = tag;
        continue;
      }

      if (tag == "br") {
        builder.hard_break();
      } else if (tag == "blockquote") {
        closing ? builder.leave_quote() : builder.enter_quote();
      } else if (is_block(tag)) {
        builder.line_break();
        if (tag == "pre") builder.set_preformatted(!closing);
      } else if (tag == "td" || tag == "th") {
        if (closing) builder.add_text(" ");
      }
      continue;
    }

    if (!hidden.empty()) {
      ++i;
      continue;
    }

    if (html[i] == '&') {
      std::size_t length = 0;
      const std::string decoded = read_entity(html, i, &length);
      if (length > 0) {
        builder.add_text(decoded);
        i += length;
        continue;
      }
    }

    const std::size_t next = html.find_first_of("<&", i + 1);
    const std::size_t stop = next == std::string_view::npos ? html.size()
                                                            : next;
    builder.add_text(html.substr(i, stop - i));
    i = stop;
  }
  return builder.text();
}

}  // namespace danju
