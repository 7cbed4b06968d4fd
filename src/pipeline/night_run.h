// The nightly run of a job (`danju run`): read the inbox, store the orders,
// decide what each is due, render it, queue and deliver the approval
// requests, and record every step.
//
// Safe to repeat: a document already recorded for an order version is not
// made again, a message already in the outbox is not queued again, and a run
// killed at any point leaves only whole files and committed records, so the
// next run finishes its work.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "jobs/job_config.h"
#include "core/run_log.h"

namespace danju {

// Exit codes of `danju run`, for cron and scripts.
enum ExitCode {
  kExitOk = 0,            // everything done
  kExitFailed = 1,        // the run could not finish (database, disk)
  kExitUsage = 2,         // bad command line or job file
  kExitLocked = 3,        // another run of the job holds the lock
  kExitRejected = 4,      // done, but some records were rejected
  kExitMailPending = 5,   // done, but some mail could not be delivered
};

struct RunOptions {
  std::string business_date;  // YYYY-MM-DD; empty: today in the job's zone
  bool dry_run = false;       // do everything in a scratch copy, keep nothing
};

struct RunReport {
  int exit_code = kExitOk;
  std::string business_date;
  bool dry_run = false;
  std::string lock_holder;  // set when kExitLocked

  int files_read = 0;
  int orders_read = 0;
  int orders_new = 0;
  int orders_changed = 0;
  int orders_unchanged = 0;
  int orders_repeated = 0;  // also in a later file, which counts
  int payments_read = 0;
  int payments_new = 0;
  std::vector<std::string> rejections;  // one operator line each

  std::map<std::string, int> documents;  // "contract.pdf" -> count
  int mails_queued = 0;
  int mails_sent = 0;
  int mails_failed = 0;
  int mails_waiting = 0;
  bool mail_to_files = false;
  std::string mail_folder;
  std::string output_folder;
  int replies_read = 0;
  int replies_decided = 0;
  std::string reply_mailbox_error;
  int open_approvals = 0;
  double seconds = 0;         // the whole run
  double read_seconds = 0;    // reading and storing the inbox
  // Deciding, rendering and recording (the outbox is delivered meanwhile).
  double render_seconds = 0;
  double mail_seconds = 0;  // delivering what was left after that
};

// Runs the night. Throws JobError, DatabaseError or FileError only for
// problems that stop the whole run; a bad record or a document that cannot be
// made is a rejection in the report.
RunReport run_night(const JobConfig& job, const RunOptions& options,
                    RunLog& log);

// The summary the operator reads at the end of a run.
std::string format_report(const RunReport& report);

}  // namespace danju
