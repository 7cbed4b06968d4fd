// An e-mail as Danju composes it, and its exact MIME form.
#pragma once

#include <string>
#include <vector>

namespace danju {

struct Mailbox {
  std::string name;     // display name, UTF-8, may be empty
  std::string address;  // addr-spec; checked by is_valid_address
};

struct MailAttachment {
  std::string path;       // file to attach
  std::string file_name;  // name the recipient sees, UTF-8 (合同_ZD1.pdf)
  std::string mime_type;  // application/pdf, ...
};

struct MailMessage {
  std::string message_id;  // without <>, e.g. "sp-12.3@danju.example"
  std::string date;        // RFC 5322 date, given so output is repeatable
  Mailbox from;
  std::vector<Mailbox> to;
  std::vector<Mailbox> cc;
  Mailbox reply_to;  // empty address: none
  std::string subject;  // UTF-8; line breaks in it become spaces
  std::string in_reply_to;  // message id without <>, may be empty
  std::string text_body;    // UTF-8 plain text
  std::string html_body;    // UTF-8 HTML, may be empty
  std::vector<MailAttachment> attachments;
};

// A simple check of an addr-spec: local@domain, printable ASCII, no blanks,
// no CR/LF, no <>; enough to keep a header from being forged.
bool is_valid_address(const std::string& address);

// The message in MIME (RFC 5322 / 2045-2047 / 2231), lines ending in CRLF,
// none longer than 998 octets: encoded-word subject and names that never
// split a character, Content-Disposition with filename*=UTF-8''... and an
// encoded name= for older clients, base64 attachments, quoted-printable or
// base64 bodies, and Auto-Submitted: auto-generated. The same message gives
// the same bytes. Throws std::invalid_argument for an invalid address or
// message id; an attachment that cannot be read throws FileError.
std::string compose_mime(const MailMessage& message);

}  // namespace danju
