// One run at a time per job: an exclusive lock on a file in the job's data
// folder. The operating system drops the lock when the process ends, however
// it ends, so a killed run never leaves a stale lock behind.
#pragma once

#include <string>

namespace danju {

class RunLock {
 public:
  // Tries to take the lock without waiting. held() tells whether it was
  // taken; holder() then describes the other run ("pid 4242 since
  // 2026-12-04T02:00:01+08:00"). Throws std::runtime_error when the lock
  // file cannot be opened.
  // name: the lock file in the folder; the nightly run and the reply
  // intake each have their own.
  RunLock(const std::string& data_folder, const std::string& started_at,
          const std::string& name = "danju.lock");
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  bool held() const { return fd_ >= 0 && held_; }
  const std::string& holder() const { return holder_; }

 private:
  int fd_ = -1;
  bool held_ = false;
  std::string holder_;
};

}  // namespace danju
