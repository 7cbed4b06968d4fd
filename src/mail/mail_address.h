// Mailboxes as they appear in From, To and Cc.
#pragma once

#include "mail/header_folder.h"
#include "mail/mail_message.h"

namespace danju {

// Adds "display name <address>" to the field: the name as a quoted string
// when plain ASCII, else as encoded-words; no name gives "<address>".
// Throws std::invalid_argument when the address fails is_valid_address.
void add_mailbox(HeaderFolder& field, const Mailbox& mailbox);

// A message id without its <>: a dot-atom, "@", a dot-atom, in printable
// ASCII, as RFC 5322 3.6.4 writes them.
bool is_valid_message_id(const std::string& id);

}  // namespace danju
