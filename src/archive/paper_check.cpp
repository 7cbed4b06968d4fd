#include "archive/paper_check.h"

#include <algorithm>

#include "archive/filing.h"
#include "core/file_io.h"
#include "store/document_store.h"
#include "store/order_store.h"

namespace danju {

namespace {

// Whether the file at path (under the output folder) has this SHA-256. A
// missing or unreadable file does not.
bool file_has_hash(const std::string& output_folder, const std::string& path,
                   const std::string& sha256) {
  const std::string full = output_folder + "/" + path;
  if (!file_exists(full)) return false;
  try {
    return sha256_file(full) == sha256;
  } catch (const FileError&) {
    return false;
  }
}

}  // namespace

PaperCheck check_paper(Database& db, const std::string& output_folder,
                       const PaperCode& code) {
  PaperCheck check;
  check.code = code;

  DocumentStore documents(db);
  std::vector<DocumentRecord> records;
  for (DocumentRecord& record : documents.with_number(code.document_no)) {
    if (check.versions.empty() ||
        check.versions.back() != record.order_version) {
      check.versions.push_back(record.order_version);
    }
    if (record.order_version == code.version) {
      records.push_back(std::move(record));
    }
  }
  if (records.empty()) return check;

  // The paper's own PDF describes it; its copies and filings are listed.
  const auto main = std::find_if(
      records.begin(), records.end(),
      [](const DocumentRecord& record) { return record.format == "pdf"; });
  const DocumentRecord& paper = main != records.end() ? *main : records[0];
  check.order_no = paper.order_no;
  check.kind = paper.kind;
  check.state = paper.state;
  check.business_date = paper.business_date;

  const auto stored = OrderStore(db).version(paper.order_no, code.version);
  if (stored) check.content_hash = stored->content_hash;
  check.verdict =
      stored && stored->content_hash.compare(0, kPaperHashDigits,
                                             code.hash) == 0
          ? PaperVerdict::matches
          : PaperVerdict::wrong_hash;

  const bool filing_known = db.has_table("filed_documents");
  for (const DocumentRecord& record : records) {
    if (record.order_no != paper.order_no) continue;
    PaperFile made;
    made.format = record.format;
    made.path = record.path;
    made.intact = file_has_hash(output_folder, record.path, record.sha256);
    check.files.push_back(made);
    const auto filed = filing_known ? find_filed(db, record.id)
                                    : std::nullopt;
    if (filed) {
      PaperFile archived;
      archived.format = record.format;
      archived.path = filed->path;
      archived.filed = true;
      archived.intact = file_has_hash(output_folder, filed->path,
                                      filed->sha256);
      check.files.push_back(archived);
    }
  }
  return check;
}

}  // namespace danju
