// Reading and writing whole files, safely.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace danju {

// Thrown by the functions below; what() names the path and the OS reason.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string read_file(const std::string& path);

// A file opened with ::open(path, flags, 0644) (O_CLOEXEC added), closed
// when this goes. Throws FileError when it cannot be opened.
class OpenFile {
 public:
  OpenFile(const std::string& path, int flags);
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Writes bytes to path atomically: a temporary file beside it, flushed to
// disk, then renamed over path. A reader sees the old file or the whole new
// one, never a part; a crash leaves at worst a stray "*.tmp-<pid>" file.
void write_file_atomic(const std::string& path, std::string_view bytes);

// An exclusive lock on the file at path (created if need be), waited for:
// held by one process at a time, for the life of this object. The system
// drops it when the process ends, however it ends. Two objects in one
// process exclude each other too. Throws FileError.
class FileLock {
 public:
  explicit FileLock(const std::string& path);
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  OpenFile file_;
};

// Appends lines (each ending in '\n') to the file at path, creating it, and
// flushes them to disk. A last line left without its line end by an append
// that was interrupted is dropped first, so the file only ever gains whole
// lines; a crash during the call leaves at worst such a cut last line.
// Cheap however long the file is: nothing before its end is read.
void append_lines(const std::string& path, std::string_view lines);

// The regular files under folder, at any depth, as paths relative to it
// ("LP001/FH-LP001-v1.pdf"), in no particular order; none when the folder
// is not there. Symbolic links are listed as files when they point to one
// and not followed into folders. Throws FileError when a folder cannot be
// listed.
std::vector<std::string> files_under(const std::string& folder);

// Creates the folder and its parents; fine if it exists.
void make_directories(const std::string& path);

bool file_exists(const std::string& path);

// Lower-case hex SHA-256 of bytes, and of a file's content.
std::string sha256_hex(std::string_view bytes);
std::string sha256_file(const std::string& path);

// What hashing one file found.
struct FileHash {
  enum class State { hashed, missing, not_regular, unreadable };
  State state = State::missing;
  std::string sha256;  // with hashed
  std::string error;   // with unreadable: what went wrong
};

// The SHA-256 of each file, read on `workers` threads at once (a disk or
// page cache serves several readers faster than one); the results in the
// order of paths. Never throws for a file: its trouble is in its result.
std::vector<FileHash> hash_files(const std::vector<std::string>& paths,
                                 unsigned workers);

}  // namespace danju
