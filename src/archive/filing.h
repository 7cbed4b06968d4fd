// 归档 filing a final paper for finance, who keep it for years: the PDF as
// approved with its 审批记录 (approval trail) as the last page, the same trail
// as JSON beside it, both read-only, listed in the month's manifest and
// recorded in the filed_documents table and the audit log.
//
// The archive of a job is laid out as
//   <output>/archive/<YYYY-MM>/manifest.txt
//   <output>/archive/<YYYY-MM>/<order no>/<document no>-v<N>.pdf
//   <output>/archive/<YYYY-MM>/<order no>/<document no>-v<N>.trail.json
// where YYYY-MM is the month of the document's business date and the names
// are those of the document's own file. Each manifest line is
//   "<sha256>  <path relative to the month folder>"
// so `sha256sum -c manifest.txt` run in the month folder checks it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "archive/approval_trail.h"
#include "core/document_kind.h"
#include "jobs/job_config.h"
#include "render/font_set.h"
#include "store/database.h"

namespace danju {

// True for the issued papers finance keeps, filed as soon as they are made:
// the shipment note and the customer's receipt that goes with it. The
// dispatch sheet is the dispatcher's and is not filed; approved papers are
// filed when their chain completes.
bool filed_on_issue(DocumentKind kind);

// A filed paper. Paths are relative to the job's output folder.
struct FiledDocument {
  std::int64_t document_id = 0;
  std::string document_no;
  std::string path;          // archive/2026-12/LP001/SP-HT-LP001-v1.pdf
  std::string sha256;        // of the filed PDF (with the trail page)
  std::string trail_path;    // archive/2026-12/LP001/SP-HT-LP001-v1.trail.json
  std::string trail_sha256;
  std::string filed_at;      // when it was first filed
  bool already_filed = false;  // true: this call found it filed, did nothing
};

// Makes the two files file_document files for a trail and puts them in
// place in the archive under output_folder: the approved bytes (the
// trail's source file) with the trail page after them, and the trail as
// JSON, written and made read-only as file_document does, never over a
// file with other content. Touches no database, so filings can be prepared
// side by side on several threads; file_document then records them.
// Throws FilingError (a file with other content is in the way),
// PdfJoinError, MissingGlyphError, FileError.
struct PreparedFiling {
  std::string trail_json;    // trail_json() of the trail it was made from
  std::string sha256;        // of the filed PDF
  std::string trail_sha256;  // of the trail JSON
  bool placed = false;       // both files are in place
  bool new_files = false;    // neither was there before
  std::string manifest;      // the month's manifest.txt
  std::string lines;         // the two lines that list the files in it
  bool listed = false;       // list_in_manifests added the lines
};
PreparedFiling prepare_filing(const FontSet& fonts, const ApprovalTrail& trail,
                              const std::string& approved,
                              const std::string& output_folder);

// Adds the manifest lines of the prepared filings whose files were new,
// with one append (one disk flush) per month's manifest rather than one
// per paper, and marks them listed, so that file_document does not add
// them again. Throws FileError; then none is marked.
void list_in_manifests(const std::vector<PreparedFiling*>& filings);

// Files the document with this id (see read_approval_trail for which
// records qualify: an approved form, its stamped approved.pdf copy, or an
// issued paper). now: the time to record, ISO 8601 with offset. fonts draw
// the trail page and must hold every character of names and evidence.
//
// Safe to call again: a paper already filed is checked, not rewritten, and
// returned with already_filed set; its manifest lines are never repeated.
// A file is never overwritten: one already at a target path with other
// content stops the filing with a FilingError naming the target and the
// source, and leaves both as they are. Files are written atomically and
// then made read-only (0444). The filed_documents row and the kFiledAudit
// row are written in one transaction (the caller's, when there is one).
//
// Throws FilingError (not final, source file missing or changed since it
// was recorded, target differs), PdfJoinError, FileError, DatabaseError,
// MissingGlyphError.
// Limitation: the files are written before the transaction commits; if the
// commit fails they stay, and the next call finds them identical and
// records them. Should the fonts or this program change between the two
// calls, the new trail page differs and the call refuses: remove the
// unrecorded files by hand after checking them.
//
// prepared: what prepare_filing put in place beforehand (e.g. on another
// thread) for this document; taken when the trail on record is still the
// one it was made from, else the files are made here.
FiledDocument file_document(Database& db, const JobConfig& job,
                            const FontSet& fonts, std::int64_t document_id,
                            const std::string& now,
                            const PreparedFiling* prepared = nullptr);

// The filing of a document, if it was filed.
std::optional<FiledDocument> find_filed(Database& db,
                                        std::int64_t document_id);

}  // namespace danju
