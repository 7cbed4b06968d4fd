// 纸质核对 checking a printed paper against the records: the code read from
// its QR code (core/paper_code.h) names a document number and version and
// carries the first digits of that version's content hash. Finance scans a
// paper, and this says whether Danju made that paper from that content, and
// where the paper's own files are.
#pragma once

#include <string>
#include <vector>

#include "core/document_kind.h"
#include "core/paper_code.h"
#include "store/database.h"

namespace danju {

enum class PaperVerdict {
  matches,     // number and version on record, and the hash agrees
  wrong_hash,  // number and version on record, but the hash differs
  unknown,     // no such document number, or not in that version
};

// A file of the paper (its own PDF, a stamped or void copy, or the filed
// paper in the archive), relative to the job's output folder.
struct PaperFile {
  std::string format;  // "pdf", "approved.pdf", "void.pdf", ...
  std::string path;
  bool filed = false;  // a paper in the archive, not under documents/
  bool intact = false; // on disk with the SHA-256 its record gives
};

struct PaperCheck {
  PaperCode code;
  PaperVerdict verdict = PaperVerdict::unknown;
  // Filled when the number and version are on record:
  std::string order_no;
  DocumentKind kind = DocumentKind::contract;
  std::string state;          // of the paper's PDF: issued, approved, ...
  std::string business_date;  // YYYY-MM-DD
  std::string content_hash;   // the whole SHA-256 of the order version
  std::vector<PaperFile> files;
  // Versions of this document number on record, oldest first (also for
  // an unknown version, to say which exist).
  std::vector<int> versions;
};

// Looks the code up in the documents, orders and filed_documents tables
// and re-hashes each of the paper's files under output_folder. Changes
// nothing. Throws DatabaseError when the tables cannot be read.
// Limitation: when two orders share a document number in the same version
// (a contract number typed twice), the first order's record is checked.
PaperCheck check_paper(Database& db, const std::string& output_folder,
                       const PaperCode& code);

}  // namespace danju
