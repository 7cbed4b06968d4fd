// Signed approval links: round trips, tampering, secrets, expiry, and a
// check of the signature by Python's own hmac module.
#define BOOST_TEST_MODULE approval_link
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "approval/approval_link.h"
#include "fixtures/python_check.h"

using danju::LinkCheck;
using danju::LinkClaim;

namespace {

const std::string kSecret = "s3cret-for-tests-only";
const std::int64_t kExpires = 1767225600;  // 2026-01-01 00:00 UTC

LinkClaim sample_claim() {
  LinkClaim claim;
  claim.step_id = 4711;
  claim.approver = "head.sales@danju.example";
  claim.decision = "approve";
  claim.expires_at = kExpires;
  return claim;
}

const char* name(LinkCheck check) {
  switch (check) {
    case LinkCheck::ok: return "ok";
    case LinkCheck::malformed: return "malformed";
    case LinkCheck::forged: return "forged";
    case LinkCheck::expired: return "expired";
  }
  return "?";
}

}  // namespace

namespace danju {
std::ostream& operator<<(std::ostream& out, LinkCheck check) {
  return out << name(check);
}
}  // namespace danju

namespace {

LinkCheck check(const std::string& token, std::int64_t now = kExpires - 60) {
  LinkClaim ignored;
  return danju::verify_link(token, kSecret, now, &ignored);
}

}  // namespace

BOOST_AUTO_TEST_CASE(round_trip_gives_back_every_field) {
  const std::string token = danju::sign_link(sample_claim(), kSecret);

  LinkClaim read;
  BOOST_TEST(name(danju::verify_link(token, kSecret, kExpires - 1, &read)) ==
             std::string("ok"));
  BOOST_TEST(read.step_id == 4711);
  BOOST_TEST(read.approver == "head.sales@danju.example");
  BOOST_TEST(read.decision == "approve");
  BOOST_TEST(read.expires_at == kExpires);

  LinkClaim reject = sample_claim();
  reject.decision = "reject";
  const std::string reject_token = danju::sign_link(reject, kSecret);
  BOOST_TEST(reject_token != token);
  BOOST_TEST(danju::verify_link(reject_token, kSecret, 0, &read) ==
             LinkCheck::ok);
  BOOST_TEST(read.decision == "reject");
}

BOOST_AUTO_TEST_CASE(token_is_url_safe_without_padding) {
  const std::string token = danju::sign_link(sample_claim(), kSecret);
  BOOST_TEST(token.find('=') == std::string::npos);
  std::size_t dots = 0;
  for (const char c : token) {
    const bool url_safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (c == '.') {
      ++dots;
    } else {
      BOOST_TEST(url_safe, "character '" << c << "' in the token");
    }
  }
  BOOST_TEST(dots == 1u);
  // 43 characters carry the 32 bytes of HMAC-SHA256.
  BOOST_TEST(token.size() - token.find('.') - 1 == 43u);
}

BOOST_AUTO_TEST_CASE(every_changed_character_is_refused) {
  const std::string token = danju::sign_link(sample_claim(), kSecret);
  const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/";

  int forged = 0;
  int malformed = 0;
  for (std::size_t at = 0; at < token.size(); ++at) {
    for (const char replacement : alphabet) {
      if (replacement == token[at]) continue;
      std::string changed = token;
      changed[at] = replacement;
      const LinkCheck result = check(changed);
      BOOST_TEST((result == LinkCheck::forged ||
                  result == LinkCheck::malformed),
                 "position " << at << " as '" << replacement << "' gave "
                             << name(result));
      if (result == LinkCheck::forged) ++forged;
      if (result == LinkCheck::malformed) ++malformed;
    }
  }
  // Both kinds occur: a changed step id is well formed but forged, a
  // stray '=' is malformed.
  BOOST_TEST(forged > 0);
  BOOST_TEST(malformed > 0);
}

BOOST_AUTO_TEST_CASE(changed_step_id_with_old_signature_is_forged) {
  LinkClaim other = sample_claim();
  other.step_id = 4712;
  const std::string good = danju::sign_link(sample_claim(), kSecret);
  const std::string moved = danju::sign_link(other, kSecret);

  // The payload of one claim with the signature of another.
  const std::string spliced = moved.substr(0, moved.find('.')) +
                              good.substr(good.find('.'));
  BOOST_TEST(name(check(spliced)) == std::string("forged"));
}

BOOST_AUTO_TEST_CASE(cut_or_grown_tokens_are_malformed) {
  const std::string token = danju::sign_link(sample_claim(), kSecret);
  const std::string payload = token.substr(0, token.find('.'));
  const std::string signature = token.substr(token.find('.') + 1);

  BOOST_TEST(name(check("")) == std::string("malformed"));
  BOOST_TEST(name(check(".")) == std::string("malformed"));
  BOOST_TEST(name(check(payload)) == std::string("malformed"));
  BOOST_TEST(name(check(payload + ".")) == std::string("malformed"));
  BOOST_TEST(name(check("." + signature)) == std::string("malformed"));
  BOOST_TEST(name(check(token + "=")) == std::string("malformed"));
  BOOST_TEST(name(check(token + ".")) == std::string("malformed"));
  BOOST_TEST(name(check(token + "." + signature)) ==
             std::string("malformed"));
  BOOST_TEST(name(check(token.substr(0, token.size() - 1))) ==
             std::string("malformed"));
  BOOST_TEST(name(check(token + "AAAA")) == std::string("malformed"));
  BOOST_TEST(name(check(" " + token)) == std::string("malformed"));
  BOOST_TEST(name(check(token + "\n")) == std::string("malformed"));
  BOOST_TEST(name(check(std::string(5000, 'A') + "." + signature)) ==
             std::string("malformed"));
}

BOOST_AUTO_TEST_CASE(wrong_or_empty_secret_is_forged) {
  const std::string token = danju::sign_link(sample_claim(), kSecret);

  LinkClaim read;
  read.approver = "untouched";
  BOOST_TEST(name(danju::verify_link(token, kSecret + "x", 0, &read)) ==
             std::string("forged"));
  BOOST_TEST(name(danju::verify_link(token, "", 0, &read)) ==
             std::string("forged"));
  // A forged token's contents are not handed out.
  BOOST_TEST(read.approver == "untouched");
  BOOST_TEST(read.step_id == 0);
}

BOOST_AUTO_TEST_CASE(expired_link_still_says_what_it_was_for) {
  const std::string token = danju::sign_link(sample_claim(), kSecret);

  LinkClaim read;
  BOOST_TEST(danju::verify_link(token, kSecret, kExpires - 1, &read) ==
             LinkCheck::ok);
  LinkClaim expired;
  BOOST_TEST(name(danju::verify_link(token, kSecret, kExpires, &expired)) ==
             std::string("expired"));
  BOOST_TEST(expired.step_id == 4711);
  BOOST_TEST(expired.approver == "head.sales@danju.example");
  BOOST_TEST(expired.decision == "approve");
  BOOST_TEST(name(danju::verify_link(token, kSecret, kExpires + 86400,
                                     nullptr)) == std::string("expired"));
  // A forged token is forged whatever the time.
  BOOST_TEST(name(danju::verify_link(token, "other", kExpires + 86400,
                                     &read)) == std::string("forged"));
}

BOOST_AUTO_TEST_CASE(unusual_addresses_survive_the_round_trip) {
  const std::vector<std::string> addresses = {
      "o'brien+审批@例子.公司",
      "\"quoted name\"@danju.example",
      "a.b-c_d%e&f=g?h#i/j@danju.example",
      "<script>alert(1)</script>@danju.example",
      "x@y",
      std::string(310, 'a') + "@danju.com",  // exactly 320 bytes
  };
  for (const std::string& address : addresses) {
    LinkClaim claim = sample_claim();
    claim.approver = address;
    const std::string token = danju::sign_link(claim, kSecret);
    LinkClaim read;
    BOOST_TEST(name(danju::verify_link(token, kSecret, 0, &read)) ==
               std::string("ok"));
    BOOST_TEST(read.approver == address);
  }
}

BOOST_AUTO_TEST_CASE(claims_a_link_cannot_carry_are_refused) {
  LinkClaim claim = sample_claim();
  BOOST_CHECK_THROW(danju::sign_link(claim, ""), std::invalid_argument);

  claim = sample_claim();
  claim.decision = "maybe";
  BOOST_CHECK_THROW(danju::sign_link(claim, kSecret), std::invalid_argument);

  claim = sample_claim();
  claim.step_id = 0;
  BOOST_CHECK_THROW(danju::sign_link(claim, kSecret), std::invalid_argument);

  const std::vector<std::string> bad_addresses = {
      "", "head@danju.example\r\nBcc: x@y", "tab\there@danju.example",
      std::string("\xff\xfe@danju.example"), std::string(317, 'a') + "@b.c"};
  for (const std::string& address : bad_addresses) {
    claim = sample_claim();
    claim.approver = address;
    BOOST_CHECK_THROW(danju::sign_link(claim, kSecret),
                      std::invalid_argument);
  }
}

// Python builds the expected signature from the documented format on its
// own, and makes a version-2 token with a good signature, which must be
// refused as malformed: a format this build does not know.
BOOST_AUTO_TEST_CASE(signature_matches_an_independent_hmac) {
  const std::string long_secret(100, 'k');  // longer than one HMAC block
  for (const std::string& secret : {kSecret, long_secret}) {
    LinkClaim claim = sample_claim();
    claim.approver = "财务@例子.公司";
    claim.decision = "reject";
    const std::string token = danju::sign_link(claim, secret);

    const std::string script = R"(
import base64, hashlib, hmac, struct, sys
token, secret = sys.argv[1], sys.argv[2].encode()
def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
payload = (b"\x01" + struct.pack(">qq", 4711, 1767225600) + b"r" +
           "财务@例子.公司".encode())
mac = hmac.new(secret, payload, hashlib.sha256).digest()
print("expected\t" + b64(payload) + "." + b64(mac))
v2 = b"\x02" + payload[1:]
print("version2\t" + b64(v2) + "." +
      b64(hmac.new(secret, v2, hashlib.sha256).digest()))
)";
    const danju::testing::PythonResult result =
        danju::testing::run_python({"-c", script, token, secret});
    BOOST_REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    auto facts = danju::testing::parse_facts(result.out);

    BOOST_TEST(facts["expected"] == token);
    BOOST_TEST(name(danju::verify_link(facts["version2"], secret, 0,
                                       nullptr)) == std::string("malformed"));
  }
}
