// `danju register JOB.toml --month YYYY-MM [--out FILE]` writes the month's
// register (台账) of papers as XLSX, by default to
// <output>/registers/register-YYYY-MM.xlsx.
//
// `danju export JOB.toml --month YYYY-MM [--out FILE]` writes the month's
// export zip (archive/month_export.h), by default to
// <output>/exports/export-YYYY-MM.zip.
//
// Both read the database read-only, change no record and write their file
// atomically.
#pragma once

#include <string>
#include <vector>

namespace danju {

// Take the arguments after the command word and return the exit code:
// kExitOk when the file was written (a month without papers too: its
// register has the header row only, and the message says so), kExitUsage
// for a bad command line (a missing or impossible --month such as
// 2026-13), kExitFailed when the job has no database yet. Job file errors
// propagate as JobError; database, file, register and export errors as
// their exceptions, for main_command to report.
int register_command(const std::vector<std::string>& args);
int export_command(const std::vector<std::string>& args);

}  // namespace danju
