#include "mail/mail_address.h"

#include <cctype>
#include <cstring>
#include <stdexcept>

#include "core/text.h"
#include "mail/encoded_word.h"

namespace danju {

namespace {

// RFC 5321 limits.
constexpr std::size_t kMaxAddress = 254;
constexpr std::size_t kMaxLocalPart = 64;

// Characters of an atom (RFC 5322 atext) besides letters and digits.
bool is_atom_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x80) return false;
  if (std::isalnum(byte)) return true;
  return c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr;
}

// A dot-atom: atoms joined by single dots, none empty.
bool is_dot_atom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.') {
      if (text[i + 1] == '.') return false;
    } else if (!is_atom_char(text[i])) {
      return false;
    }
  }
  return true;
}

// Host names: labels of letters, digits and inner hyphens.
bool is_domain(std::string_view text) {
  if (text.empty()) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('.', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view label = text.substr(start, end - start);
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return false;
      }
      if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    if (end == text.size()) return true;
    start = end + 1;
  }
}

std::string quoted_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

bool is_valid_address(const std::string& address) {
  if (address.size() > kMaxAddress) return false;
  const std::size_t at = address.rfind('@');
  if (at == std::string::npos || at == 0 || at > kMaxLocalPart) return false;
  const std::string_view whole = address;
  return is_dot_atom(whole.substr(0, at)) && is_domain(whole.substr(at + 1));
}

bool is_valid_message_id(const std::string& id) {
  if (id.size() > kMaxAddress) return false;
  const std::size_t at = id.find('@');
  if (at == std::string::npos) return false;
  const std::string_view whole = id;
  return is_dot_atom(whole.substr(0, at)) && is_dot_atom(whole.substr(at + 1));
}

void add_mailbox(HeaderFolder& field, const Mailbox& mailbox) {
  if (!is_valid_address(mailbox.address)) {
    throw std::invalid_argument("invalid e-mail address \"" +
                                one_line(mailbox.address) + "\"");
  }
  const std::string angle = "<" + mailbox.address + ">";

  const std::string name = one_line(mailbox.name);
  if (!name.empty()) {
    const std::string quoted = quoted_string(name);
    if (is_plain_header_text(name) && quoted.size() < 75) {
      field.add(quoted);
    } else {
      field.add_encoded(name);
    }
  }
  field.add(angle);
}

}  // namespace danju
