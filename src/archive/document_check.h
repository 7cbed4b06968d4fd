// 文档核对 checking the files on disk against the documents table: is every
// recorded file still there, byte for byte, and is nothing there that no
// record names?
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace danju {

// A file that does not agree with the records.
struct FileProblem {
  std::string path;         // relative to the output folder
  std::string document_no;  // empty for an added file
  std::string what;         // a sentence for the operator
};

struct DocumentCheck {
  std::int64_t recorded = 0;  // rows in the documents table
  std::int64_t intact = 0;    // of those, files whose SHA-256 matches
  std::vector<FileProblem> changed;  // content differs, or unreadable
  std::vector<FileProblem> missing;  // recorded, but no file
  std::vector<FileProblem> added;    // under documents/, but no record

  bool clean() const {
    return changed.empty() && missing.empty() && added.empty();
  }
};

// Recomputes the SHA-256 of the file of every documents row (its path taken
// under output_folder), reading each file in blocks, and lists every file
// under output_folder/documents/ that no row names. Half-written files of
// an interrupted run ("….tmp-<digits>", "….tmp-<digits>-<digits>") are
// not counted as added. Each list is sorted by path. A record whose path
// is absolute or climbs out with ".." is reported as changed and not read.
// Throws DatabaseError when the table cannot be read, FileError when the
// documents folder exists but cannot be listed.
//
// Limitation: while a run is writing, files it has made but not yet
// recorded are reported as added; hold the job's run lock while checking
// (danju verify does).
DocumentCheck check_documents(Database& db, const std::string& output_folder);

}  // namespace danju
