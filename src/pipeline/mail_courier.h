// Delivers the outbox while the night is still making papers: each batch of
// orders recorded queues its approval requests, and the courier sends them
// over its own database connection while the next batch renders, so the
// mail server's time overlaps the rendering instead of following it.
//
// The courier never runs beside another delivery of the same outbox: it is
// finished (and joined) before the run's last delivery starts. At the first
// sign of server trouble (a message kept for later) it stops trying and
// leaves the rest to that last delivery and to the next run.
#pragma once

#include <exception>
#include <memory>
#include <string>

#include "core/business_clock.h"
#include "core/nudged_thread.h"
#include "core/run_log.h"
#include "jobs/job_config.h"
#include "pipeline/outbox_sender.h"

namespace danju {

class MailCourier {
 public:
  // Starts the courier for the outbox in the database file database. Does
  // nothing when the job writes mail to files instead of a server.
  MailCourier(const std::string& database, const MailSettings& mail,
              const BusinessClock& clock, RunLog& log);
  ~MailCourier();  // finishes, as finish() does
  MailCourier(const MailCourier&) = delete;
  MailCourier& operator=(const MailCourier&) = delete;

  // New messages are committed to the outbox: deliver them.
  void nudge();

  // Lets a delivery under way end, stops, and says what it delivered. A
  // database failure of the courier is thrown here.
  DeliveryReport finish();

 private:
  // One delivery of what is queued; false once the server is in trouble.
  bool deliver();

  const std::string database_;
  const MailSettings& mail_;
  const BusinessClock& clock_;
  RunLog& log_;

  // Used by the thread only (opened on its first round).
  std::unique_ptr<Database> db_;
  DeliveryReport delivered_;
  std::exception_ptr error_;

  std::unique_ptr<NudgedThread> thread_;  // none without a mail server
};

}  // namespace danju
