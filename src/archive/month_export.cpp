#include "archive/month_export.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include "archive/register_rows.h"
#include "archive/register_staged_file.h"
#include "archive/register_workbook.h"
#include "core/file_io.h"

namespace danju {

namespace {

namespace fs = std::filesystem;

// One file to put in: its path inside the zip and where its bytes are.
struct Entry {
  std::string name;    // relative, '/'-separated
  std::string source;  // file on disk; empty when bytes are given
  std::string bytes;
  std::string expected_sha256;  // empty: not checked against a record
  std::string document_no;
};

bool is_temporary(const std::string& name) {
  return name.find(".tmp-") != std::string::npos;
}

// A recorded path must stay inside the output folder.
bool is_inside(const std::string& path) {
  if (path.empty() || path[0] == '/') return false;
  for (const auto& part : fs::path(path)) {
    if (part == "..") return false;
  }
  return true;
}

std::vector<Entry> documents_of_month(Database& db, const std::string& month) {
  Statement query = db.prepare(
      "SELECT path, sha256, document_no FROM documents "
      "WHERE substr(business_date, 1, 7) = ?1 ORDER BY path");
  query.bind(1, month);
  std::vector<Entry> entries;
  while (query.step()) {
    Entry entry;
    entry.name = query.text(0);
    entry.expected_sha256 = query.text(1);
    entry.document_no = query.text(2);
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<Entry> archive_folder(const std::string& output_folder,
                                  const std::string& month) {
  std::vector<Entry> entries;
  const fs::path root = fs::path(output_folder) / "archive" / month;
  std::error_code error;
  if (!fs::is_directory(root, error)) return entries;

  // Symbolic links are neither followed nor included: the export holds
  // what lies in the folder itself.
  fs::recursive_directory_iterator it(root, error), end;
  if (error) {
    throw ExportError(root.string() + ": cannot list the archive folder: " +
                      error.message() + "; no zip was written");
  }
  for (; it != end; it.increment(error)) {
    if (error) {
      throw ExportError(root.string() + ": cannot list the archive folder: " +
                        error.message() + "; no zip was written");
    }
    if (!it->is_regular_file(error) || it->is_symlink(error)) continue;
    const std::string file_name = it->path().filename().string();
    if (is_temporary(file_name)) continue;
    Entry entry;
    entry.source = it->path().string();
    entry.name = "archive/" + month + "/" +
                 fs::relative(it->path(), root).generic_string();
    entries.push_back(std::move(entry));
  }
  return entries;
}

// The register as bytes, made through a temporary file beside the zip.
std::string register_bytes(const RegisterSheet& sheet,
                           const std::string& zip_path) {
  const std::string scratch = zip_path + ".register-" +
                              std::to_string(::getpid()) + ".xlsx";
  try {
    write_register_workbook(sheet, scratch);
    std::string bytes = read_file(scratch);
    std::remove(scratch.c_str());
    return bytes;
  } catch (...) {
    std::remove(scratch.c_str());
    throw;
  }
}

Poco::DateTime modified_at(const std::string& path) {
  return Poco::DateTime(Poco::File(path).getLastModified());
}

void add(Poco::Zip::Compress& zip, const std::string& name,
         const std::string& bytes, const Poco::DateTime& when) {
  std::istringstream in(bytes);
  // Spreadsheets are zips already; deflating them again gains nothing.
  const bool packed = name.size() > 5 &&
                      name.compare(name.size() - 5, 5, ".xlsx") == 0;
  zip.addFile(in, when, Poco::Path(name, Poco::Path::PATH_UNIX),
              packed ? Poco::Zip::ZipCommon::CM_STORE
                     : Poco::Zip::ZipCommon::CM_DEFLATE,
              Poco::Zip::ZipCommon::CL_NORMAL);
}

}  // namespace

MonthExportResult export_month(Database& db,
                               const MonthExportRequest& request) {
  MonthExportResult result;

  RegisterSheet sheet;
  sheet.month = request.month;
  sheet.company = request.company;
  sheet.rows = register_rows(db, request.month);
  result.register_rows = static_cast<int>(sheet.rows.size());

  std::vector<Entry> entries = documents_of_month(db, request.month);
  result.documents = static_cast<int>(entries.size());
  for (const Entry& entry : entries) {
    if (!is_inside(entry.name)) {
      throw ExportError("document " + entry.document_no + ": its recorded "
                        "path " + entry.name + " is outside the output "
                        "folder; no zip was written");
    }
  }

  Entry book;
  book.name = "registers/register-" + request.month + ".xlsx";
  book.bytes = register_bytes(sheet, request.zip_path);
  entries.push_back(std::move(book));

  const std::vector<Entry> archived =
      archive_folder(request.output_folder, request.month);
  result.archive_files = static_cast<int>(archived.size());
  entries.insert(entries.end(), archived.begin(), archived.end());
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });

  StagedFile file(request.zip_path);
  std::string manifest;
  try {
    std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
    if (!out) {
      throw ExportError(file.temp_path() + ": cannot be created; no zip "
                        "was written");
    }
    Poco::Zip::Compress zip(out, true);
    const Poco::DateTime now;

    for (Entry& entry : entries) {
      const bool recorded = !entry.expected_sha256.empty();
      const std::string source =
          recorded ? request.output_folder + "/" + entry.name : entry.source;
      std::string bytes;
      if (!source.empty()) {
        if (recorded && !file_exists(source)) {
          throw ExportError("document " + entry.document_no + ": " + source +
                            " is missing; no zip was written (danju verify "
                            "lists every problem)");
        }
        bytes = read_file(source);
      } else {
        bytes.swap(entry.bytes);
      }

      const std::string sha256 = sha256_hex(bytes);
      if (recorded && sha256 != entry.expected_sha256) {
        throw ExportError("document " + entry.document_no + ": " + source +
                          " differs from what was recorded (SHA-256 " +
                          sha256 + ", recorded " + entry.expected_sha256 +
                          "); no zip was written (danju verify lists every "
                          "problem)");
      }
      add(zip, entry.name, bytes, source.empty() ? now : modified_at(source));
      manifest += sha256 + "  " + entry.name + "\n";
    }
    add(zip, "MANIFEST.sha256", manifest, now);
    zip.close();

    out.flush();
    out.close();
    if (!out) {
      throw ExportError(file.temp_path() + ": could not be written (disk "
                        "full?); no zip was written");
    }
  } catch (const Poco::Exception& error) {
    throw ExportError(request.zip_path + ": the zip could not be made: " +
                      error.displayText() + "; no zip was written");
  }
  file.publish();

  result.zip_bytes =
      static_cast<std::int64_t>(fs::file_size(request.zip_path));
  return result;
}

}  // namespace danju
