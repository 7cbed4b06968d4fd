#include "cli/verify_command.h"

#include <iostream>

#include "archive/audit_log.h"
#include "archive/archive_check.h"
#include "archive/document_check.h"
#include "core/business_clock.h"
#include "core/file_io.h"
#include "pipeline/night_run.h"
#include "pipeline/run_lock.h"
#include "store/database.h"

namespace danju {

namespace {

// The schema version that added the audit log (store/schema.cpp).
constexpr int kAuditLogVersion = 2;

struct AuditFindings {
  std::string summary;
  std::vector<std::string> problems;
};

std::int64_t single_integer(Database& db, const std::string& sql) {
  Statement query = db.prepare(sql);
  query.step();
  return query.integer(0);
}

AuditFindings check_audit_log(Database& db) {
  AuditFindings findings;
  const std::int64_t version = single_integer(db, "PRAGMA user_version");
  const bool has_table =
      single_integer(db, "SELECT COUNT(*) FROM sqlite_master WHERE "
                         "type = 'table' AND name = 'audit_log'") > 0;

  if (!has_table) {
    if (version < kAuditLogVersion) {
      findings.summary = "none yet (database schema version " +
                         std::to_string(version) +
                         "; the next danju run adds it)";
    } else {
      findings.summary = "gone";
      findings.problems.push_back(
          "the audit_log table has been removed from a database that had "
          "one");
    }
    return findings;
  }

  AuditLog log(db);
  const std::vector<ChainBreak> breaks = log.verify();
  const std::vector<std::string> guards = log.missing_guards();
  const AuditHead head = log.head();

  findings.summary = std::to_string(head.rows) + " rows";
  if (head.rows > 0) {
    findings.summary += ", last row " + std::to_string(head.row_id) +
                        " with hash " + head.hash;
  }
  findings.summary += breaks.empty()
                          ? "; chain whole"
                          : "; " + std::to_string(breaks.size()) +
                                (breaks.size() == 1 ? " break" : " breaks");
  for (const ChainBreak& found : breaks) {
    findings.problems.push_back(found.what);
  }
  for (const std::string& trigger : guards) {
    findings.problems.push_back("the trigger " + trigger +
                                " that keeps the log append-only has been "
                                "removed");
  }
  return findings;
}

void print_problems(const char* label, const std::vector<FileProblem>& list,
                    std::ostream& out) {
  for (const FileProblem& problem : list) {
    out << "  " << label << problem.path;
    if (!problem.document_no.empty()) out << " (" << problem.document_no << ")";
    out << ": " << problem.what << "\n";
  }
}

}  // namespace

int verify_command(const std::vector<std::string>& args) {
  std::string job_file;
  for (const std::string& arg : args) {
    if (!arg.empty() && arg[0] == '-') {
      std::cerr << "danju: unknown option " << arg
                << "\n(danju help shows the usage)\n";
      return kExitUsage;
    }
    if (!job_file.empty()) {
      std::cerr << "danju: verify takes one job file\n"
                   "(danju help shows the usage)\n";
      return kExitUsage;
    }
    job_file = arg;
  }
  if (job_file.empty()) {
    std::cerr << "danju: verify needs a job file\n"
                 "(danju help shows the usage)\n";
    return kExitUsage;
  }
  return verify_job(load_job(job_file), std::cout);
}

int verify_job(const JobConfig& job, std::ostream& out) {
  const std::string path = job.data_folder + "/danju.sqlite";
  if (!file_exists(path)) {
    out << "Nothing to verify: there is no database at " << path
        << " (the job has not run yet).\n";
    return kExitFailed;
  }

  // Files made by a run or an intake are recorded a batch at a time; while
  // one is going, its newest files would look added.
  const BusinessClock clock(job.time_zone);
  const RunLock run_lock(job.data_folder, clock.now_iso());
  const RunLock intake_lock(job.data_folder, clock.now_iso(), "intake.lock");
  for (const RunLock* lock : {&run_lock, &intake_lock}) {
    if (!lock->held()) {
      out << "Not verified: a run or intake of this job is going ("
          << lock->holder() << "); verify again when it has finished.\n";
      return kExitLocked;
    }
  }
  // Limitation: `danju serve` and `danju decide` take neither lock; a file
  // they write during the check may be reported as added. Run again.

  Database db(path, true);
  const DocumentCheck documents = check_documents(db, job.output_folder);
  const DocumentCheck archive = check_archive(db, job.output_folder);
  const AuditFindings audit = check_audit_log(db);

  out << "Verify job " << job.name << "\n"
      << "  database:   " << path << "\n"
      << "  files:      " << job.output_folder << "/documents\n"
      << "  documents:  " << documents.recorded << " recorded, "
      << documents.intact << " intact, " << documents.changed.size()
      << " changed, " << documents.missing.size() << " missing; "
      << documents.added.size() << " added without a record\n"
      << "  archive:    " << archive.recorded << " filed files, "
      << archive.intact << " intact, " << archive.changed.size()
      << " changed, " << archive.missing.size() << " missing; "
      << archive.added.size() << " added\n"
      << "  audit log:  " << audit.summary << "\n";

  for (const DocumentCheck* check : {&documents, &archive}) {
    print_problems("changed: ", check->changed, out);
    print_problems("missing: ", check->missing, out);
    print_problems("added:   ", check->added, out);
  }
  for (const std::string& problem : audit.problems) {
    out << "  audit:   " << problem << "\n";
  }

  std::size_t problems = audit.problems.size();
  for (const DocumentCheck* check : {&documents, &archive}) {
    problems +=
        check->changed.size() + check->missing.size() + check->added.size();
  }
  if (problems == 0) {
    out << "Result: every file and the audit log agree with the records; "
           "exit code 0\n";
    return kExitOk;
  }
  out << "Result: " << problems
      << (problems == 1 ? " problem" : " problems")
      << " found; exit code " << kExitVerifyFound << "\n";
  return kExitVerifyFound;
}

}  // namespace danju
