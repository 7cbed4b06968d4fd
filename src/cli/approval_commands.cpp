#include "cli/approval_commands.h"

#include <iostream>

#include "approval/approval_server.h"
#include "approval/approval_service.h"
#include "core/business_clock.h"
#include "core/file_io.h"
#include "core/run_log.h"
#include "jobs/job_config.h"
#include "pipeline/link_backend.h"
#include "pipeline/night_run.h"
#include "pipeline/outbox_sender.h"
#include "pipeline/reply_intake.h"
#include "pipeline/run_lock.h"

namespace danju {

namespace {

int usage(const std::string& message) {
  std::cerr << "danju: " << message << "\n(danju help shows the usage)\n";
  return kExitUsage;
}

// The job file and the flags of a command; false when an unknown option or
// a second job file is given.
bool split_args(const std::vector<std::string>& args,
                const std::vector<std::string>& flags_with_value,
                const std::vector<std::string>& flags, std::string* job,
                std::vector<std::pair<std::string, std::string>>* options,
                std::string* error) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    bool known = false;
    for (const std::string& flag : flags_with_value) {
      if (arg != flag) continue;
      if (i + 1 == args.size()) {
        *error = flag + " needs a value";
        return false;
      }
      options->push_back({flag, args[++i]});
      known = true;
    }
    for (const std::string& flag : flags) {
      if (arg == flag) {
        options->push_back({flag, ""});
        known = true;
      }
    }
    if (known) continue;
    if (!arg.empty() && arg[0] == '-') {
      *error = "unknown option " + arg;
      return false;
    }
    if (!job->empty()) {
      *error = "unexpected argument " + arg;
      return false;
    }
    *job = arg;
  }
  if (job->empty()) {
    *error = "a job file is needed";
    return false;
  }
  return true;
}

}  // namespace

int intake_command(const std::vector<std::string>& args) {
  std::string job_file, error;
  std::vector<std::pair<std::string, std::string>> options;
  if (!split_args(args, {}, {"--quiet"}, &job_file, &options, &error)) {
    return usage("intake: " + error);
  }
  const JobConfig job = load_job(job_file);
  if (job.reply_mailbox.host.empty()) {
    std::cerr << "danju: " << job.file
              << " has no [reply_mailbox]; there is nothing to read\n";
    return kExitUsage;
  }
  const BusinessClock clock(job.time_zone);
  make_directories(job.data_folder);
  RunLog log(job.data_folder + "/danju.log", !options.empty());

  RunLock lock(job.data_folder, clock.now_iso(), "intake.lock");
  if (!lock.held()) {
    // The nightly run reads the mailbox under the same lock.
    std::cout << "the reply mailbox is being read by another intake or "
                 "run (" << lock.holder()
              << "); nothing was done\n";
    return kExitLocked;
  }
  Database db(job.data_folder + "/danju.sqlite");
  ApprovalService approvals(job, db, clock, log);
  const IntakeReport report = take_in_replies(job, db, clock, log, approvals);
  const DeliveryReport delivery = deliver_outbox(db, job.mail, clock, log);

  if (!report.mailbox_reached) {
    std::cout << "reply mailbox not reached: " << report.mailbox_error
              << "\n";
    return kExitMailPending;
  }
  std::cout << report.seen << " messages in the mailbox, "
            << report.new_messages << " new: " << report.decided
            << " decided, " << report.unclear << " unclear, "
            << report.ignored << " ignored; " << report.finished
            << " approved forms stamped and filed; mails sent: "
            << delivery.sent
            << "\n";
  return delivery.still_queued ? kExitMailPending : kExitOk;
}

int serve_command(const std::vector<std::string>& args) {
  std::string job_file, error;
  std::vector<std::pair<std::string, std::string>> options;
  if (!split_args(args, {"--port"}, {}, &job_file, &options, &error)) {
    return usage("serve: " + error);
  }
  const JobConfig job = load_job(job_file);
  if (job.approval.link_secret.empty()) {
    std::cerr << "danju: " << job.file
              << " has no link secret (approval.link_secret_file or "
                 "link_secret_env); links cannot be checked\n";
    return kExitUsage;
  }
  ServerSettings settings;
  settings.address = job.approval.listen_address;
  settings.port = job.approval.listen_port;
  for (const auto& [flag, value] : options) {
    if (flag == "--port") settings.port = std::atoi(value.c_str());
  }

  const BusinessClock clock(job.time_zone);
  make_directories(job.data_folder);
  RunLog log(job.data_folder + "/danju.log");
  Database db(job.data_folder + "/danju.sqlite");
  ApprovalService approvals(job, db, clock, log);
  JobLinkBackend backend(job, db, clock, log, approvals);
  ApprovalServer server(settings, job.approval.link_secret, backend);
  log.info("serving approval links on " + settings.address + ":" +
           std::to_string(server.port()));
  std::cout << "listening on " << settings.address << ":" << server.port()
            << std::endl;
  server.wait_for_signal();
  log.info("approval link server stopped");
  return kExitOk;
}

int decide_command(const std::vector<std::string>& args) {
  std::string job_file, error;
  std::vector<std::pair<std::string, std::string>> options;
  if (!split_args(args, {"--step", "--as", "--reason"},
                  {"--approve", "--reject"}, &job_file, &options, &error)) {
    return usage("decide: " + error);
  }
  Answer answer;
  answer.how = kByCommand;
  bool approve = false, reject = false;
  for (const auto& [flag, value] : options) {
    if (flag == "--step") answer.step_id = std::atoll(value.c_str());
    if (flag == "--as") answer.actor = value;
    if (flag == "--reason") answer.reason = value;
    approve |= flag == "--approve";
    reject |= flag == "--reject";
  }
  if (answer.step_id <= 0 || answer.actor.empty() || approve == reject) {
    return usage("decide needs --step N, --as ADDRESS and one of --approve "
                 "or --reject");
  }
  if (reject && answer.reason.empty()) {
    return usage("decide --reject needs --reason: the salesperson is told "
                 "why");
  }
  answer.approve = approve;

  const JobConfig job = load_job(job_file);
  const BusinessClock clock(job.time_zone);
  RunLog log(job.data_folder + "/danju.log");
  answer.evidence = "command line";
  Database db(job.data_folder + "/danju.sqlite");
  ApprovalService approvals(job, db, clock, log);
  const AnswerResult result = approvals.decide(answer);
  if (!result.decided) {
    std::cerr << "danju: step " << answer.step_id << " not decided: "
              << result.message << "\n";
    return kExitUsage;
  }
  const DeliveryReport delivery = deliver_outbox(db, job.mail, clock, log);
  std::cout << "step " << answer.step_id << ": " << result.message
            << "; mails sent: " << delivery.sent << "\n";
  return delivery.still_queued ? kExitMailPending : kExitOk;
}

}  // namespace danju
