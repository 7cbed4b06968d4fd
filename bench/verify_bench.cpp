// `danju verify` over N filed documents, beside `cat` and `sha256sum` of
// the same files.
//
// The job is made directly, not by nights (which would take hours at this
// size): N issued shipment notes in the database, each with its file
// under documents/ (39 KB, the size the night makes), its filed copy with
// a trail page in the archive (47 KB) and its trail JSON, both listed in
// the month's manifest, and the audit rows a night writes for them (made,
// filed). Each file's bytes are its own, so no two hashes agree. Then
// verify_job runs as `danju verify` does, and cat and sha256sum read the
// same files, each timed; all three read them from the page cache (the
// files were just written), so the comparison is of the programs, not of
// the disk.
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "archive/audit_log.h"
#include "bench_support.h"
#include "cli/verify_command.h"
#include "core/file_io.h"
#include "fixtures/child_process.h"
#include "jobs/job_config.h"
#include "store/database.h"
#include "synthetic_job.h"

using bench::Clock;
using bench::seconds_since;

namespace {

// Bytes of the given size: a random block shared by all, made unique by
// the name at its start.
std::string file_bytes(const std::string& block, const std::string& name,
                       std::size_t size) {
  std::string bytes = "%PDF-1.7\n%" + name + "\n";
  while (bytes.size() < size) bytes += block;
  bytes.resize(size);
  return bytes;
}

struct Made {
  long long files = 0;
  long long bytes = 0;
};

// Writes the job's documents, archive, manifest and records.
Made make_filed_documents(const danju::JobConfig& job, int count) {
  std::mt19937 random(1204);
  std::string block(8192, '\0');
  for (char& c : block) c = static_cast<char>(random() & 0xFF);

  danju::Database db(job.data_folder + "/danju.sqlite");
  danju::AuditLog audit(db);
  const std::string at = "2026-12-04T02:10:00+08:00";
  const std::string month = "archive/2026-12";
  danju::make_directories(job.output_folder + "/" + month);
  std::ofstream manifest(job.output_folder + "/" + month + "/manifest.txt",
                         std::ios::binary);
  Made made;
  const int kBatch = 500;
  for (int first = 1; first <= count; first += kBatch) {
    danju::Transaction transaction(db);
    for (int n = first; n < first + kBatch && n <= count; ++n) {
      char order_no[32];
      std::snprintf(order_no, sizeof order_no, "BN2026%06d", n);
      const std::string document_no = std::string("FH-") + order_no;
      const std::string name = document_no + "-v1";
      const std::string path =
          std::string("documents/2026-12/") + order_no + "/" + name + ".pdf";
      const std::string filed =
          month + "/" + order_no + "/" + name + ".pdf";
      const std::string trail =
          month + "/" + order_no + "/" + name + ".trail.json";
      const std::string pdf = file_bytes(block, path, 39 * 1024);
      const std::string copy = file_bytes(block, filed, 47 * 1024);
      const std::string json = file_bytes(block, trail, 1500);

      danju::make_directories(job.output_folder + "/documents/2026-12/" +
                              order_no);
      danju::make_directories(job.output_folder + "/" + month + "/" +
                              order_no);
      for (const auto& [relative, bytes] :
           {std::pair{path, &pdf}, {filed, &copy}, {trail, &json}}) {
        std::ofstream out(job.output_folder + "/" + relative,
                          std::ios::binary);
        out << *bytes;
        made.bytes += static_cast<long long>(bytes->size());
        ++made.files;
      }
      manifest << danju::sha256_hex(copy) << "  " << order_no << "/" << name
               << ".pdf\n"
               << danju::sha256_hex(json) << "  " << order_no << "/" << name
               << ".trail.json\n";

      danju::Statement document = db.prepare(
          "INSERT INTO documents (order_no, order_version, kind, "
          "document_no, format, path, sha256, bytes, business_date, state, "
          "created_at) VALUES (?1, 1, 'shipment_note', ?2, 'pdf', ?3, ?4, "
          "?5, '2026-12-04', 'issued', ?6)");
      document.bind(1, order_no)
          .bind(2, document_no)
          .bind(3, path)
          .bind(4, danju::sha256_hex(pdf))
          .bind(5, static_cast<std::int64_t>(pdf.size()))
          .bind(6, at);
      document.run();
      danju::Statement filing = db.prepare(
          "INSERT INTO filed_documents (document_id, path, sha256, "
          "trail_path, trail_sha256, filed_at) VALUES (?1, ?2, ?3, ?4, ?5, "
          "?6)");
      filing.bind(1, db.last_insert_id())
          .bind(2, filed)
          .bind(3, danju::sha256_hex(copy))
          .bind(4, trail)
          .bind(5, danju::sha256_hex(json))
          .bind(6, at);
      filing.run();
      audit.append(danju::kAuditDocumentMade, document_no,
                   "shipment_note pdf " + path, at);
      audit.append(danju::kAuditFiled, document_no,
                   "shipment_note " + filed, at);
    }
    transaction.commit();
  }
  return made;
}

// Seconds a shell command took, or -1 when it failed.
double time_shell(const std::string& command) {
  const auto start = Clock::now();
  danju::testing::ChildProcess shell("/bin/sh", {"-c", command});
  std::string out, err;
  if (shell.wait(&out, &err) != 0) {
    std::printf("  \"%s\" failed: %s\n", command.c_str(), err.c_str());
    return -1;
  }
  return seconds_since(start);
}

}  // namespace

void bench::verify_rate(int documents, const std::string& other_danju) {
  Scratch scratch;
  bench::write_job(scratch.root, 25);  // no mail is sent
  const danju::JobConfig job = danju::load_job(scratch.root + "/job.toml");
  danju::make_directories(job.data_folder);
  const auto making = Clock::now();
  const Made made = make_filed_documents(job, documents);
  const double mb = made.bytes / 1e6;
  std::printf("\n== verify, %d filed documents: %lld files, %.0f MB (made "
              "in %.0f s), read from the page cache\n",
              documents, made.files, mb, seconds_since(making));

  std::ostringstream said;
  const auto start = Clock::now();
  const double cpu_before = bench::cpu_seconds();
  const int code = danju::verify_job(job, said);
  const double took = seconds_since(start);
  const double cpu = bench::cpu_seconds() - cpu_before;
  std::printf("  danju verify:  %6.2f s (%.2f s CPU), %5.0f MB/s, exit code "
              "%d\n",
              took, cpu, mb / took, code);
  if (code != 0) std::printf("%s", said.str().c_str());

  const std::string files = "find '" + scratch.root +
                            "/output' -type f ! -name manifest.txt -print0";
  if (!other_danju.empty()) {
    const double other = time_shell("'" + other_danju + "' verify '" +
                                    scratch.root + "/job.toml' >/dev/null");
    std::printf("  %s verify: %6.2f s, %5.0f MB/s\n", other_danju.c_str(),
                other, mb / other);
  }
  const double cat = time_shell(files + " | xargs -0 cat >/dev/null");
  const double sums = time_shell(files + " | xargs -0 sha256sum >/dev/null");
  const double sums2 = time_shell(files + " | xargs -0 -P 2 -n 2000 "
                                          "sha256sum >/dev/null");
  std::printf("  cat:           %6.2f s,            %5.0f MB/s\n", cat,
              mb / cat);
  std::printf("  sha256sum:     %6.2f s,            %5.0f MB/s (one "
              "process)\n",
              sums, mb / sums);
  std::printf("  sha256sum x2:  %6.2f s,            %5.0f MB/s (two "
              "processes)\n",
              sums2, mb / sums2);
}
