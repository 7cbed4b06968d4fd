#include "core/file_io.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/parallel.h"
#include "core/sha256.h"

namespace danju {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw FileError(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot open", path);
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) fail("cannot read", path);
  return content.str();
}

void write_file_atomic(const std::string& path, std::string_view bytes) {
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                        0644);
  if (fd < 0) fail("cannot create", temp);

  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      errno = saved;
      fail("cannot write", temp);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail("cannot flush", temp);
  }

  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail("cannot rename into place", path);
  }
}

OpenFile::OpenFile(const std::string& path, int flags)
    : fd_(::open(path.c_str(), flags | O_CLOEXEC, 0644)) {
  if (fd_ < 0) fail("cannot open", path);
}

OpenFile::~OpenFile() { ::close(fd_); }

FileLock::FileLock(const std::string& path) : file_(path, O_RDWR | O_CREAT) {
  while (::flock(file_.fd(), LOCK_EX) != 0) {
    if (errno != EINTR) fail("cannot lock", path);
  }
}

void append_lines(const std::string& path, std::string_view lines) {
  const OpenFile file(path, O_RDWR | O_CREAT);
  const int fd = file.fd();

  // Where the whole lines end: after the last '\n' of the file's tail.
  struct stat status{};
  if (::fstat(fd, &status) != 0) fail("cannot read", path);
  off_t end = status.st_size;
  if (end > 0) {
    char tail[4096];
    const off_t from = end > static_cast<off_t>(sizeof tail)
                           ? end - static_cast<off_t>(sizeof tail)
                           : 0;
    const ssize_t got = ::pread(fd, tail, static_cast<size_t>(end - from),
                                from);
    if (got != end - from) fail("cannot read", path);
    off_t last = -1;
    for (ssize_t i = got - 1; i >= 0 && last < 0; --i) {
      if (tail[i] == '\n') last = from + i;
    }
    // A cut line longer than the tail is kept; the new lines then start
    // on a line of their own.
    if (last >= 0 || from == 0) end = last + 1;
    if (end != status.st_size && ::ftruncate(fd, end) != 0) {
      fail("cannot truncate", path);
    }
  }

  std::string bytes;
  if (end > 0 && end == status.st_size) {
    char last = '\n';
    if (::pread(fd, &last, 1, end - 1) != 1) fail("cannot read", path);
    if (last != '\n') bytes += '\n';
  }
  bytes.append(lines);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done,
                               end + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", path);
    done += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd) != 0) fail("cannot flush", path);
}

void make_directories(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) {
    throw FileError("cannot create folder " + path + ": " + error.message());
  }
}

bool file_exists(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hex_digest();
}

std::string sha256_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("cannot open", path);
  Sha256 hash;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      fail("cannot read", path);
    }
    if (n == 0) break;
    hash.update(std::string_view(buffer, static_cast<std::size_t>(n)));
  }
  ::close(fd);
  return hash.hex_digest();
}

std::vector<FileHash> hash_files(const std::vector<std::string>& paths,
                                 unsigned workers) {
  std::vector<FileHash> hashes(paths.size());
  parallel_for(paths.size(), workers, [&](std::size_t i) {
    FileHash& found = hashes[i];
    struct stat status{};
    if (::stat(paths[i].c_str(), &status) != 0) {
      found.state = errno == ENOENT || errno == ENOTDIR
                        ? FileHash::State::missing
                        : FileHash::State::unreadable;
      found.error = std::strerror(errno);
      return;
    }
    if (!S_ISREG(status.st_mode)) {
      found.state = FileHash::State::not_regular;
      return;
    }
    try {
      found.sha256 = sha256_file(paths[i]);
      found.state = FileHash::State::hashed;
    } catch (const FileError& error) {
      found.state = FileHash::State::unreadable;
      found.error = error.what();
    }
  });
  return hashes;
}

std::vector<std::string> files_under(const std::string& folder) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::error_code type_error;  // a dangling link is no file, not a fault
    if (!it->is_regular_file(type_error)) continue;
    files.push_back(it->path().lexically_relative(folder).generic_string());
  }
  if (error && error != std::errc::no_such_file_or_directory) {
    throw FileError("cannot list " + folder + ": " + error.message());
  }
  return files;
}

}  // namespace danju
