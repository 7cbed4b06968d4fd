// Signed approve / reject links for approval request mails.
//
// A token carries the approval step, the approver it was sent to, the
// decision it stands for and when it expires, signed with HMAC-SHA256 under
// the job's secret. The token alone never decides: the server checks it,
// and the step's own state makes it work once.
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

// URL-safe token (base64url, no padding): payload "." signature.
std::string sign_link(const LinkClaim& claim, const std::string& secret);

enum class LinkCheck { ok, malformed, forged, expired };

// Checks the signature (in constant time) and the expiry against now;
// fills *claim when the token is well formed, even when expired, so the
// page can say what the link was for.
LinkCheck verify_link(const std::string& token, const std::string& secret,
                      std::int64_t now, LinkClaim* claim);

}  // namespace danju
