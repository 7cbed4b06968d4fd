#include "input/inbox_reader.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include "core/file_io.h"
#include "core/text.h"
#include "input/charset.h"
#include "input/csv_reader.h"
#include "input/order_csv_reader.h"
#include "input/order_json_reader.h"
#include "input/payment_csv_reader.h"

namespace danju {

namespace {

namespace fs = std::filesystem;

// The inbox's *.csv and *.json files, sorted by name. Hidden files and the
// "~$" lock files office programs leave beside an open file are passed over.
std::vector<fs::path> inbox_files(const std::string& folder) {
  std::error_code error;
  fs::directory_iterator entries(folder, error);
  if (error) {
    throw FileError("cannot list the inbox folder " + folder + ": " +
                    error.message());
  }

  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : entries) {
    const std::string name = entry.path().filename().string();
    const std::string extension =
        ascii_lower(entry.path().extension().string());
    if (name.empty() || name[0] == '.' || name.rfind("~$", 0) == 0) continue;
    if (extension != ".csv" && extension != ".json") continue;
    if (!entry.is_regular_file(error)) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) {
              return a.filename().string() < b.filename().string();
            });
  return files;
}

void read_one_file(const fs::path& path, const InboxSink& sink) {
  const std::string file = path.string();
  InputProblem problem;
  problem.where = {file, 0};
  problem.skipped = Skipped::file;

  try {
    if (ascii_lower(path.extension().string()) == ".json") {
      // Limitation: a JSON export is read whole into memory, so its size
      // bounds the night's memory; CSV exports are read a block at a time.
      read_order_json(to_utf8(read_file(file)), file, sink);
      return;
    }

    CsvFileSource source(file);
    if (source.header().empty()) {
      problem.message = "the file is empty";
      sink.problem(std::move(problem));
    } else if (is_payment_header(source.header())) {
      read_payment_csv(source, file, sink);
    } else {
      read_order_csv(source, file, sink);
    }
  } catch (const CsvError& error) {
    problem.where.line = error.line();
    problem.message = std::string("not readable as CSV: ") + error.what();
    sink.problem(std::move(problem));
  } catch (const CharsetError& error) {
    problem.message = std::string("charset not recognised: ") + error.what();
    sink.problem(std::move(problem));
  } catch (const std::exception& error) {
    problem.message = std::string("cannot be read: ") + error.what();
    sink.problem(std::move(problem));
  }
}

}  // namespace

std::string describe(const InputProblem& problem) {
  std::string out = problem.where.file;
  if (problem.where.line > 0) out += ":" + std::to_string(problem.where.line);
  out += ": ";
  if (!problem.order_no.empty()) {
    out += "order " + one_line(problem.order_no) + ", ";
  }
  if (!problem.field.empty()) out += "field " + one_line(problem.field) + ": ";
  out += one_line(problem.message);
  switch (problem.skipped) {
    case Skipped::order: out += "; order skipped"; break;
    case Skipped::payment: out += "; payment skipped"; break;
    case Skipped::file: out += "; file skipped"; break;
  }
  return out;
}

InboxSummary read_inbox(const std::string& folder, const InboxSink& sink) {
  InboxSummary summary;
  InboxSink counting;
  counting.order = [&](Order&& order) {
    ++summary.orders;
    if (sink.order) sink.order(std::move(order));
  };
  counting.payment = [&](Payment&& payment) {
    ++summary.payments;
    if (sink.payment) sink.payment(std::move(payment));
  };
  counting.problem = [&](InputProblem&& problem) {
    ++summary.problems;
    if (sink.problem) sink.problem(std::move(problem));
  };

  for (const fs::path& path : inbox_files(folder)) {
    ++summary.files;
    read_one_file(path, counting);
  }
  return summary;
}

}  // namespace danju
