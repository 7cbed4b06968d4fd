// The approval link server's HTTP layer, spoken to over real HTTP on
// 127.0.0.1, with a small in-test backend that records what it is asked.
#define BOOST_TEST_MODULE approval_server
#include <boost/test/unit_test.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "approval/approval_link.h"
#include "approval/approval_server.h"
#include "fixtures/temp_folder.h"

using danju::testing::TempFolder;

using danju::LinkBackend;
using danju::LinkClaim;

namespace {

const std::string kSecret = "server-test-secret";
const std::string kHead = "head@danju.example";

struct DecideCall {
  LinkClaim claim;
  std::string reason;
  std::string client_address;
};

// Steps in memory; decide() works once per pending step, as the real
// records do.
class RecordingBackend : public LinkBackend {
 public:
  void add(std::int64_t step_id, StepView step) {
    std::lock_guard<std::mutex> lock(mutex_);
    step.found = true;
    steps_[step_id] = step;
  }

  void refuse_with(const std::string& why) {
    std::lock_guard<std::mutex> lock(mutex_);
    refusal_ = why;
  }

  StepView view(std::int64_t step_id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++views_;
    const auto found = steps_.find(step_id);
    return found == steps_.end() ? StepView{} : found->second;
  }

  std::string decide(const LinkClaim& claim, const std::string& reason,
                     const std::string& client_address) override {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back({claim, reason, client_address});
    if (!refusal_.empty()) return refusal_;
    StepView& step = steps_.at(claim.step_id);
    if (step.state != "pending") return "该审批已处理";
    step.state = claim.decision == "approve" ? "approved" : "rejected";
    step.decided_by = claim.approver + " 于 2026-01-07 09:30 通过链接";
    return "";
  }

  std::vector<DecideCall> calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

  int views() {
    std::lock_guard<std::mutex> lock(mutex_);
    return views_;
  }

 private:
  std::mutex mutex_;
  std::map<std::int64_t, StepView> steps_;
  std::vector<DecideCall> calls_;
  std::string refusal_;
  int views_ = 0;
};

LinkBackend::StepView pending_step(const std::string& approver) {
  LinkBackend::StepView step;
  step.state = "pending";
  step.document_title = "合同审批单 SP-HT-2026-00001（第 1 版）";
  step.summary_html = "<tr><th>客户</th><td>杭州某某礼品有限公司</td></tr>";
  step.approver = approver;
  return step;
}

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
};

Reply http(int port, const std::string& method, const std::string& path,
           const std::string& body = "",
           const std::string& content_type =
               "application/x-www-form-urlencoded") {
  Poco::Net::HTTPClientSession session("127.0.0.1",
                                       static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, path,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  if (method == "POST" || method == "PUT") {
    request.setContentType(content_type);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
  } else {
    session.sendRequest(request);
  }

  Poco::Net::HTTPResponse response;
  std::istream& stream = session.receiveResponse(response);
  Reply reply;
  reply.status = response.getStatus();
  for (const auto& header : response) reply.headers[header.first] =
      header.second;
  Poco::StreamCopier::copyToString(stream, reply.body);
  return reply;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string token_for(std::int64_t step_id, const std::string& approver,
                      const std::string& decision,
                      std::int64_t expires_at = std::time(nullptr) + 3600,
                      const std::string& secret = kSecret) {
  LinkClaim claim;
  claim.step_id = step_id;
  claim.approver = approver;
  claim.decision = decision;
  claim.expires_at = expires_at;
  return danju::sign_link(claim, secret);
}

struct ServerFixture {
  ServerFixture() : server(settings(), kSecret, backend) {}

  static danju::ServerSettings settings() {
    danju::ServerSettings settings;
    settings.address = "127.0.0.1";
    settings.port = 0;
    settings.threads = 2;
    return settings;
  }

  int port() const { return server.port(); }

  RecordingBackend backend;
  danju::ApprovalServer server;
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(get_shows_the_approve_page_and_decides_nothing,
                        ServerFixture) {
  backend.add(11, pending_step(kHead));
  const std::string token = token_for(11, kHead, "approve");

  const Reply reply = http(port(), "GET", "/a/" + token);

  BOOST_TEST(reply.status == 200);
  BOOST_TEST(contains(reply.body, "确认同意"));
  BOOST_TEST(contains(reply.body, "合同审批单 SP-HT-2026-00001（第 1 版）"));
  BOOST_TEST(contains(reply.body, "<td>杭州某某礼品有限公司</td>"));
  BOOST_TEST(contains(reply.body, "action=\"/a/" + token + "\""));
  BOOST_TEST(contains(reply.body, "href=\"/d/" + token + "\""));
  BOOST_TEST(contains(reply.body,
                      "name=\"decision\" value=\"approve\""));
  BOOST_TEST(backend.calls().empty());
  BOOST_TEST(backend.views() == 1);

  const Reply head = http(port(), "HEAD", "/a/" + token);
  BOOST_TEST(head.status == 200);
  BOOST_TEST(head.body.empty());
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(reject_page_requires_a_reason, ServerFixture) {
  backend.add(12, pending_step(kHead));
  const Reply reply = http(port(), "GET", "/a/" + token_for(12, kHead,
                                                            "reject"));

  BOOST_TEST(reply.status == 200);
  BOOST_TEST(contains(reply.body, "确认驳回"));
  BOOST_TEST(contains(reply.body, "驳回理由"));
  BOOST_TEST(contains(reply.body, "name=\"reason\" maxlength=\"2000\" "
                                  "required"));
  BOOST_TEST(!contains(reply.body, "确认同意"));
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(post_decides_once_and_a_replay_does_not,
                        ServerFixture) {
  backend.add(13, pending_step(kHead));
  const std::string token = token_for(13, kHead, "approve");

  const Reply first = http(port(), "POST", "/a/" + token,
                           "decision=approve&reason=");
  BOOST_TEST(first.status == 200);
  BOOST_TEST(contains(first.body, "已同意"));
  const std::vector<DecideCall> calls = backend.calls();
  BOOST_REQUIRE(calls.size() == 1u);
  BOOST_TEST(calls[0].claim.step_id == 13);
  BOOST_TEST(calls[0].claim.approver == kHead);
  BOOST_TEST(calls[0].claim.decision == "approve");
  BOOST_TEST(calls[0].reason == "");
  BOOST_TEST(calls[0].client_address == "127.0.0.1");

  const Reply replay = http(port(), "POST", "/a/" + token,
                            "decision=approve&reason=");
  BOOST_TEST(replay.status == 409);
  BOOST_TEST(contains(replay.body, "此链接已失效"));
  BOOST_TEST(contains(replay.body, "已由head@danju.example 于 "
                                   "2026-01-07 09:30 通过链接处理"));
  BOOST_TEST(backend.calls().size() == 1u);

  const Reply later_get = http(port(), "GET", "/a/" + token);
  BOOST_TEST(later_get.status == 409);
  BOOST_TEST(contains(later_get.body, "已同意"));
  BOOST_TEST(backend.calls().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(reject_needs_its_reason_and_passes_it_on,
                        ServerFixture) {
  backend.add(14, pending_step(kHead));
  const std::string token = token_for(14, kHead, "reject");

  const Reply empty = http(port(), "POST", "/a/" + token,
                           "decision=reject&reason=+%E3%80%80+");
  BOOST_TEST(empty.status == 400);
  BOOST_TEST(contains(empty.body, "请填写驳回理由"));
  BOOST_TEST(backend.calls().empty());

  // "颜色不对 & <b>" form-encoded.
  const Reply given = http(
      port(), "POST", "/a/" + token,
      "reason=%E9%A2%9C%E8%89%B2%E4%B8%8D%E5%AF%B9+%26+%3Cb%3E"
      "&decision=reject");
  BOOST_TEST(given.status == 200);
  BOOST_TEST(contains(given.body, "已驳回"));
  BOOST_TEST(contains(given.body, "驳回理由：颜色不对 &amp; &lt;b&gt;"));
  const std::vector<DecideCall> calls = backend.calls();
  BOOST_REQUIRE(calls.size() == 1u);
  BOOST_TEST(calls[0].reason == "颜色不对 & <b>");
  BOOST_TEST(calls[0].claim.decision == "reject");
}

BOOST_FIXTURE_TEST_CASE(posted_decision_must_be_the_links,
                        ServerFixture) {
  backend.add(15, pending_step(kHead));
  const std::string token = token_for(15, kHead, "approve");

  const Reply other = http(port(), "POST", "/a/" + token,
                           "decision=reject&reason=x");
  BOOST_TEST(other.status == 400);
  BOOST_TEST(contains(other.body, "与链接不符"));
  const Reply missing = http(port(), "POST", "/a/" + token, "reason=x");
  BOOST_TEST(missing.status == 400);
  // A decision in the query string does not count.
  const Reply in_query = http(port(), "POST",
                              "/a/" + token + "?decision=approve",
                              "reason=x");
  BOOST_TEST(in_query.status == 400);
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(forged_and_malformed_links_are_refused,
                        ServerFixture) {
  backend.add(16, pending_step(kHead));
  const std::string forged =
      token_for(16, kHead, "approve", std::time(nullptr) + 3600, "guess");
  std::string tampered = token_for(16, kHead, "approve");
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';

  for (const std::string& path :
       {"/a/" + forged, "/a/" + tampered, std::string("/a/not-a-token"),
        std::string("/a/")}) {
    const Reply get = http(port(), "GET", path);
    BOOST_TEST(get.status == 403, path);
    BOOST_TEST(contains(get.body, "此链接无效"));
    const Reply post = http(port(), "POST", path, "decision=approve");
    BOOST_TEST(post.status == 403, path);
  }
  BOOST_TEST(backend.calls().empty());
  // A link nobody signed does not even reach the records.
  BOOST_TEST(backend.views() == 0);
}

BOOST_FIXTURE_TEST_CASE(expired_links_are_gone, ServerFixture) {
  backend.add(17, pending_step(kHead));
  const std::string token =
      token_for(17, kHead, "approve", std::time(nullptr) - 10);

  const Reply get = http(port(), "GET", "/a/" + token);
  BOOST_TEST(get.status == 410);
  BOOST_TEST(contains(get.body, "此链接已过期"));
  BOOST_TEST(contains(get.body, "合同审批单 SP-HT-2026-00001"));
  const Reply post = http(port(), "POST", "/a/" + token,
                          "decision=approve&reason=");
  BOOST_TEST(post.status == 410);
  const Reply pdf = http(port(), "GET", "/d/" + token);
  BOOST_TEST(pdf.status == 410);
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(link_for_another_approver_is_refused,
                        ServerFixture) {
  // The step now waits for legal; the link went to the department head.
  backend.add(18, pending_step("legal@danju.example"));
  const std::string token = token_for(18, kHead, "approve");

  const Reply get = http(port(), "GET", "/a/" + token);
  BOOST_TEST(get.status == 403);
  BOOST_TEST(contains(get.body, "此链接不是发给本步骤审批人的"));
  const Reply post = http(port(), "POST", "/a/" + token,
                          "decision=approve&reason=");
  BOOST_TEST(post.status == 403);
  BOOST_TEST(contains(post.body, "此链接不是发给本步骤审批人的"));
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(link_to_an_unknown_step_is_gone, ServerFixture) {
  const std::string token = token_for(999, kHead, "approve");
  const Reply get = http(port(), "GET", "/a/" + token);
  BOOST_TEST(get.status == 410);
  BOOST_TEST(contains(get.body, "找不到此链接对应的审批步骤"));
  const Reply post = http(port(), "POST", "/a/" + token,
                          "decision=approve");
  BOOST_TEST(post.status == 410);
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(superseded_step_says_so, ServerFixture) {
  LinkBackend::StepView step = pending_step(kHead);
  step.state = "superseded";
  backend.add(19, step);
  const Reply post = http(port(), "POST",
                          "/a/" + token_for(19, kHead, "approve"),
                          "decision=approve");
  BOOST_TEST(post.status == 409);
  BOOST_TEST(contains(post.body, "已有新版本"));
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(refusal_by_the_records_is_shown, ServerFixture) {
  backend.add(20, pending_step(kHead));
  backend.refuse_with("该步骤已被<撤回>");
  const Reply post = http(port(), "POST",
                          "/a/" + token_for(20, kHead, "approve"),
                          "decision=approve");
  BOOST_TEST(post.status == 409);
  BOOST_TEST(contains(post.body, "该步骤已被&lt;撤回&gt;"));
  BOOST_TEST(backend.calls().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(every_value_is_escaped, ServerFixture) {
  const std::string evil = "<script>alert(1)</script>";
  const std::string approver = "\"><script>alert(2)</script>@x.example";
  LinkBackend::StepView step = pending_step(approver);
  step.document_title = "客户 " + evil;
  backend.add(21, step);

  const Reply get = http(port(), "GET",
                         "/a/" + token_for(21, approver, "approve"));
  BOOST_TEST(get.status == 200);
  BOOST_TEST(!contains(get.body, "<script"));
  BOOST_TEST(contains(get.body,
                      "客户 &lt;script&gt;alert(1)&lt;/script&gt;"));
  BOOST_TEST(contains(get.body,
                      "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
}

BOOST_FIXTURE_TEST_CASE(pages_carry_the_safety_headers, ServerFixture) {
  backend.add(22, pending_step(kHead));
  const Reply good = http(port(), "GET",
                          "/a/" + token_for(22, kHead, "approve"));
  const Reply refused = http(port(), "GET", "/a/forged.token");

  for (const Reply& reply : {good, refused}) {
    BOOST_TEST(reply.headers.at("Content-Type") ==
               "text/html; charset=utf-8");
    BOOST_TEST(reply.headers.at("Cache-Control") == "no-store");
    BOOST_TEST(reply.headers.at("X-Content-Type-Options") == "nosniff");
    BOOST_TEST(reply.headers.at("Referrer-Policy") == "no-referrer");
    const std::string policy = reply.headers.at("Content-Security-Policy");
    BOOST_TEST(contains(policy, "default-src 'none'"));
    BOOST_TEST(!contains(policy, "script-src"));
    BOOST_TEST(contains(reply.body, "<meta charset=\"utf-8\">"));
    BOOST_TEST(contains(reply.body, "name=\"viewport\""));
    // Nothing is loaded from elsewhere.
    BOOST_TEST(!contains(reply.body, "http://"));
    BOOST_TEST(!contains(reply.body, "https://"));
    BOOST_TEST(!contains(reply.body, "<script"));
  }
}

BOOST_FIXTURE_TEST_CASE(pdf_is_served_for_a_valid_link, ServerFixture) {
  TempFolder folder("link-server");
  const std::string pdf_path = folder.path + "/合同审批单_SP-HT-2026-00001.pdf";
  const std::string bytes = std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n") +
                            std::string("\0\x01\x02 binary", 10) +
                            "\n%%EOF\n";
  std::ofstream(pdf_path, std::ios::binary) << bytes;

  LinkBackend::StepView step = pending_step(kHead);
  step.pdf_path = pdf_path;
  backend.add(23, step);

  const Reply pdf = http(port(), "GET",
                         "/d/" + token_for(23, kHead, "reject"));
  BOOST_TEST(pdf.status == 200);
  BOOST_TEST(pdf.headers.at("Content-Type") == "application/pdf");
  BOOST_TEST(pdf.headers.at("X-Content-Type-Options") == "nosniff");
  BOOST_TEST(pdf.headers.at("Cache-Control") == "no-store");
  BOOST_TEST(contains(pdf.headers.at("Content-Disposition"), "inline;"));
  BOOST_TEST(pdf.body == bytes);

  const Reply forged = http(port(), "GET",
                            "/d/" + token_for(23, kHead, "reject",
                                              std::time(nullptr) + 60,
                                              "guess"));
  BOOST_TEST(forged.status == 403);
  BOOST_TEST(forged.body != bytes);

  std::filesystem::remove(pdf_path);
  const Reply gone = http(port(), "GET",
                          "/d/" + token_for(23, kHead, "reject"));
  BOOST_TEST(gone.status == 404);
  BOOST_TEST(contains(gone.body, "找不到单据文件"));
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(unknown_paths_and_methods, ServerFixture) {
  backend.add(24, pending_step(kHead));
  const std::string token = token_for(24, kHead, "approve");

  for (const std::string& path :
       {std::string("/"), std::string("/a"), std::string("/x/") + token,
        std::string("/favicon.ico"), std::string("/A/") + token}) {
    const Reply reply = http(port(), "GET", path);
    BOOST_TEST(reply.status == 404, path);
    BOOST_TEST(contains(reply.body, "页面不存在"));
  }
  const Reply put = http(port(), "PUT", "/a/" + token, "decision=approve");
  BOOST_TEST(put.status == 405);
  BOOST_TEST(put.headers.at("Allow") == "GET, HEAD, POST");
  const Reply post_pdf = http(port(), "POST", "/d/" + token, "x=y");
  BOOST_TEST(post_pdf.status == 405);
  BOOST_TEST(backend.calls().empty());
}

BOOST_FIXTURE_TEST_CASE(oversized_or_foreign_bodies_decide_nothing,
                        ServerFixture) {
  backend.add(25, pending_step(kHead));
  const std::string token = token_for(25, kHead, "reject");

  const Reply big = http(port(), "POST", "/a/" + token,
                         "decision=reject&reason=" +
                             std::string(20 * 1024, 'x'));
  BOOST_TEST(big.status == 413);
  const Reply json = http(port(), "POST", "/a/" + token,
                          "{\"decision\":\"reject\"}", "application/json");
  BOOST_TEST(json.status == 415);
  BOOST_TEST(backend.calls().empty());

  // Just under the limit is still a form.
  const Reply fits = http(port(), "POST", "/a/" + token,
                          "decision=reject&reason=" +
                              std::string(16 * 1024 - 30, 'y'));
  BOOST_TEST(fits.status == 200);
  BOOST_TEST(backend.calls().size() == 1u);
}

BOOST_AUTO_TEST_CASE(settings_and_listening_errors_are_reported) {
  RecordingBackend backend;
  danju::ServerSettings settings = ServerFixture::settings();
  BOOST_CHECK_THROW(danju::ApprovalServer(settings, "", backend),
                    std::invalid_argument);
  settings.threads = 0;
  BOOST_CHECK_THROW(danju::ApprovalServer(settings, kSecret, backend),
                    std::invalid_argument);

  danju::ApprovalServer first(ServerFixture::settings(), kSecret, backend);
  settings = ServerFixture::settings();
  settings.port = first.port();
  try {
    danju::ApprovalServer second(settings, kSecret, backend);
    BOOST_ERROR("a second server listened on a port already in use");
  } catch (const std::runtime_error& error) {
    BOOST_TEST(contains(error.what(), "cannot listen for approval links on "
                                      "127.0.0.1:" +
                                          std::to_string(first.port())));
  }
}

// SIGTERM is ignored around the wait, so a signal sent before the server
// listens for it is harmless; the sender repeats until the wait ends.
BOOST_FIXTURE_TEST_CASE(wait_for_signal_returns_on_sigterm, ServerFixture) {
  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGTERM, &ignore, &old);

  std::atomic<bool> done{false};
  std::thread sender([&done] {
    while (!done) {
      kill(getpid(), SIGTERM);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  server.wait_for_signal();
  done = true;
  sender.join();

  // The server still answers until it is destroyed.
  BOOST_TEST(http(port(), "GET", "/").status == 404);
  sigaction(SIGTERM, &old, nullptr);
}
