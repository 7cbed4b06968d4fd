#include "cli/register_command.h"

#include <iostream>
#include <optional>

#include "archive/month_export.h"
#include "archive/register_rows.h"
#include "archive/register_workbook.h"
#include "cli/command_arguments.h"
#include "core/file_io.h"
#include "core/money.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "store/database.h"

namespace danju {

namespace {

struct MonthArguments {
  std::string job_file;
  std::string month;
  std::string out;  // empty: the default path
};

// Reads JOB.toml --month YYYY-MM [--out FILE]; on a bad command line
// prints why and returns nothing.
std::optional<MonthArguments> parse_month_arguments(
    const std::string& command, const std::vector<std::string>& args) {
  const std::optional<CommandArguments> words =
      parse_command_arguments(command, args, {"--month", "--out"});
  if (!words) return std::nullopt;
  MonthArguments parsed;
  parsed.job_file = words->job_file;
  parsed.month = words->value("--month");
  parsed.out = words->value("--out");
  if (parsed.month.empty()) {
    usage_error(command + " needs --month YYYY-MM");
    return std::nullopt;
  }
  if (!is_register_month(parsed.month)) {
    usage_error("--month " + parsed.month +
                " is not a month (YYYY-MM, month 01 to 12)");
    return std::nullopt;
  }
  return parsed;
}

// The job's database, or nothing (and a message) when it has not run yet.
std::optional<std::string> database_path(const JobConfig& job) {
  const std::string path = job.data_folder + "/danju.sqlite";
  if (file_exists(path)) return path;
  std::cerr << "danju: there is no database at " << path
            << " (the job has not run yet); nothing was written\n";
  return std::nullopt;
}

}  // namespace

int register_command(const std::vector<std::string>& args) {
  const std::optional<MonthArguments> parsed =
      parse_month_arguments("register", args);
  if (!parsed) return kExitUsage;
  const JobConfig job = load_job(parsed->job_file);
  const std::optional<std::string> db_path = database_path(job);
  if (!db_path) return kExitFailed;

  const std::string out =
      parsed->out.empty() ? job.output_folder + "/registers/register-" +
                                parsed->month + ".xlsx"
                          : parsed->out;
  Database db(*db_path, true);
  RegisterSheet sheet;
  sheet.month = parsed->month;
  sheet.company = job.company.name;
  sheet.rows = register_rows(db, parsed->month);
  write_register_workbook(sheet, out);

  Money total;
  for (const RegisterRow& row : sheet.rows) total += row.amount;
  if (sheet.rows.empty()) {
    std::cout << "Register " << parsed->month << ": no PDF document is dated "
              << "in " << parsed->month
              << "; the register has the header row only\n";
  } else {
    std::cout << "Register " << parsed->month << ": " << sheet.rows.size()
              << (sheet.rows.size() == 1 ? " paper" : " papers")
              << ", amounts adding up to " << format_yuan(total) << "\n";
  }
  std::cout << "  written: " << out << "\n";
  return kExitOk;
}

int export_command(const std::vector<std::string>& args) {
  const std::optional<MonthArguments> parsed =
      parse_month_arguments("export", args);
  if (!parsed) return kExitUsage;
  const JobConfig job = load_job(parsed->job_file);
  const std::optional<std::string> db_path = database_path(job);
  if (!db_path) return kExitFailed;

  MonthExportRequest request;
  request.month = parsed->month;
  request.output_folder = job.output_folder;
  request.company = job.company.name;
  request.zip_path =
      parsed->out.empty() ? job.output_folder + "/exports/export-" +
                                parsed->month + ".zip"
                          : parsed->out;
  Database db(*db_path, true);
  const MonthExportResult result = export_month(db, request);

  std::cout << "Export " << parsed->month << ": " << result.documents
            << (result.documents == 1 ? " document" : " documents")
            << ", the register (" << result.register_rows
            << (result.register_rows == 1 ? " row" : " rows") << "), "
            << result.archive_files
            << (result.archive_files == 1 ? " archive file" : " archive files")
            << " and MANIFEST.sha256\n";
  if (result.documents == 0) {
    std::cout << "  no document is dated in " << parsed->month << "\n";
  }
  std::cout << "  written: " << request.zip_path << " (" << result.zip_bytes
            << " bytes)\n";
  return kExitOk;
}

}  // namespace danju
