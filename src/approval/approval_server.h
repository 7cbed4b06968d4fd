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
  ApprovalServer(const ServerSettings& settings, const std::string& secret,
                 LinkBackend& backend);
  ~ApprovalServer();  // stops

  int port() const;
  // Blocks until SIGTERM or SIGINT (for `danju serve`).
  void wait_for_signal();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace danju
