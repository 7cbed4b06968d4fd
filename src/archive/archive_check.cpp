#include "archive/archive_check.h"

#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/file_io.h"
#include "core/parallel.h"

namespace danju {

namespace {

namespace fs = std::filesystem;

// The hash of each file, "" when it is missing, "?" when it cannot be read;
// each file read once, several at a time.
std::unordered_map<std::string, std::string> hashes_of(
    const std::string& output, const std::set<std::string>& relatives) {
  const std::vector<std::string> listed(relatives.begin(), relatives.end());
  std::vector<std::string> paths;
  for (const std::string& relative : listed) {
    paths.push_back(output + "/" + relative);
  }
  const std::vector<FileHash> found = hash_files(paths, default_workers());
  std::unordered_map<std::string, std::string> hashes;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    switch (found[i].state) {
      case FileHash::State::hashed: hashes[listed[i]] = found[i].sha256; break;
      case FileHash::State::missing: hashes[listed[i]] = ""; break;
      default: hashes[listed[i]] = "?"; break;
    }
  }
  return hashes;
}

// Returns false when the file is gone or changed (and says so).
bool compare(const std::string& actual, const std::string& relative,
             const std::string& expected, const std::string& who,
             const std::string& against, DocumentCheck* check) {
  if (actual.empty()) {
    check->missing.push_back({relative, who, "filed, but the file is gone"});
  } else if (actual != expected) {
    check->changed.push_back(
        {relative, who, "its SHA-256 differs from " + against});
  } else {
    ++check->intact;
    return true;
  }
  return false;
}

// A month's manifest as read.
struct Manifest {
  std::string month;                          // 2026-12
  std::map<std::string, std::string> listed;  // path in the month -> hash
  bool present = false;                       // the file is there
  int malformed = 0;                          // lines of no known form
  int first_malformed = 0;                    // its line number
};

}  // namespace

DocumentCheck check_archive(Database& db, const std::string& output_folder) {
  DocumentCheck check;
  if (!db.has_table("filed_documents")) return check;

  // The archive is listed on a thread of its own while the files are
  // hashed: for a big archive, listing takes seconds of the kernel's time.
  const std::string archive = output_folder + "/archive";
  std::future<std::vector<std::string>> listing =
      std::async(std::launch::async, files_under, archive);

  // What the database says was filed.
  struct Filed {
    std::string relative, sha256, document_no;
  };
  std::vector<Filed> filed_files;
  std::set<std::string> known;
  Statement filed = db.prepare(
      "SELECT f.path, f.sha256, f.trail_path, f.trail_sha256, d.document_no "
      "FROM filed_documents f JOIN documents d ON d.id = f.document_id "
      "ORDER BY f.id");
  while (filed.step()) {
    for (int pair = 0; pair < 2; ++pair) {
      filed_files.push_back(
          {filed.text(pair * 2), filed.text(pair * 2 + 1), filed.text(4)});
      known.insert(filed_files.back().relative);
    }
  }

  // What each month's manifest says.
  std::vector<Manifest> manifests;
  std::error_code error;
  std::vector<fs::path> months;
  if (fs::is_directory(archive, error)) {
    for (const auto& month : fs::directory_iterator(archive, error)) {
      if (month.is_directory()) {
        months.push_back(month.path());
      } else {
        // Only month folders belong in the archive's top.
        check.added.push_back({"archive/" + month.path().filename().string(),
                               "", "in the archive, but filed nowhere"});
      }
    }
  }
  for (const fs::path& month : months) {
    Manifest manifest;
    manifest.month = month.filename().string();
    std::ifstream lines(month / "manifest.txt");
    manifest.present = static_cast<bool>(lines);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
      if (line.size() > 66 && line[64] == ' ' && line[65] == ' ') {
        manifest.listed[line.substr(66)] = line.substr(0, 64);
      } else if (!line.empty()) {
        if (manifest.malformed++ == 0) manifest.first_malformed = number;
      }
    }
    manifests.push_back(std::move(manifest));
  }

  // Every file either names, hashed once.
  std::set<std::string> to_hash = known;
  for (const Manifest& manifest : manifests) {
    for (const auto& [inside, sha] : manifest.listed) {
      to_hash.insert("archive/" + manifest.month + "/" + inside);
    }
  }
  const auto hashes = hashes_of(output_folder, to_hash);

  // The files in each month's folder, as paths inside it.
  std::map<std::string, std::vector<std::string>> in_month;
  for (const std::string& path : listing.get()) {
    const std::size_t slash = path.find('/');
    if (slash == std::string::npos) continue;  // at the top: told of above
    in_month[path.substr(0, slash)].push_back(path.substr(slash + 1));
  }

  // A file that differs from its filing record is told of once, not
  // again for the manifest.
  std::set<std::string> told;
  for (const Filed& file : filed_files) {
    ++check.recorded;
    if (!compare(hashes.at(file.relative), file.relative, file.sha256,
                 file.document_no, "its filing record", &check)) {
      told.insert(file.relative);
    }
  }
  for (const Manifest& manifest : manifests) {
    const std::string& month_name = manifest.month;
    if (!manifest.present) {
      check.missing.push_back({"archive/" + month_name + "/manifest.txt", "",
                               "the month's manifest is gone"});
    }
    if (manifest.malformed > 0) {
      check.changed.push_back(
          {"archive/" + month_name + "/manifest.txt", "",
           std::to_string(manifest.malformed) +
               (manifest.malformed == 1 ? " line is" : " lines are") +
               " not of the form \"SHA-256  file\" (the first: line " +
               std::to_string(manifest.first_malformed) + ")"});
    }
    const auto& listed = manifest.listed;
    for (const auto& [inside, sha] : listed) {
      const std::string relative = "archive/" + month_name + "/" + inside;
      const std::string& actual = hashes.at(relative);
      if (actual.empty()) {
        if (!known.count(relative)) {
          check.missing.push_back(
              {relative, "", "listed in the manifest, but the file is gone"});
        }
      } else if (actual != sha && !told.count(relative)) {
        check.changed.push_back(
            {relative, "", "its SHA-256 differs from the month's manifest"});
      }
    }
    for (const std::string& inside : in_month[month_name]) {
      if (inside == "manifest.txt" ||
          inside.find(".tmp-") != std::string::npos) {
        continue;
      }
      const std::string relative = "archive/" + month_name + "/" + inside;
      if (listed.count(inside)) continue;
      if (known.count(relative)) {
        if (!manifest.present) continue;  // told of once, above
        check.changed.push_back(
            {relative, "", "filed, but the month's manifest does not list "
                           "it"});
      } else {
        check.added.push_back(
            {relative, "", "in the archive, but filed nowhere"});
      }
    }
  }
  return check;
}

}  // namespace danju
