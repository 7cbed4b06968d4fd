#include "approval/approval_link.h"

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>

#include <optional>
#include <stdexcept>

#include "core/text.h"

namespace danju {

namespace {

constexpr unsigned char kVersion = 0x01;
constexpr std::size_t kFixedPart = 1 + 8 + 8 + 1;
constexpr std::size_t kMaxApprover = 320;
constexpr std::size_t kDigestSize = 32;
// Longer than any token sign_link can make; longer input is not parsed.
constexpr std::size_t kMaxToken = 1024;

// Poco's HMAC template wants the block and digest sizes as constants,
// which its SHA-2 engine does not declare.
class Sha256Engine : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  Sha256Engine() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

const char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int alphabet_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::string base64url_encode(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned value = static_cast<unsigned char>(bytes[i]) << 16 |
                           static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[value >> 18 & 63];
    out += kAlphabet[value >> 12 & 63];
    out += kAlphabet[value >> 6 & 63];
    out += kAlphabet[value & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[value >> 18 & 63];
    out += kAlphabet[value >> 12 & 63];
  } else if (rest == 2) {
    const unsigned value = static_cast<unsigned char>(bytes[i]) << 16 |
                           static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[value >> 18 & 63];
    out += kAlphabet[value >> 12 & 63];
    out += kAlphabet[value >> 6 & 63];
  }
  return out;
}

// Strict: only the URL alphabet, no padding, and the bits a short last
// group leaves over must be zero, so each byte string has exactly one
// spelling and no changed character can decode to the same bytes.
std::optional<std::string> base64url_decode(const std::string& text) {
  if (text.size() % 4 == 1) return std::nullopt;

  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = alphabet_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6 | static_cast<unsigned>(value)) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(buffer >> bits & 0xFF);
    }
  }

  if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

void append_big_endian(std::string& out, std::int64_t value) {
  const auto bits = static_cast<std::uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) {
    out += static_cast<char>(bits >> shift & 0xFF);
  }
}

std::int64_t read_big_endian(const std::string& bytes, std::size_t at) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    bits = bits << 8 | static_cast<unsigned char>(bytes[at + i]);
  }
  return static_cast<std::int64_t>(bits);
}

bool acceptable_approver(const std::string& approver) {
  if (approver.empty() || approver.size() > kMaxApprover) return false;
  if (!is_valid_utf8(approver)) return false;
  for (const char c : approver) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return false;
  }
  return true;
}

std::string mac(const std::string& payload, const std::string& secret) {
  Poco::HMACEngine<Sha256Engine> engine(secret);
  engine.update(payload.data(), payload.size());
  const Poco::DigestEngine::Digest& digest = engine.digest();
  return std::string(digest.begin(), digest.end());
}

// Reads a payload's fields; false when any of them is out of its range.
bool parse_payload(const std::string& payload, LinkClaim* claim) {
  if (payload.size() <= kFixedPart) return false;
  if (static_cast<unsigned char>(payload[0]) != kVersion) return false;

  claim->step_id = read_big_endian(payload, 1);
  claim->expires_at = read_big_endian(payload, 9);
  const char decision = payload[17];
  claim->approver = payload.substr(kFixedPart);

  if (claim->step_id <= 0) return false;
  if (decision == 'a') {
    claim->decision = "approve";
  } else if (decision == 'r') {
    claim->decision = "reject";
  } else {
    return false;
  }
  return acceptable_approver(claim->approver);
}

}  // namespace

std::string sign_link(const LinkClaim& claim, const std::string& secret) {
  if (secret.empty()) {
    throw std::invalid_argument("the link secret is empty");
  }
  if (claim.step_id <= 0) {
    throw std::invalid_argument("a link needs an approval step id above 0");
  }
  if (claim.decision != "approve" && claim.decision != "reject") {
    throw std::invalid_argument("a link's decision must be approve or "
                                "reject, not \"" +
                                one_line(claim.decision) + "\"");
  }
  if (!acceptable_approver(claim.approver)) {
    throw std::invalid_argument(
        "a link's approver address must be 1 to 320 bytes of UTF-8 "
        "without control characters");
  }

  std::string payload;
  payload += static_cast<char>(kVersion);
  append_big_endian(payload, claim.step_id);
  append_big_endian(payload, claim.expires_at);
  payload += claim.decision == "approve" ? 'a' : 'r';
  payload += claim.approver;

  return base64url_encode(payload) + "." +
         base64url_encode(mac(payload, secret));
}

LinkCheck verify_link(const std::string& token, const std::string& secret,
                      std::int64_t now, LinkClaim* claim) {
  if (token.size() > kMaxToken) return LinkCheck::malformed;
  const std::size_t dot = token.find('.');
  if (dot == std::string::npos) return LinkCheck::malformed;

  const std::optional<std::string> payload =
      base64url_decode(token.substr(0, dot));
  const std::optional<std::string> signature =
      base64url_decode(token.substr(dot + 1));
  if (!payload || !signature) return LinkCheck::malformed;
  if (signature->size() != kDigestSize) return LinkCheck::malformed;
  LinkClaim read;
  if (!parse_payload(*payload, &read)) return LinkCheck::malformed;

  if (secret.empty()) return LinkCheck::forged;
  const std::string expected = mac(*payload, secret);
  const Poco::DigestEngine::Digest expected_digest(expected.begin(),
                                                   expected.end());
  const Poco::DigestEngine::Digest given_digest(signature->begin(),
                                                signature->end());
  if (!Poco::DigestEngine::constantTimeEquals(expected_digest,
                                              given_digest)) {
    return LinkCheck::forged;
  }

  if (claim != nullptr) *claim = read;
  if (now >= read.expires_at) return LinkCheck::expired;
  return LinkCheck::ok;
}

}  // namespace danju
