#include "mail/mail_message.h"

#include <cctype>
#include <stdexcept>

#include "core/file_io.h"
#include "core/text.h"
#include "mail/encoded_word.h"
#include "mail/header_folder.h"
#include "mail/mail_address.h"
#include "mail/mime_parameter.h"
#include "mail/transfer_encoding.h"

namespace danju {

namespace {

// A boundary made from the message id, so the same message gives the same
// bytes. "=_" cannot occur in base64 or quoted-printable text, so the
// boundary never appears inside a part.
std::string boundary(const MailMessage& message, const char* kind) {
  return "=_danju_" + std::string(kind) + "_" +
         sha256_hex(message.message_id).substr(0, 32);
}

std::string simple_field(const char* name, const std::string& value) {
  HeaderFolder field(name);
  field.add(value);
  return field.finish();
}

std::string address_field(const char* name,
                          const std::vector<Mailbox>& mailboxes) {
  HeaderFolder field(name);
  for (std::size_t i = 0; i < mailboxes.size(); ++i) {
    add_mailbox(field, mailboxes[i]);
    if (i + 1 < mailboxes.size()) field.append(",");
  }
  return field.finish();
}

void check_message(const MailMessage& message) {
  if (!is_valid_message_id(message.message_id)) {
    throw std::invalid_argument("invalid message id \"" +
                                one_line(message.message_id) + "\"");
  }
  if (!message.in_reply_to.empty() &&
      !is_valid_message_id(message.in_reply_to)) {
    throw std::invalid_argument("invalid In-Reply-To message id \"" +
                                one_line(message.in_reply_to) + "\"");
  }
  if (message.date.empty() || !is_plain_header_text(message.date)) {
    throw std::invalid_argument("invalid mail date \"" +
                                one_line(message.date) + "\"");
  }
  if (message.to.empty()) {
    throw std::invalid_argument("message " + message.message_id +
                                " has no recipient");
  }
  if (!is_valid_utf8(message.text_body) || !is_valid_utf8(message.html_body)) {
    throw std::invalid_argument("message " + message.message_id +
                                " has a body that is not valid UTF-8");
  }
}

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || !(std::isalnum(byte) || c == '-' || c == '.' ||
                          c == '+' || c == '_')) {
      return false;
    }
  }
  return true;
}

// "type/subtype" with plain tokens, nothing that could end the header.
void check_mime_type(const std::string& type) {
  const std::size_t slash = type.find('/');
  const std::string_view whole = type;
  if (slash == std::string::npos || !is_token(whole.substr(0, slash)) ||
      !is_token(whole.substr(slash + 1))) {
    throw std::invalid_argument("invalid attachment type \"" +
                                one_line(type) + "\"");
  }
}

std::string text_part(const char* subtype, const std::string& body) {
  std::string part = "Content-Type: text/";
  part += subtype;
  part += "; charset=UTF-8\r\n";
  part += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  const std::string encoded = quoted_printable(body);
  part += encoded.empty() ? "\r\n" : encoded;
  return part;
}

std::string body_part(const MailMessage& message) {
  if (message.html_body.empty()) return text_part("plain", message.text_body);

  const std::string alternative = boundary(message, "alt");
  std::string part = "Content-Type: multipart/alternative;\r\n boundary=\"" +
                     alternative + "\"\r\n\r\n";
  part += "--" + alternative + "\r\n";
  part += text_part("plain", message.text_body);
  part += "--" + alternative + "\r\n";
  part += text_part("html", message.html_body);
  part += "--" + alternative + "--\r\n";
  return part;
}

std::string file_name_of(const MailAttachment& attachment) {
  std::string name = one_line(attachment.file_name);
  if (name.empty()) {
    const std::size_t slash = attachment.path.find_last_of('/');
    name = one_line(slash == std::string::npos
                        ? attachment.path
                        : attachment.path.substr(slash + 1));
  }
  return name;
}

std::string attachment_part(const MailAttachment& attachment) {
  check_mime_type(attachment.mime_type);
  const std::string name = file_name_of(attachment);
  if (!is_valid_utf8(name)) {
    throw std::invalid_argument("attachment name of " + attachment.path +
                                " is not valid UTF-8");
  }
  const std::string content = read_file(attachment.path);

  HeaderFolder type("Content-Type");
  type.add(attachment.mime_type + ";");
  add_name_parameter(type, name);

  HeaderFolder disposition("Content-Disposition");
  disposition.add("attachment;");
  add_filename_parameter(disposition, name);

  return type.finish() + "Content-Transfer-Encoding: base64\r\n" +
         disposition.finish() + "\r\n" +
         (content.empty() ? "\r\n" : base64_lines(content));
}

}  // namespace

std::string compose_mime(const MailMessage& message) {
  check_message(message);

  std::string out;
  out += simple_field("Date", message.date);
  out += address_field("From", {message.from});
  out += address_field("To", message.to);
  if (!message.cc.empty()) out += address_field("Cc", message.cc);
  if (!message.reply_to.address.empty()) {
    out += address_field("Reply-To", {message.reply_to});
  }

  HeaderFolder subject("Subject");
  subject.add_text(message.subject);
  out += subject.finish();

  out += simple_field("Message-ID", "<" + message.message_id + ">");
  if (!message.in_reply_to.empty()) {
    out += simple_field("In-Reply-To", "<" + message.in_reply_to + ">");
    out += simple_field("References", "<" + message.in_reply_to + ">");
  }
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "X-Mailer: Danju\r\n";

  const std::string mixed = boundary(message, "mixed");
  out += "Content-Type: multipart/mixed;\r\n boundary=\"" + mixed +
         "\"\r\n\r\n";

  out += "--" + mixed + "\r\n";
  out += body_part(message);
  for (const MailAttachment& attachment : message.attachments) {
    out += "--" + mixed + "\r\n";
    out += attachment_part(attachment);
  }
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace danju
