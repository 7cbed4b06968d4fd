#include "archive/filing.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "archive/audit_log.h"
#include "archive/filing_pdf.h"
#include "archive/trail_page.h"
#include "core/business_clock.h"
#include "core/file_io.h"

namespace danju {

namespace {

// Where a paper goes, relative to the output folder and to its month.
struct Targets {
  std::string month_folder;  // archive/2026-12
  std::string in_month_pdf;  // LP001/SP-HT-LP001-v1.pdf
  std::string in_month_trail;
};

// A path part taken from the database: one plain name, never a way out of
// the archive.
bool is_plain_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find('/') == std::string::npos &&
         name.find('\\') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

Targets targets_for(const ApprovalTrail& trail) {
  const std::string named = trail.document_no + " (document " +
                            std::to_string(trail.document_id) + ")";
  if (!is_iso_date(trail.business_date)) {
    throw FilingError(named + " has no valid business date: \"" +
                      trail.business_date + "\"");
  }
  const std::size_t slash = trail.source_path.rfind('/');
  const std::string file = slash == std::string::npos
                               ? trail.source_path
                               : trail.source_path.substr(slash + 1);
  const std::size_t pdf = file.size() >= 4 ? file.size() - 4 : 0;
  if (!is_plain_name(trail.order_no) || !is_plain_name(file) ||
      file.size() <= 4 || file.compare(pdf, 4, ".pdf") != 0) {
    throw FilingError(named + ": its order number \"" + trail.order_no +
                      "\" or file \"" + trail.source_path +
                      "\" cannot name a file in the archive");
  }
  Targets targets;
  targets.month_folder = "archive/" + trail.business_date.substr(0, 7);
  targets.in_month_pdf = trail.order_no + "/" + file;
  targets.in_month_trail =
      trail.order_no + "/" + file.substr(0, pdf) + ".trail.json";
  return targets;
}

void make_read_only(const std::string& path) {
  if (::chmod(path.c_str(), 0444) != 0) {
    throw FileError("cannot make " + path + " read-only: " +
                    std::strerror(errno));
  }
}

std::string refusal(const std::string& source, const std::string& path,
                    const std::string& found, const std::string& expected) {
  return "cannot file " + source + ": " + path +
         " already exists with other content (sha256 " + found +
         ", the filing has " + expected +
         "); nothing was overwritten, check both files";
}

// A file filed before must still hold what was recorded.
std::string check_filed(const std::string& path, const std::string& expected,
                        const std::string& source) {
  const std::string found = sha256_file(path);
  if (found != expected) {
    throw FilingError(refusal(source, path, found, expected));
  }
  return found;
}

// Puts bytes at path unless a file is there. A file already there is
// accepted when it holds these bytes or the content recorded when it was
// filed (expected, may be empty); anything else is refused. Returns the
// SHA-256 of what is at path afterwards; was_there says whether a file
// was there before.
std::string place(const std::string& path, const std::string& bytes,
                  const std::string& expected, const std::string& source,
                  bool* was_there) {
  const std::string sha = sha256_hex(bytes);
  *was_there = file_exists(path);
  if (*was_there) {
    const std::string found = sha256_file(path);
    if (found != sha && found != expected) {
      throw FilingError(refusal(source, path, found, sha));
    }
    make_read_only(path);
    return found;
  }
  write_file_atomic(path, bytes);
  make_read_only(path);
  return sha;
}

// Adds the lines the manifest does not have yet, keeping the rest. With
// none_there the caller knows that none of them can be there (both files
// were new at their paths), which spares reading a manifest that grows
// with the month.
void add_to_manifest(const std::string& path,
                     const std::vector<std::string>& lines, bool none_there) {
  std::unordered_set<std::string> present;
  if (!none_there && file_exists(path)) {
    std::istringstream in(read_file(path));
    for (std::string line; std::getline(in, line);) present.insert(line);
  }
  std::string missing;
  for (const std::string& line : lines) {
    if (present.insert(line).second) missing += line + "\n";
  }
  if (!missing.empty()) append_lines(path, missing);
}

}  // namespace

bool filed_on_issue(DocumentKind kind) {
  return kind == DocumentKind::shipment_note ||
         kind == DocumentKind::delivery_receipt;
}

std::optional<FiledDocument> find_filed(Database& db,
                                        std::int64_t document_id) {
  Statement query = db.prepare(
      "SELECT f.path, f.sha256, f.trail_path, f.trail_sha256, f.filed_at, "
      "d.document_no FROM filed_documents f JOIN documents d "
      "ON d.id = f.document_id WHERE f.document_id = ?1");
  query.bind(1, document_id);
  if (!query.step()) return std::nullopt;
  FiledDocument filed;
  filed.document_id = document_id;
  filed.path = query.text(0);
  filed.sha256 = query.text(1);
  filed.trail_path = query.text(2);
  filed.trail_sha256 = query.text(3);
  filed.filed_at = query.text(4);
  filed.document_no = query.text(5);
  return filed;
}

PreparedFiling prepare_filing(const FontSet& fonts, const ApprovalTrail& trail,
                              const std::string& approved,
                              const std::string& output_folder) {
  const Targets targets = targets_for(trail);
  const std::string month = output_folder + "/" + targets.month_folder + "/";
  const std::string source = output_folder + "/" + trail.source_path;
  PreparedFiling prepared;
  prepared.trail_json = trail_json(trail);
  const std::string pdf = join_pdfs(approved, render_trail_pdf(fonts, trail));
  make_directories(month + trail.order_no);
  bool pdf_there = false, trail_there = false;
  prepared.sha256 =
      place(month + targets.in_month_pdf, pdf, "", source, &pdf_there);
  prepared.trail_sha256 = place(month + targets.in_month_trail,
                                prepared.trail_json, "", source,
                                &trail_there);
  prepared.placed = true;
  prepared.new_files = !pdf_there && !trail_there;
  prepared.manifest = month + "manifest.txt";
  prepared.lines = prepared.sha256 + "  " + targets.in_month_pdf + "\n" +
                   prepared.trail_sha256 + "  " + targets.in_month_trail +
                   "\n";
  return prepared;
}

void list_in_manifests(const std::vector<PreparedFiling*>& filings) {
  std::map<std::string, std::string> lines;  // manifest -> its new lines
  for (const PreparedFiling* filing : filings) {
    if (filing->placed && filing->new_files) {
      lines[filing->manifest] += filing->lines;
    }
  }
  for (const auto& [manifest, added] : lines) append_lines(manifest, added);
  for (PreparedFiling* filing : filings) {
    filing->listed = filing->placed && filing->new_files;
  }
}

FiledDocument file_document(Database& db, const JobConfig& job,
                            const FontSet& fonts, std::int64_t document_id,
                            const std::string& now,
                            const PreparedFiling* prepared) {
  // The write lock first: two processes filing the same paper queue here.
  Transaction transaction(db);
  const ApprovalTrail trail = read_approval_trail(db, job, document_id);
  const Targets targets = targets_for(trail);
  const std::string out = job.output_folder + "/";
  const std::string month = out + targets.month_folder + "/";
  const std::string source = out + trail.source_path;
  const std::optional<FiledDocument> recorded = find_filed(db, document_id);

  FiledDocument filed;
  filed.document_id = document_id;
  filed.document_no = trail.document_no;
  filed.path = targets.month_folder + "/" + targets.in_month_pdf;
  filed.trail_path = targets.month_folder + "/" + targets.in_month_trail;
  filed.filed_at = recorded ? recorded->filed_at : now;
  filed.already_filed = recorded.has_value();
  bool new_files = false;
  bool listed = false;  // list_in_manifests added the lines already

  if (recorded && file_exists(out + recorded->path) &&
      file_exists(out + recorded->trail_path)) {
    // Filed before: check the files, write nothing.
    filed.path = recorded->path;
    filed.trail_path = recorded->trail_path;
    filed.sha256 = check_filed(out + filed.path, recorded->sha256, source);
    filed.trail_sha256 =
        check_filed(out + filed.trail_path, recorded->trail_sha256, source);
  } else {
    // Only the bytes the approvers were shown are filed.
    if (!file_exists(source)) {
      throw FilingError("cannot file " + trail.document_no + ": " + source +
                        " is missing");
    }
    const std::string approved = read_file(source);
    if (sha256_hex(approved) != trail.sha256) {
      throw FilingError("cannot file " + trail.document_no + ": " + source +
                        " is no longer the file that was approved (sha256 " +
                        sha256_hex(approved) + ", recorded " + trail.sha256 +
                        ")");
    }
    const std::string json = trail_json(trail);
    if (prepared && prepared->placed && prepared->trail_json == json) {
      filed.sha256 = prepared->sha256;
      filed.trail_sha256 = prepared->trail_sha256;
      new_files = !recorded && prepared->new_files;
      listed = prepared->listed;
    } else {
      const std::string pdf =
          join_pdfs(approved, render_trail_pdf(fonts, trail));
      make_directories(month + trail.order_no);
      bool pdf_there = false, trail_there = false;
      filed.sha256 = place(out + filed.path, pdf,
                           recorded ? recorded->sha256 : "", source,
                           &pdf_there);
      filed.trail_sha256 = place(out + filed.trail_path, json,
                                 recorded ? recorded->trail_sha256 : "",
                                 source, &trail_there);
      new_files = !recorded && !pdf_there && !trail_there;
    }
  }

  if (!listed) {
    add_to_manifest(month + "manifest.txt",
                    {filed.sha256 + "  " + targets.in_month_pdf,
                     filed.trail_sha256 + "  " + targets.in_month_trail},
                    new_files);
  }

  if (!recorded) {
    Statement insert = db.prepare(
        "INSERT INTO filed_documents (document_id, path, sha256, trail_path, "
        "trail_sha256, filed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, document_id)
        .bind(2, filed.path)
        .bind(3, filed.sha256)
        .bind(4, filed.trail_path)
        .bind(5, filed.trail_sha256)
        .bind(6, now);
    insert.run();
    AuditLog(db).append(
        kAuditFiled, trail.document_no,
        std::string(document_kind_name(trail.kind)) + " " + filed.path +
            " sha256 " + filed.sha256 + "; trail " + filed.trail_path +
            " sha256 " + filed.trail_sha256 + "; approved file " +
            trail.source_path + " sha256 " + trail.sha256,
        now);
  }
  transaction.commit();
  return filed;
}

}  // namespace danju
