#include "archive/document_check.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <unordered_set>

#include "core/file_io.h"
#include "core/parallel.h"

namespace fs = std::filesystem;

namespace danju {

namespace {

// Records whose files are hashed side by side.
constexpr std::size_t kChunk = 1024;

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

  // The folder is listed on a thread of its own while the files are
  // hashed: for a big folder, listing takes seconds of the kernel's time.
  const fs::path documents_folder = root / "documents";
  std::future<std::vector<std::string>> listing =
      std::async(std::launch::async, files_under, documents_folder.string());

  // Every record: its file must be there with the recorded hash. Records
  // are taken a chunk at a time, and each chunk's files hashed side by
  // side, so that reading, not hashing, sets the pace.
  Statement documents = db.prepare(
      "SELECT path, sha256, document_no FROM documents ORDER BY id");
  const unsigned workers = default_workers();
  std::vector<FileProblem> chunk;
  std::vector<std::string> expected, paths;
  bool more = true;
  while (more) {
    chunk.clear();
    expected.clear();
    paths.clear();
    while (chunk.size() < kChunk && (more = documents.step())) {
      ++check.recorded;
      const fs::path relative =
          fs::path(documents.text(0)).lexically_normal();
      FileProblem problem{relative.generic_string(), documents.text(2), ""};
      recorded_paths.insert(problem.path);
      if (!stays_inside(relative)) {
        problem.what = "the record of " + problem.document_no +
                       " points outside the output folder; not read";
        check.changed.push_back(problem);
        continue;
      }
      chunk.push_back(problem);
      expected.push_back(documents.text(1));
      paths.push_back((root / relative).string());
    }

    const std::vector<FileHash> hashes = hash_files(paths, workers);
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      FileProblem& problem = chunk[i];
      const FileHash& found = hashes[i];
      switch (found.state) {
        case FileHash::State::missing:
          problem.what = "is recorded but not there";
          check.missing.push_back(problem);
          continue;
        case FileHash::State::not_regular:
          problem.what = "is not a regular file any more";
          check.missing.push_back(problem);
          continue;
        case FileHash::State::unreadable:
          problem.what = "cannot be read: " + found.error;
          check.changed.push_back(problem);
          continue;
        case FileHash::State::hashed:
          break;
      }
      if (found.sha256 != expected[i]) {
        problem.what = "content changed: SHA-256 is " + found.sha256 +
                       ", the record says " + expected[i];
        check.changed.push_back(problem);
        continue;
      }
      ++check.intact;
    }
  }

  // Every file under documents/: some record must name it.
  for (const std::string& inside : listing.get()) {
    const std::string name = fs::path(inside).filename().string();
    if (is_temporary(name)) continue;
    const std::string relative = "documents/" + inside;
    if (recorded_paths.count(relative)) continue;
    check.added.push_back(
        {relative, "", "is in the documents folder but no record names it"});
  }

  sort_by_path(check.changed);
  sort_by_path(check.missing);
  sort_by_path(check.added);
  return check;
}

}  // namespace danju
