// Delivers the queued messages of the outbox: over mail.sessions SMTP
// sessions at once (each reused for message after message, each with a
// database connection of its own) when the job names a mail server, else as
// .eml files in the job's outbox folder. Messages are taken oldest first.
// Each message is marked sent as soon as it is delivered, so a run killed
// mid-way resends nothing that was delivered before.
#pragma once

#include "jobs/job_config.h"
#include "core/business_clock.h"
#include "core/run_log.h"
#include "store/database.h"

namespace danju {

struct DeliveryReport {
  int sent = 0;
  int failed = 0;       // refused for good, marked failed
  int still_queued = 0; // will be tried again by the next run
};

// Delivers every queued message. Never throws for a mail problem (it is
// logged and counted); throws DatabaseError when the outbox cannot be read
// or written. db must not be inside a transaction.
DeliveryReport deliver_outbox(Database& db, const MailSettings& mail,
                              const BusinessClock& clock, RunLog& log);

}  // namespace danju
