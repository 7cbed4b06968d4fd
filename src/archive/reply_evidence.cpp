#include "archive/reply_evidence.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "core/file_io.h"
#include "core/text.h"

namespace danju {

namespace {

constexpr std::string_view kFrom = "From ";

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw FileError(what + " " + path + ": " + std::strerror(errno));
}

// True when the line starting at text[at] is ">...>From ", or "From " with
// quoted set to false.
bool from_line(std::string_view text, std::size_t at, bool quoted) {
  std::size_t i = at;
  while (i < text.size() && text[i] == '>') ++i;
  if (quoted && i == at) return false;
  return text.compare(i, kFrom.size(), kFrom) == 0;
}

// The message as a block of the mailbox file.
std::string block_of(const std::string& raw, const std::string& envelope) {
  std::string block = envelope;
  block.reserve(raw.size() + envelope.size() + 16);
  for (std::size_t at = 0; at < raw.size();) {
    if (from_line(raw, at, false)) block += '>';
    const std::size_t end = raw.find('\n', at);
    const std::size_t next = end == std::string::npos ? raw.size() : end + 1;
    block.append(raw, at, next - at);
    at = next;
  }
  block += "\n\n";
  return block;
}

// "From danju-intake Fri Dec  4 21:07:30 2026\n", in UTC as mbox has it.
std::string envelope_line() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof text, "From danju-intake %a %b %e %H:%M:%S %Y\n",
                &utc);
  return text;
}

}  // namespace

std::vector<EvidenceSpot> keep_reply_evidence(
    const std::string& folder, const std::string& name,
    const std::vector<std::string>& raw) {
  std::vector<EvidenceSpot> spots;
  if (raw.empty()) return spots;
  make_directories(folder);
  const std::string path = folder + "/" + name + ".mbox";

  const OpenFile file(path, O_RDWR | O_APPEND | O_CREAT);
  const int fd = file.fd();
  struct stat status{};
  if (::fstat(fd, &status) != 0) fail("cannot read", path);

  // After a block cut short, the next starts on a line of its own with a
  // blank line before it.
  std::string bytes;
  const off_t size = status.st_size;
  if (size > 0) {
    char tail[2] = {0, 0};
    const off_t from = size >= 2 ? size - 2 : 0;
    if (::pread(fd, tail, static_cast<std::size_t>(size - from), from) < 0) {
      fail("cannot read", path);
    }
    if (size == 1 ? tail[0] != '\n' : (tail[0] != '\n' || tail[1] != '\n')) {
      bytes = "\n\n";
    }
  }

  const std::string envelope = envelope_line();
  std::int64_t at = static_cast<std::int64_t>(size + bytes.size());
  for (const std::string& message : raw) {
    const std::string block = block_of(message, envelope);
    spots.push_back({path, at, static_cast<std::int64_t>(block.size())});
    at += static_cast<std::int64_t>(block.size());
    bytes += block;
  }

  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", path);
    done += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd) != 0) fail("cannot flush", path);
  return spots;
}

std::string read_reply_evidence(const EvidenceSpot& spot) {
  const std::string where = spot.path + " at byte " +
                            std::to_string(spot.offset);
  const OpenFile file(spot.path, O_RDONLY);
  const int fd = file.fd();
  if (spot.offset < 0 || spot.length < 0) {
    throw FileError("no kept reply at " + where);
  }
  std::string block(static_cast<std::size_t>(spot.length), '\0');
  std::size_t got = 0;
  while (got < block.size()) {
    const ssize_t n = ::pread(fd, block.data() + got, block.size() - got,
                              spot.offset + static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read", spot.path);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  const std::size_t first_end = block.find('\n');
  if (got != block.size() || block.compare(0, kFrom.size(), kFrom) != 0 ||
      first_end == std::string::npos || block.size() < first_end + 3 ||
      block.compare(block.size() - 2, 2, "\n\n") != 0) {
    throw FileError("no kept reply at " + where +
                    ": the file is shorter or was changed");
  }

  // The quoting undone: one '>' less on every quoted "From " line.
  const std::string_view body(block.data() + first_end + 1,
                              block.size() - first_end - 3);
  std::string raw;
  raw.reserve(body.size());
  for (std::size_t at = 0; at < body.size();) {
    const std::size_t start = from_line(body, at, true) ? at + 1 : at;
    const std::size_t end = body.find('\n', at);
    const std::size_t next = end == std::string::npos ? body.size() : end + 1;
    raw.append(body.data() + start, next - start);
    at = next;
  }
  return raw;
}

DocumentCheck check_reply_evidence(Database& db) {
  DocumentCheck check;

  // A database from before the mailbox files (verify opens it read-only,
  // so it is not brought up to date) keeps every reply in a file.
  Statement columns = db.prepare(
      "SELECT COUNT(*) FROM pragma_table_info('mailbox_messages') "
      "WHERE name = 'evidence_offset'");
  columns.step();
  const bool spots = columns.integer(0) > 0;
  Statement kept = db.prepare(
      spots ? "SELECT path, evidence_offset, evidence_length, sha256, "
              "message_id, uid FROM mailbox_messages ORDER BY id"
            : "SELECT path, NULL, NULL, sha256, message_id, uid "
              "FROM mailbox_messages ORDER BY id");
  while (kept.step()) {
    ++check.recorded;
    const std::string path = kept.text(0);
    const std::string expected = kept.text(3);
    const std::string named =
        kept.text(4).empty() ? "uid " + kept.text(5) : kept.text(4);
    if (!file_exists(path)) {
      check.missing.push_back({path, named, "the reply kept as evidence "
                                            "is gone"});
      continue;
    }
    std::string found;
    try {
      if (kept.is_null(1)) {
        found = sha256_file(path);
      } else {
        found = sha256_hex(read_reply_evidence(
            {path, kept.integer(1), kept.integer(2)}));
      }
    } catch (const FileError& error) {
      check.changed.push_back({path, named, one_line(error.what())});
      continue;
    }
    if (found != expected) {
      check.changed.push_back(
          {path, named, "the reply kept as evidence has sha256 " + found +
                            ", recorded " + expected});
      continue;
    }
    ++check.intact;
  }
  return check;
}

}  // namespace danju
