#include "mail/reply_message.h"

#include <cctype>

#include "core/text.h"
#include "mail/header_decoder.h"
#include "mail/mime_reader.h"
#include "mail/mime_reader_charset.h"
#include "mail/mime_reader_html.h"

namespace danju {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Removes RFC 5322 comments "(...)" from a structured field.
std::string without_comments(std::string_view value) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (quoted) {
      out.push_back(c);
      if (c == '\\' && i + 1 < value.size()) out.push_back(value[++i]);
      else if (c == '"') quoted = false;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      if (c == '"') quoted = true;
      out.push_back(c);
    }
  }
  return out;
}

// A display name as written: quotes and backslash escapes removed.
std::string unquote(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      out.push_back(text[++i]);
    } else if (text[i] != '"') {
      out.push_back(text[i]);
    }
  }
  return trim(out);
}

// The first mailbox of an address list: its display name (decoded) and
// addr-spec (lower case).
void read_first_mailbox(const std::string& field, std::string* name,
                        std::string* address) {
  // The list ends at the first comma outside quotes and angle brackets.
  std::size_t end = 0;
  bool quoted = false;
  bool angled = false;
  for (; end < field.size(); ++end) {
    const char c = field[end];
    if (c == '\\' && quoted) {
      ++end;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '<') {
      angled = true;
    } else if (!quoted && c == '>') {
      angled = false;
    } else if (!quoted && !angled && c == ',') {
      break;
    }
  }
  const std::string mailbox = field.substr(0, end);

  const std::size_t open = mailbox.rfind('<');
  const std::size_t close = mailbox.rfind('>');
  if (open != std::string::npos && close != std::string::npos &&
      close > open) {
    *address = ascii_lower(trim(mailbox.substr(open + 1, close - open - 1)));
    *name = decode_header_text(unquote(without_comments(
        mailbox.substr(0, open))));
    return;
  }

  // "approver@example.com (王喆)": the old form, the name in a comment.
  const std::size_t comment = mailbox.find('(');
  *address = ascii_lower(trim(without_comments(mailbox)));
  if (comment != std::string::npos) {
    const std::size_t comment_end = mailbox.find(')', comment);
    *name = decode_header_text(
        trim(mailbox.substr(comment + 1, comment_end == std::string::npos
                                             ? std::string::npos
                                             : comment_end - comment - 1)));
  }
}

// Message ids in a field, without <>, added to ids when not there yet.
void add_message_ids(const std::string& field, std::vector<std::string>* ids) {
  const std::string value = without_comments(field);
  std::vector<std::string> found;
  std::size_t i = 0;
  while ((i = value.find('<', i)) != std::string::npos) {
    const std::size_t close = value.find('>', i);
    if (close == std::string::npos) break;
    found.push_back(trim(value.substr(i + 1, close - i - 1)));
    i = close + 1;
  }
  // Some clients write an id without its brackets.
  const std::string bare = trim(value);
  if (found.empty() && bare.find('@') != std::string::npos &&
      bare.find_first_of(" \t") == std::string::npos) {
    found.push_back(bare);
  }

  for (const std::string& id : found) {
    if (id.empty()) continue;
    bool known = false;
    for (const std::string& seen : *ids) known = known || seen == id;
    if (!known) ids->push_back(id);
  }
}

// The first text/plain part that is not an attachment; else the first such
// text/html part. message/rfc822 parts are not searched: they hold a
// forwarded message, not the reply.
const MimeEntity* find_text_part(const MimeEntity& entity,
                                 const std::string& media_type) {
  if (!entity.parts.empty()) {
    for (const MimeEntity& part : entity.parts) {
      const MimeEntity* found = find_text_part(part, media_type);
      if (found) return found;
    }
    return nullptr;
  }
  const bool attached =
      entity.disposition == "attachment" || entity.has_file_name;
  if (entity.media_type == media_type && !attached) return &entity;
  return nullptr;
}

// An HTML part without a charset parameter may name one in a <meta>.
std::string html_meta_charset(const std::string& html) {
  const std::string head = ascii_lower(html.substr(0, 4096));
  const std::size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  std::size_t i = at + 8;
  while (i < head.size() && (head[i] == '"' || head[i] == '\'')) ++i;
  const std::size_t start = i;
  while (i < head.size() &&
         (std::isalnum(static_cast<unsigned char>(head[i])) ||
          head[i] == '-' || head[i] == '_')) {
    ++i;
  }
  return head.substr(start, i - start);
}

std::string body_text(const MimeEntity& message) {
  if (const MimeEntity* plain = find_text_part(message, "text/plain")) {
    return text_from_charset(plain->body, plain->charset);
  }
  if (const MimeEntity* html = find_text_part(message, "text/html")) {
    const std::string charset =
        html->charset.empty() ? html_meta_charset(html->body) : html->charset;
    return html_to_text(text_from_charset(html->body, charset));
  }
  return "";
}

// The first word of a structured field, lower case: "auto-replied" of
// "auto-replied; owner-email=...".
std::string field_keyword(const std::string& value) {
  std::string word = ascii_lower(trim(without_comments(value)));
  const std::size_t end = word.find_first_of("; \t");
  return end == std::string::npos ? word : word.substr(0, end);
}

// Subjects that out-of-office and delivery notices start with.
bool has_automatic_subject(const std::string& subject) {
  std::string text = ascii_lower(trim(subject));
  // "[自动回复]", "【自动回复】" and "(Auto: ...)" start with a bracket.
  for (std::string_view bracket : {"[", "(", "\u3010", "\uFF3B", "\uFF08"}) {
    if (starts_with(text, bracket)) {
      text = trim(std::string_view(text).substr(bracket.size()));
      break;
    }
  }
  static const char* const kStarts[] = {
      "自动回复", "自動回覆", "automatic reply", "auto:", "auto reply",
      "autoreply", "auto-reply", "out of office", "out of the office",
      "外出", "undeliverable", "delivery status notification",
      "mail delivery failed", "returned mail", "退信", "系统退信"};
  for (const char* start : kStarts) {
    if (starts_with(text, start)) return true;
  }
  return false;
}

std::string automatic_reason(const MimeEntity& message,
                             const std::string& from_address,
                             const std::string& subject) {
  const std::string auto_submitted = message.header("Auto-Submitted");
  if (!auto_submitted.empty() && field_keyword(auto_submitted) != "no") {
    return "Auto-Submitted: " + one_line(auto_submitted);
  }
  for (const char* name : {"X-Autoreply", "X-Autorespond", "X-Autoresponder",
                           "X-Failed-Recipients"}) {
    const std::string value = message.header(name);
    if (!message.headers_named(name).empty()) {
      return std::string(name) + ": " + one_line(value);
    }
  }
  const std::string precedence = field_keyword(message.header("Precedence"));
  if (precedence == "auto_reply" || precedence == "bulk" ||
      precedence == "junk") {
    return "Precedence: " + precedence;
  }
  if (message.media_type == "multipart/report") {
    const std::string kind = header_parameter(
        message.header("Content-Type"), "report-type");
    return "a delivery or read report (multipart/report" +
           (kind.empty() ? std::string() : "; " + ascii_lower(kind)) + ")";
  }

  const std::string local = from_address.substr(0, from_address.find('@'));
  if (local == "mailer-daemon" || local == "postmaster") {
    return "sent by " + from_address;
  }
  if (has_automatic_subject(subject)) {
    return "an automatic reply's subject: " + subject;
  }
  return "";
}

}  // namespace

ReplyMessage read_reply_message(std::string_view raw) {
  MimeEntity message;
  if (raw.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw ReplyError("the message is empty");
  }
  if (!read_mime_entity(raw, &message)) {
    throw ReplyError(
        "not a mail message: the first line is no header field "
        "(\"Name: value\")");
  }
  if (message.header("From").empty() && message.header("Subject").empty() &&
      message.header("Message-ID").empty() && message.header("Date").empty()) {
    throw ReplyError(
        "not a mail message: it has none of From, Subject, Date and "
        "Message-ID");
  }

  ReplyMessage reply;
  std::vector<std::string> ids;
  add_message_ids(message.header("Message-ID"), &ids);
  if (!ids.empty()) reply.message_id = ids.front();
  for (const std::string& field : message.headers_named("In-Reply-To")) {
    add_message_ids(field, &reply.references);
  }
  for (const std::string& field : message.headers_named("References")) {
    add_message_ids(field, &reply.references);
  }

  read_first_mailbox(message.header("From"), &reply.from_name,
                     &reply.from_address);
  reply.from_name = trim(one_line(reply.from_name));
  reply.subject = trim(one_line(decode_header_text(message.header("Subject"))));
  reply.date = message.header("Date");
  reply.text = body_text(message);
  reply.automatic = automatic_reason(message, reply.from_address,
                                     reply.subject);

  for (const std::string& value :
       message.headers_named("Authentication-Results")) {
    if (!reply.authentication_results.empty()) {
      reply.authentication_results += "; ";
    }
    reply.authentication_results += value;
  }
  return reply;
}

}  // namespace danju
