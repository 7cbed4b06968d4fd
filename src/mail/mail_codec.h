// Messages as the outbox keeps them: a JSON text of the MailMessage, from
// which the exact MIME is composed again when it is sent (attachments are
// read from the recorded document files then).
#pragma once

#include <string>

#include "mail/mail_message.h"

namespace danju {

std::string encode_mail(const MailMessage& message);

// Throws std::runtime_error when the text is not an encoded message.
MailMessage decode_mail(const std::string& text);

}  // namespace danju
