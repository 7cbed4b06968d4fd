// Reading approvers' replies from the job's reply mailbox (`danju intake`,
// and the first step of `danju run`).
//
// Each mailbox message is handled once: its UIDL and Message-ID are
// recorded, in the same transaction as the decision it carries, and the raw
// message is kept as evidence in the month's mailbox file under the data
// folder (archive/reply_evidence.h), flushed to disk before the decision is
// recorded. Messages are never deleted from the mailbox. A reply is matched
// to its request by the Message-ID it answers (In-Reply-To / References),
// else by the document number in brackets in its subject; it decides only
// when it comes from someone who may decide that step, and only by its own
// words. The forms whose chains the replies complete are finished
// (stamped, filed, mailed to the salesperson) on a thread of their own
// while the next replies are decided (pipeline/background_finisher.h);
// forms left unfinished before are finished too.
#pragma once

#include <string>
#include <vector>

#include "approval/approval_service.h"
#include "core/business_clock.h"
#include "core/run_log.h"
#include "jobs/job_config.h"
#include "store/database.h"

namespace danju {

struct IntakeReport {
  bool mailbox_configured = false;
  bool mailbox_reached = false;
  std::string mailbox_error;  // why not reached
  int seen = 0;       // messages in the mailbox
  int new_messages = 0;
  int decided = 0;
  int unclear = 0;    // a human reply without a readable decision
  int ignored = 0;    // automatic, unmatched, or from someone else
  int finished = 0;   // approved forms stamped, filed and mailed
  // Seconds from the start until the last new message was decided; the
  // forms the decisions completed may be finished a while after.
  double deciding_seconds = 0;
};

// Reads the new messages of the job's reply mailbox. A mailbox that cannot
// be reached is reported, not thrown: the run goes on without it.
IntakeReport take_in_replies(const JobConfig& job, Database& db,
                             const BusinessClock& clock, RunLog& log,
                             ApprovalService& approvals);

// Handles one raw message as if it came from the mailbox with this uid;
// what take_in_replies does for each new message. Returns the outcome
// recorded ("decided: approved", "ignored: automatic reply (...)", ...).
std::string take_in_reply(const JobConfig& job, Database& db,
                          const BusinessClock& clock, RunLog& log,
                          ApprovalService& approvals, const std::string& uid,
                          const std::string& raw);

}  // namespace danju
