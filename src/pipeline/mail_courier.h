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

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/business_clock.h"
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
  void run();

  const std::string database_;
  const MailSettings& mail_;
  const BusinessClock& clock_;
  RunLog& log_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;   // messages were committed since the last look
  bool stopping_ = false;
  DeliveryReport delivered_;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace danju
