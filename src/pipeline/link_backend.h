// What `danju serve` answers links with: the job's approval records behind
// the approval server's pages. Decisions are applied one at a time (one
// database connection), and the mails they cause leave at once.
#pragma once

#include <mutex>

#include "approval/approval_server.h"
#include "approval/approval_service.h"
#include "core/business_clock.h"
#include "core/run_log.h"
#include "jobs/job_config.h"
#include "store/database.h"

namespace danju {

class JobLinkBackend : public LinkBackend {
 public:
  // All must outlive the backend.
  JobLinkBackend(const JobConfig& job, Database& db,
                 const BusinessClock& clock, RunLog& log,
                 ApprovalService& approvals);

  StepView view(std::int64_t step_id) override;

  // Limitation: a link is bound to the step's approver; a delegate or deputy
  // who received the request uses the same link, and the trail names the
  // approver's address with "link" as how it was answered.
  std::string decide(const LinkClaim& claim, const std::string& reason,
                     const std::string& client_address) override;

 private:
  const JobConfig& job_;
  Database& db_;
  const BusinessClock& clock_;
  RunLog& log_;
  ApprovalService& approvals_;
  std::mutex mutex_;
};

}  // namespace danju
