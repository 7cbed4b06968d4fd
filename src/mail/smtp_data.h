// The DATA section of an SMTP transaction (RFC 5321 4.5.2): the message as
// it must go on the wire so that it arrives byte for byte.
#pragma once

#include <string>
#include <string_view>

namespace danju {

// The message with every line end as CRLF, a "." doubled at the start of
// each line that begins with one (the server removes it again), and the
// closing "." line. A line "." or "...详见附件" thus reaches the reader
// unchanged instead of ending the message early or losing a dot.
std::string smtp_data_block(std::string_view mime);

}  // namespace danju
