#include "pipeline/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/text.h"

namespace danju {

RunLock::RunLock(const std::string& data_folder,
                 const std::string& started_at, const std::string& name) {
  const std::string path = data_folder + "/" + name;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw std::runtime_error("cannot open lock file " + path + ": " +
                             std::strerror(errno));
  }

  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    char buffer[200] = {};
    const ssize_t n = ::pread(fd_, buffer, sizeof buffer - 1, 0);
    holder_ = n > 0 ? trim(one_line(std::string(buffer, n))) : "another run";
    return;
  }
  held_ = true;

  // Tell a second run who holds the lock; the lock itself is the flock.
  const std::string note =
      "pid " + std::to_string(::getpid()) + " since " + started_at + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    const ssize_t ignored = ::pwrite(fd_, note.data(), note.size(), 0);
    (void)ignored;
  }
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace danju
