// Signed approve / reject links for approval request mails.
//
// A token carries the approval step, the approver it was sent to, the
// decision it stands for and when it expires, signed with HMAC-SHA256 under
// the job's secret. The token alone never decides: the server checks it,
// and the step's own state makes it work once.
//
// Token format, version 1: base64url (no padding) of the payload, ".", and
// base64url of HMAC-SHA256(secret, payload bytes). The payload is
//   1 byte   version, 0x01
//   8 bytes  step_id, big-endian, greater than zero
//   8 bytes  expires_at, big-endian
//   1 byte   decision, 'a' approve or 'r' reject
//   the rest the approver's address in UTF-8, 1 to 320 bytes, no controls
// A later format changes the version byte; verify_link reads a token of an
// unknown version as malformed.
#pragma once

#include <cstdint>
#include <string>

namespace danju {

struct LinkClaim {
  std::int64_t step_id = 0;
  std::string approver;  // the e-mail address the link was sent to
  std::string decision;  // "approve" or "reject"
  std::int64_t expires_at = 0;  // seconds since the epoch
};

// URL-safe token (base64url, no padding): payload "." signature. Throws
// std::invalid_argument when the secret is empty or the claim cannot be
// carried (step_id not above zero, decision not "approve" or "reject",
// approver empty, longer than 320 bytes, not UTF-8 or with control
// characters).
std::string sign_link(const LinkClaim& claim, const std::string& secret);

enum class LinkCheck { ok, malformed, forged, expired };

// Checks the structure first (any token that is not exactly the format
// above is malformed, including non-canonical base64url), then the
// signature in constant time (a mismatch is forged; with an empty secret
// every token is forged), then the expiry: a link is good while now is
// before expires_at. Fills *claim (when not null) for ok and expired, so
// the page can say what an expired link was for; leaves it untouched for
// malformed and forged tokens, whose contents nobody vouches for.
LinkCheck verify_link(const std::string& token, const std::string& secret,
                      std::int64_t now, LinkClaim* claim);

}  // namespace danju
