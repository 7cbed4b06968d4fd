#include "cli/main_command.h"

#include <iostream>
#include <string>
#include <vector>

#include "cli/approval_commands.h"
#include "cli/calibrate_command.h"
#include "cli/command_arguments.h"
#include "cli/register_command.h"
#include "cli/resend_command.h"
#include "cli/status_command.h"
#include "cli/verify_command.h"
#include "core/business_clock.h"
#include "core/file_io.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "render/document_renderer.h"
#include "store/database.h"

namespace danju {

namespace {

const char* const kUsage = R"(usage: danju COMMAND JOB.toml [options]

Danju makes the papers of made-to-order business (contracts, approval forms,
order sheets, four-part shipment notes) from order exports, mails them to the
approvers and records every step.

commands:
  run JOB.toml [--date YYYY-MM-DD] [--dry-run] [--quiet]
      the nightly run: read the job's inbox, store the orders, make every
      document that is due, queue and send the approval requests. Safe to
      run again: nothing is made or sent twice.
        --date     business date to run for (default: today in the job's
                   time zone); documents are dated with it, and only orders
                   and payments dated on or before it count
        --dry-run  do all of it in a scratch copy and report; nothing is
                   kept and no mail is sent
        --quiet    no log lines on standard error (the summary is printed)
  status JOB.toml [--json]
      the approvals waiting for an answer, longest waiting first (! marks
      those waiting longer than the reminder time), and refused mail
  intake JOB.toml [--quiet]
      read the approvers' replies from the job's reply mailbox (POP3) and
      apply their decisions; run also does this first. Safe to run every
      few minutes beside the nightly run
  serve JOB.toml [--port N]
      serve the signed approve / reject links of the request mails
  decide JOB.toml --step N --as ADDRESS (--approve | --reject) [--reason R]
      record an answer given another way (phone, paper), as that approver
  resend JOB.toml (--mail MESSAGE-ID | --all)
      queue mail the server refused for good again (status lists it) and
      deliver it now; a refused digest is not resent, as the next night's
      digest carries its papers
  verify JOB.toml [--paper TEXT]
      check that every recorded document and filed paper is on disk
      unchanged, that the documents folder and the archive hold nothing
      unrecorded, and that the audit log's hash chain is whole; changes
      nothing
        --paper  check one printed paper instead: TEXT is what a scanner
                 reads from its QR code (DANJU1|number|vN|hash). Says
                 whether that number and version are on record, whether
                 the hash matches, and where its files and filed copy are
  register JOB.toml --month YYYY-MM [--out FILE]
      write the month's register (台账) of PDF papers as XLSX: date, order,
      customer, paper, number, amount, state, approvers, file, SHA-256,
      with a totals row (default: OUTPUT/registers/register-YYYY-MM.xlsx)
  export JOB.toml --month YYYY-MM [--out FILE]
      write one zip of the month's documents, its register and its archive
      folder, with MANIFEST.sha256 listing the SHA-256 of every file
      (default: OUTPUT/exports/export-YYYY-MM.zip)
  calibrate JOB.toml --printer NAME [--kind KIND] [--out FILE]
      make the calibration page of a pre-printed form (套打) for a printer,
      with its offsets from [printers.NAME]: rulers, crosshairs and the
      template's boxes, and how to measure and set the offsets (default
      kind: the one [preprinted] gives the printer, else shipment_note;
      default file: OUTPUT/calibration/calibration-NAME-KIND.pdf)
  help
      this text

exit codes:
  0  everything done
  1  the run could not finish (database or disk problem; see the message)
  2  bad command line, job file or template
  3  another run of this job holds the lock; nothing was done
  4  done, but some records were rejected (listed in the summary)
  5  done, but some e-mail could not be delivered; it stays queued and the
     next run tries again
  6  verify found a changed, missing or added file, or a break in the audit
     log; verify --paper: the paper's hash differs from the records
  7  verify --paper: no such document number or version on record
)";

int run_command(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("run needs a job file");
  RunOptions options;
  bool quiet = false;
  std::string job_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--date") {
      if (i + 1 == args.size() || args[i + 1].rfind("-", 0) == 0) {
        return usage_error("--date needs a date (YYYY-MM-DD)");
      }
      options.business_date = args[++i];
    } else if (args[i].rfind("--date=", 0) == 0) {
      options.business_date = args[i].substr(7);
    } else if (args[i] == "--dry-run") {
      options.dry_run = true;
    } else if (args[i] == "--quiet") {
      quiet = true;
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error("unknown option " + args[i]);
    } else if (job_file.empty()) {
      job_file = args[i];
    } else {
      return usage_error("run takes one job file");
    }
  }
  if (job_file.empty()) return usage_error("run needs a job file");
  if (!options.business_date.empty() && !is_iso_date(options.business_date)) {
    return usage_error("--date " + options.business_date +
                       " is not a date (YYYY-MM-DD)");
  }

  const JobConfig job = load_job(job_file);
  if (!options.dry_run) make_directories(job.data_folder);
  RunLog log(options.dry_run ? "" : job.data_folder + "/danju.log", quiet);
  const RunReport report = run_night(job, options, log);
  std::cout << format_report(report) << std::flush;
  return report.exit_code;
}

int status_command(const std::vector<std::string>& args) {
  bool json = false;
  std::string job_file;
  for (const std::string& arg : args) {
    if (arg == "--json") {
      json = true;
    } else if (!arg.empty() && arg[0] == '-') {
      return usage_error("unknown option " + arg);
    } else if (job_file.empty()) {
      job_file = arg;
    } else {
      return usage_error("status takes one job file");
    }
  }
  if (job_file.empty()) return usage_error("status needs a job file");
  return print_status(load_job(job_file), json, std::cout);
}

}  // namespace

int main_command(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" ||
      args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? kExitUsage : kExitOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  for (const std::string& arg : args) {
    // "danju run --help" asks for the same text as "danju help".
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitOk;
    }
  }

  // Every failure ends here as one readable line; library exceptions never
  // reach the operator raw.
  try {
    if (command == "run") return run_command(args);
    if (command == "status") return status_command(args);
    if (command == "intake") return intake_command(args);
    if (command == "serve") return serve_command(args);
    if (command == "decide") return decide_command(args);
    if (command == "verify") return verify_command(args);
    if (command == "register") return register_command(args);
    if (command == "export") return export_command(args);
    if (command == "calibrate") return calibrate_command(args);
    if (command == "resend") return resend_command(args);
    return usage_error("unknown command " + command);
  } catch (const JobError& error) {
    std::cerr << "danju: job file: " << error.what() << "\n";
    return kExitUsage;
  } catch (const TemplateError& error) {
    std::cerr << "danju: template: " << error.what()
              << "\nno order was touched\n";
    return kExitUsage;
  } catch (const DatabaseError& error) {
    std::cerr << "danju: " << error.what() << "\n";
    return kExitFailed;
  } catch (const FileError& error) {
    std::cerr << "danju: " << error.what() << "\n";
    return kExitFailed;
  } catch (const std::exception& error) {
    std::cerr << "danju: " << error.what() << "\n";
    return kExitFailed;
  }
}

}  // namespace danju
