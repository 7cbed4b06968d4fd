#include "cli/verify_command.h"

#include <iostream>
#include <optional>

#include "archive/audit_log.h"
#include "archive/archive_check.h"
#include "archive/reply_evidence.h"
#include "archive/document_check.h"
#include "archive/paper_check.h"
#include "cli/command_arguments.h"
#include "core/business_clock.h"
#include "core/file_io.h"
#include "core/paper_code.h"
#include "core/text.h"
#include "pipeline/night_run.h"
#include "pipeline/run_lock.h"
#include "store/database.h"
#include "store/document_store.h"

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
  const bool has_table = db.has_table("audit_log");

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
  const std::optional<CommandArguments> parsed =
      parse_command_arguments("verify", args, {"--paper"});
  if (!parsed) return kExitUsage;
  // Finance checks the archive without the mail passwords.
  const JobConfig job = load_job(parsed->job_file, JobSecrets::leave_out);
  const auto paper = parsed->values.find("--paper");
  if (paper != parsed->values.end()) {
    return verify_paper(job, paper->second, std::cout);
  }
  return verify_job(job, std::cout);
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
  const DocumentCheck replies = check_reply_evidence(db);

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
      << "  replies:    " << replies.recorded << " kept as evidence, "
      << replies.intact << " intact, " << replies.changed.size()
      << " changed, " << replies.missing.size() << " missing\n"
      << "  audit log:  " << audit.summary << "\n";

  for (const DocumentCheck* check : {&documents, &archive, &replies}) {
    print_problems("changed: ", check->changed, out);
    print_problems("missing: ", check->missing, out);
    print_problems("added:   ", check->added, out);
  }
  for (const std::string& problem : audit.problems) {
    out << "  audit:   " << problem << "\n";
  }

  std::size_t problems = audit.problems.size();
  for (const DocumentCheck* check : {&documents, &archive, &replies}) {
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

namespace danju {

namespace {

std::string versions_text(const std::vector<int>& versions) {
  std::string out;
  for (int version : versions) {
    if (!out.empty()) out += ", ";
    out += std::to_string(version);
  }
  return out;
}

}  // namespace

int verify_paper(const JobConfig& job, const std::string& text,
                 std::ostream& out) {
  PaperCode code;
  std::string error;
  if (!parse_paper_code(text, &code, &error)) {
    std::cerr << "danju: --paper \"" << one_line(text) << "\": " << error
              << "\n";
    return kExitUsage;
  }
  const std::string path = job.data_folder + "/danju.sqlite";
  if (!file_exists(path)) {
    out << "Nothing to check against: there is no database at " << path
        << " (the job has not run yet).\n";
    return kExitFailed;
  }

  Database db(path, true);
  const PaperCheck check = check_paper(db, job.output_folder, code);
  out << "Paper " << paper_code_text(code.document_no, code.version,
                                     code.hash)
      << "\n";

  if (check.verdict == PaperVerdict::unknown) {
    if (check.versions.empty()) {
      out << "Result: no document " << code.document_no
          << " is on record in job " << job.name
          << " (another job's paper, or not made by Danju); exit code "
          << kExitPaperUnknown << "\n";
    } else {
      out << "Result: " << code.document_no << " is on record in version"
          << (check.versions.size() == 1 ? " " : "s ")
          << versions_text(check.versions) << ", not in version "
          << code.version << "; exit code " << kExitPaperUnknown << "\n";
    }
    return kExitPaperUnknown;
  }

  out << "  document:  " << code.document_no << " ("
      << document_kind_title(check.kind) << "), version " << code.version
      << " of order " << check.order_no << ", dated "
      << check.business_date << ", " << check.state << "\n"
      << "  content:   SHA-256 " << check.content_hash << "\n";
  std::size_t damaged = 0;
  bool filed = false;
  for (const PaperFile& file : check.files) {
    out << (file.filed ? "  archive:   " : "  file:      ") << file.path
        << " (" << file.format << ", "
        << (file.intact ? "intact" : "changed or missing") << ")\n";
    if (!file.intact) ++damaged;
    filed |= file.filed;
  }
  if (!filed) {
    out << "  archive:   not filed (a paper is filed for finance once it is "
           "final: approved, or issued)\n";
  }
  const int latest = check.versions.back();
  const bool replaced =
      latest > code.version || check.state == kDocumentSuperseded;
  if (latest > code.version) {
    out << "  replaced:  the order is on record up to version " << latest
        << "; this paper's version " << code.version << " was replaced\n";
  } else if (replaced) {
    out << "  replaced:  the order changed after this paper was made; the "
           "paper of its new version is not made yet\n";
  }

  if (check.verdict == PaperVerdict::wrong_hash) {
    out << "Result: the paper's hash " << code.hash << " is not that of "
        << code.document_no << " version " << code.version << " ("
        << check.content_hash.substr(0, kPaperHashDigits)
        << "): the paper was not made from the content on record; exit "
           "code "
        << kExitVerifyFound << "\n";
    return kExitVerifyFound;
  }
  if (damaged > 0) {
    out << "Result: the paper agrees with the records, but " << damaged
        << (damaged == 1 ? " of its files is" : " of its files are")
        << " changed or missing on disk (danju verify lists every "
           "problem); exit code "
        << kExitVerifyFound << "\n";
    return kExitVerifyFound;
  }
  out << "Result: the paper agrees with the records";
  if (replaced) out << ", but it is a replaced version, not to be used";
  out << "; exit code 0\n";
  return kExitOk;
}

}  // namespace danju
