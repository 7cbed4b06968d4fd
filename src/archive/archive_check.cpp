#include "archive/archive_check.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/file_io.h"

namespace danju {

namespace {

namespace fs = std::filesystem;

// The hash of the file, "" when it is missing, "?" when it cannot be read.
std::string hash_of(const std::string& path) {
  if (!file_exists(path)) return "";
  try {
    return sha256_file(path);
  } catch (const FileError&) {
    return "?";
  }
}

void compare(const std::string& output, const std::string& relative,
             const std::string& expected, const std::string& who,
             const std::string& against, DocumentCheck* check) {
  const std::string actual = hash_of(output + "/" + relative);
  if (actual.empty()) {
    check->missing.push_back({relative, who, "filed, but the file is gone"});
  } else if (actual != expected) {
    check->changed.push_back(
        {relative, who, "its SHA-256 differs from " + against});
  } else {
    ++check->intact;
  }
}

}  // namespace

DocumentCheck check_archive(Database& db, const std::string& output_folder) {
  DocumentCheck check;
  if (!db.has_table("filed_documents")) return check;

  // What the database says was filed.
  std::set<std::string> known;
  Statement filed = db.prepare(
      "SELECT f.path, f.sha256, f.trail_path, f.trail_sha256, d.document_no "
      "FROM filed_documents f JOIN documents d ON d.id = f.document_id "
      "ORDER BY f.id");
  while (filed.step()) {
    for (int pair = 0; pair < 2; ++pair) {
      const std::string relative = filed.text(pair * 2);
      known.insert(relative);
      ++check.recorded;
      compare(output_folder, relative, filed.text(pair * 2 + 1),
              filed.text(4), "its filing record", &check);
    }
  }

  // What each month's manifest says, and what is there besides.
  const std::string archive = output_folder + "/archive";
  std::error_code error;
  if (!fs::is_directory(archive, error)) return check;
  for (const auto& month : fs::directory_iterator(archive, error)) {
    if (!month.is_directory()) continue;
    const std::string month_name = month.path().filename().string();
    std::map<std::string, std::string> listed;  // relative to the month
    std::ifstream manifest(month.path() / "manifest.txt");
    std::string line;
    int malformed = 0;
    while (std::getline(manifest, line)) {
      if (line.size() > 66 && line[64] == ' ' && line[65] == ' ') {
        listed[line.substr(66)] = line.substr(0, 64);
      } else if (!line.empty()) {
        ++malformed;
      }
    }
    if (malformed > 0) {
      check.changed.push_back(
          {"archive/" + month_name + "/manifest.txt", "",
           std::to_string(malformed) +
               (malformed == 1 ? " line is" : " lines are") +
               " not of the form \"SHA-256  file\""});
    }
    for (const auto& [inside, sha] : listed) {
      const std::string relative = "archive/" + month_name + "/" + inside;
      const std::string actual = hash_of(output_folder + "/" + relative);
      if (actual.empty()) {
        if (!known.count(relative)) {
          check.missing.push_back(
              {relative, "", "listed in the manifest, but the file is gone"});
        }
      } else if (actual != sha) {
        check.changed.push_back(
            {relative, "", "its SHA-256 differs from the month's manifest"});
      }
    }
    for (const auto& entry : fs::recursive_directory_iterator(month.path(),
                                                              error)) {
      if (!entry.is_regular_file()) continue;
      const std::string inside =
          entry.path().lexically_relative(month.path()).string();
      if (inside == "manifest.txt" ||
          inside.find(".tmp-") != std::string::npos) {
        continue;
      }
      const std::string relative = "archive/" + month_name + "/" + inside;
      if (listed.count(inside)) continue;
      if (known.count(relative)) {
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
