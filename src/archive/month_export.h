// 月度归档包 the month's export: one zip with everything an auditor needs
// for a month, checkable without Danju.
//
// Inside, every file keeps its path under the job's output folder:
//   documents/...                  every document recorded with a business
//                                  date in the month, in every format
//   registers/register-YYYY-MM.xlsx the month's register, made afresh
//   archive/YYYY-MM/...            the month's archive folder, if any
//   MANIFEST.sha256                "<sha256>  <path>" for every other file,
//                                  sorted by path, as sha256sum -c reads it
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "store/database.h"

namespace danju {

// An export that was refused or could not be written: what() says which
// file and why, and that no zip was left behind.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MonthExportRequest {
  std::string month;          // YYYY-MM (archive/register_rows.h)
  std::string output_folder;  // the job's output folder
  std::string company;        // for the register's page header
  std::string zip_path;       // where the zip goes
};

struct MonthExportResult {
  int documents = 0;      // document files put in
  int register_rows = 0;  // rows of the register inside
  int archive_files = 0;  // files from archive/YYYY-MM/
  std::int64_t zip_bytes = 0;
};

// Writes the zip atomically (a reader never sees a part of it). Each
// document's file is hashed as it is read and must match its record; a
// missing or changed file, or a recorded path that is absolute or climbs
// out with "..", refuses the whole export with ExportError naming the
// document (danju verify lists them all). Temporary files ("*.tmp-*") and
// anything that is not a regular file in the archive folder are left out.
// Throws DatabaseError when the database cannot be read, FileError when
// the zip cannot be put in place.
//
// The register is read before the document list, so every paper it shows
// is in the zip.
//
// Limitation: the two are read in separate transactions; a document
// recorded by a run between the two reads is in the zip but not in its
// register. Export a closed month, or while no run is going.
MonthExportResult export_month(Database& db,
                               const MonthExportRequest& request);

}  // namespace danju
