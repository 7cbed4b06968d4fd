#include "cli/resend_command.h"

#include <iostream>
#include <optional>

#include "cli/command_arguments.h"
#include "core/business_clock.h"
#include "core/file_io.h"
#include "core/run_log.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "pipeline/outbox_sender.h"
#include "pipeline/run_lock.h"
#include "store/database.h"
#include "store/outbox_store.h"

namespace danju {

int resend_command(const std::vector<std::string>& args) {
  const std::optional<CommandArguments> words =
      parse_command_arguments("resend", args, {"--mail"}, {"--all"});
  if (!words) return kExitUsage;
  const std::string message_id = words->value("--mail");
  const bool all = words->flags.count("--all") > 0;
  if (message_id.empty() == !all) {
    return usage_error("resend needs --mail MESSAGE-ID or --all");
  }

  const JobConfig job = load_job(words->job_file);
  const std::string path = job.data_folder + "/danju.sqlite";
  if (!file_exists(path)) {
    std::cerr << "danju: there is no database at " << path
              << " (the job has not run yet); nothing to resend\n";
    return kExitUsage;
  }
  const BusinessClock clock(job.time_zone);
  RunLog log(job.data_folder + "/danju.log");
  // The night delivers the same outbox; resending waits for it to end.
  RunLock lock(job.data_folder, clock.now_iso());
  if (!lock.held()) {
    std::cout << "a run holds the job (" << lock.holder()
              << "); nothing was resent\n";
    return kExitLocked;
  }

  Database db(path);
  const int queued = OutboxStore(db).requeue_refused(message_id);
  if (queued == 0) {
    std::cerr << "danju: "
              << (all ? std::string("no refused mail to resend")
                      : "no refused mail has the Message-ID " + message_id)
              << " (a refused digest is carried by the next night's "
                 "digest instead)\n";
    return all ? kExitOk : kExitUsage;
  }
  log.info(std::to_string(queued) + " refused mails queued again by hand");
  const DeliveryReport delivery = deliver_outbox(db, job.mail, clock, log);
  std::cout << queued << " refused mail" << (queued == 1 ? "" : "s")
            << " queued again; " << delivery.sent << " sent, "
            << delivery.still_queued << " waiting, " << delivery.failed
            << " refused again\n";
  return delivery.still_queued > 0 || delivery.failed > 0 ? kExitMailPending
                                                          : kExitOk;
}

}  // namespace danju
