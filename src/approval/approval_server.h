// The approval link server (`danju serve`): small pages, in Chinese, where an
// approver confirms the decision a link stands for.
//
//   GET  /a/<token>   shows the document's summary, a link to its PDF and a
//                     confirm button; a reject asks for the reason. A GET
//                     never decides anything: mail scanners open links too.
//   POST /a/<token>   decides, once (form field "reason" for a reject).
//   GET  /d/<token>   the document's PDF, for a valid token.
//
// A used, expired, superseded or forged link gets a page saying so (and who
// decided when, where that is known). Every value shown is HTML-escaped.
//
// Answers: 200 a page or the PDF; 400 a form that does not match its link
// or a reject without a reason; 403 a malformed or forged link, or one for
// another approver than the step waits for; 404 an unknown path or a PDF
// missing on disk; 405 another method; 409 a step no longer pending, or
// one the backend refused to decide; 410 an expired link or an unknown
// step; 413 a body over 16 KB; 415 a body that is not a form. Pages are
// sent with no-store, nosniff, no-referrer and a policy allowing no
// scripts. Only a POST with a good, unexpired link for the step's own
// approver, the link's decision in the form and a pending step reaches
// LinkBackend::decide. One line per decision goes to stderr, never the
// token.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "approval/approval_link.h"

namespace danju {

// What the server needs from the approval records; the job's implementation
// lives in approval/approval_service.h.
class LinkBackend {
 public:
  virtual ~LinkBackend() = default;

  struct StepView {
    bool found = false;
    std::string state;  // "pending", "approved", "rejected", "superseded"...
    std::string document_title;  // 合同审批单 SP-HT-2026-00001（第 1 版）
    std::string summary_html;    // already escaped rows of facts
    std::string pdf_path;        // the file GET /d/ serves
    std::string decided_by;      // when decided: who, how and when
    std::string approver;        // the e-mail address the step waits for
  };
  virtual StepView view(std::int64_t step_id) = 0;

  // Decides the step as the link's approver. Returns an empty string on
  // success, else why not (already decided, superseded...), for the page.
  virtual std::string decide(const LinkClaim& claim, const std::string& reason,
                             const std::string& client_address) = 0;
};

struct ServerSettings {
  std::string address = "127.0.0.1";
  int port = 8088;  // 0: any free port (see ApprovalServer::port)
  int threads = 4;
};

class ApprovalServer {
 public:
  // Starts listening at once; the backend and secret must outlive it.
  // The backend is called from several threads at a time. Throws
  // std::invalid_argument for an empty secret, a port outside 0..65535 or
  // threads outside 1..64, and std::runtime_error naming the address when
  // it cannot listen (a port in use is not shared).
  ApprovalServer(const ServerSettings& settings, const std::string& secret,
                 LinkBackend& backend);
  ~ApprovalServer();  // stops, cutting off requests still running

  int port() const;
  // Blocks until SIGTERM or SIGINT (for `danju serve`); its own handlers
  // are set for the wait and the earlier ones put back after.
  void wait_for_signal();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace danju
