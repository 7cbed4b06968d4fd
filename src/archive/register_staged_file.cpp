#include "archive/register_staged_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/file_io.h"

namespace danju {

namespace {

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Opens path (read-only flags) and fsyncs it; false with errno set when
// either fails.
bool sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return synced;
}

}  // namespace

StagedFile::StagedFile(const std::string& final_path)
    : final_path_(final_path),
      temp_path_(final_path + ".tmp-" + std::to_string(::getpid())) {
  make_directories(folder_of(final_path_));
}

StagedFile::~StagedFile() {
  if (!published_) std::remove(temp_path_.c_str());
}

void StagedFile::publish() {
  if (!sync_path(temp_path_, O_RDONLY)) {
    throw FileError(temp_path_ + ": cannot flush to disk: " +
                    std::strerror(errno) + "; " + final_path_ +
                    " was not changed");
  }
  if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    throw FileError(final_path_ + ": cannot put the new file in place: " +
                    std::strerror(errno) + "; the old file, if any, stays");
  }
  published_ = true;

  // The rename itself is durable only once the folder is flushed.
  const std::string folder = folder_of(final_path_);
  if (!sync_path(folder, O_RDONLY | O_DIRECTORY)) {
    throw FileError(folder + ": cannot flush the folder to disk: " +
                    std::strerror(errno));
  }
}

}  // namespace danju
