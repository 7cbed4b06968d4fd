// `danju verify JOB.toml`: shows whether what is on file is exactly what was
// made and recorded. Every recorded document is hashed again and compared
// with its record, every file in the documents folder must have a record,
// and the audit log's hash chain must hold from its first row to its last.
//
// `danju verify JOB.toml --paper TEXT` checks one printed paper instead:
// TEXT is what a scanner reads from the paper's QR code.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "jobs/job_config.h"

namespace danju {

// verify found a changed, missing or added file, or a break in the audit
// log (the other exit codes are in pipeline/night_run.h).
inline constexpr int kExitVerifyFound = 6;
// verify --paper: the paper names a document number or version that is not
// on record (another job's paper, or not made by Danju).
inline constexpr int kExitPaperUnknown = 7;

// Takes the arguments after "verify" (one job file) and returns the exit
// code. Errors of the job file propagate as JobError.
int verify_command(const std::vector<std::string>& args);

// Checks the job and writes a summary and one line per problem to out.
// Opens the database read-only and changes nothing, except that it takes
// the job's run and intake locks while it checks (so no run is half-way
// through recording its files). Returns kExitOk when all agrees,
// kExitVerifyFound when anything does not, kExitLocked when a run or an
// intake is going, kExitFailed when there is no database to check.
// Throws DatabaseError or FileError when the database or a folder cannot
// be read.
int verify_job(const JobConfig& job, std::ostream& out);

// Checks one paper's code text against the job's records and writes what
// was found to out. Opens the database read-only and takes no lock.
// Returns kExitOk when the paper agrees with the records and its files are
// intact, kExitVerifyFound when its hash differs or one of its files is
// changed or missing, kExitPaperUnknown when its number or version is not
// on record, kExitUsage when text is not a Danju paper code, kExitFailed
// when there is no database. Throws DatabaseError.
int verify_paper(const JobConfig& job, const std::string& text,
                 std::ostream& out);

}  // namespace danju
