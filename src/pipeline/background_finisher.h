// Finishing approved forms (stamping, filing, telling the salesperson) on a
// thread of its own while the intake goes on deciding replies, so that the
// papers of the chains completed so far are drawn on the other cores
// instead of holding up the next replies.
//
// The thread has its own database connection and its own ApprovalService;
// SQLite lets one connection write at a time, and each side waits for the
// other's transaction (both begin theirs IMMEDIATE). Every form is
// finished by ApprovalService::finish_approved, so what a crash or a
// failure leaves unfinished is finished by the next intake or run.
#pragma once

#include <memory>
#include <string>

#include "approval/approval_service.h"
#include "core/business_clock.h"
#include "core/nudged_thread.h"
#include "core/run_log.h"
#include "jobs/job_config.h"
#include "render/document_renderer.h"
#include "store/database.h"

namespace danju {

class BackgroundFinisher {
 public:
  // Starts the thread, which opens database_path and waits to be nudged.
  // The job, clock, log and renderer must outlive this object; the
  // renderer is shared with other threads (it is read-only once built).
  BackgroundFinisher(const JobConfig& job, const std::string& database_path,
                     const BusinessClock& clock, RunLog& log,
                     const DocumentRenderer& renderer,
                     const std::string& business_date);
  // Stops as stop() does.
  ~BackgroundFinisher();

  BackgroundFinisher(const BackgroundFinisher&) = delete;
  BackgroundFinisher& operator=(const BackgroundFinisher&) = delete;

  // Tells the thread that forms may have been approved since it last
  // looked (their transactions committed).
  void nudge();

  // Finishes every form approved before the call (or logs why one could
  // not be), then ends the thread. Returns how many forms it finished in
  // all. Safe to call twice.
  int stop();

 private:
  void finish_round();

  const JobConfig& job_;
  const std::string database_path_;
  const BusinessClock& clock_;
  RunLog& log_;
  const DocumentRenderer& renderer_;
  const std::string business_date_;

  // Used by the thread only (opened on its first round).
  std::unique_ptr<Database> db_;
  std::unique_ptr<ApprovalService> approvals_;
  int finished_ = 0;

  NudgedThread thread_;  // last: stopped before the members above go
};

}  // namespace danju
