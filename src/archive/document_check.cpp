#include "archive/document_check.h"

#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include "core/file_io.h"

namespace fs = std::filesystem;

namespace danju {

namespace {

// "x.pdf.tmp-4242" or "x.xlsx.tmp-4242-1234567": left by a run killed while
// writing, swept by the next run, never recorded.
bool is_temporary(const std::string& name) {
  const auto mark = name.rfind(".tmp-");
  if (mark == std::string::npos) return false;
  const std::string tail = name.substr(mark + 5);
  if (tail.empty() || tail.front() == '-' || tail.back() == '-') return false;
  return std::all_of(tail.begin(), tail.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '-';
  });
}

// A recorded path must stay inside the output folder.
bool stays_inside(const fs::path& relative) {
  if (relative.empty() || relative.is_absolute()) return false;
  for (const fs::path& part : relative) {
    if (part == "..") return false;
  }
  return true;
}

void sort_by_path(std::vector<FileProblem>& problems) {
  std::sort(problems.begin(), problems.end(),
            [](const FileProblem& a, const FileProblem& b) {
              return a.path < b.path;
            });
}

}  // namespace

DocumentCheck check_documents(Database& db, const std::string& output_folder) {
  DocumentCheck check;
  std::unordered_set<std::string> recorded_paths;
  const fs::path root(output_folder);

  // Every record: its file must be there with the recorded hash.
  Statement documents = db.prepare(
      "SELECT path, sha256, document_no FROM documents ORDER BY id");
  while (documents.step()) {
    ++check.recorded;
    const fs::path relative = fs::path(documents.text(0)).lexically_normal();
    const std::string recorded_hash = documents.text(1);
    FileProblem problem{relative.generic_string(), documents.text(2), ""};
    recorded_paths.insert(problem.path);

    if (!stays_inside(relative)) {
      problem.what = "the record of " + problem.document_no +
                     " points outside the output folder; not read";
      check.changed.push_back(problem);
      continue;
    }

    const std::string full = (root / relative).string();
    std::error_code error;
    if (!fs::is_regular_file(full, error)) {
      problem.what = fs::exists(full, error)
                         ? "is not a regular file any more"
                         : "is recorded but not there";
      check.missing.push_back(problem);
      continue;
    }

    std::string actual;
    try {
      actual = sha256_file(full);
    } catch (const FileError& unreadable) {
      problem.what = std::string("cannot be read: ") + unreadable.what();
      check.changed.push_back(problem);
      continue;
    }
    if (actual != recorded_hash) {
      problem.what = "content changed: SHA-256 is " + actual +
                     ", the record says " + recorded_hash;
      check.changed.push_back(problem);
      continue;
    }
    ++check.intact;
  }

  // Every file under documents/: some record must name it.
  const fs::path documents_folder = root / "documents";
  std::error_code error;
  fs::recursive_directory_iterator it(documents_folder, error), end;
  for (; !error && it != end; it.increment(error)) {
    if (it->is_directory(error)) continue;
    const std::string name = it->path().filename().string();
    if (is_temporary(name)) continue;
    const std::string relative =
        it->path().lexically_relative(root).generic_string();
    if (recorded_paths.count(relative)) continue;
    check.added.push_back(
        {relative, "", "is in the documents folder but no record names it"});
  }
  if (error && error != std::errc::no_such_file_or_directory) {
    throw FileError("cannot list " + documents_folder.string() + ": " +
                    error.message());
  }

  sort_by_path(check.changed);
  sort_by_path(check.missing);
  sort_by_path(check.added);
  return check;
}

}  // namespace danju
