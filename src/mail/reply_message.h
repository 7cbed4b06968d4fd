// Reading a reply an approver sent: the raw message as it came from the
// mailbox, decoded into the few things that decide an approval.
//
// Everything is decoded from the raw bytes, not through Poco's reader:
// encoded-word headers (adjacent words of one charset joined before
// decoding, so a character split across two words survives), bodies in
// quoted-printable or base64, charsets UTF-8, GB2312/GBK/CP936 labels read as
// GB18030 (mailers label GBK text as gb2312), GB18030 and Big5, nested
// multiparts, and HTML-only replies turned into text.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace danju {

class ReplyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReplyMessage {
  std::string message_id;               // without <>; may be empty
  std::vector<std::string> references;  // In-Reply-To, then References;
                                        // without <>, each id once
  std::string from_address;             // lower-case addr-spec
  std::string from_name;                // decoded display name
  std::string subject;                  // decoded, UTF-8, one line
  std::string date;                     // the Date header as written
                                        // (unfolded)
  std::string text;  // the body as text (text/plain part, else the HTML's
                     // text), UTF-8, line ends \n
  // Why this is an automatic message (out-of-office, delivery report,
  // Auto-Submitted other than "no", X-Autoreply, a 自动回复 / Automatic
  // reply subject...), or empty for a message a person wrote.
  std::string automatic;
  std::string authentication_results;  // the header's value(s) as written
                                       // (unfolded), several joined by "; "
};

// Throws ReplyError when the bytes are not a mail message at all (empty,
// not starting with a header field, or with none of From, Subject, Date and
// Message-ID); a part in an unknown charset is kept as far as it decodes,
// never as U+FFFD. Every string returned is well-formed UTF-8.
ReplyMessage read_reply_message(std::string_view raw);

}  // namespace danju
