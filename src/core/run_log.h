// The operator's log: one line per event worth reading at 8 a.m., to standard
// error (which cron mails) and appended to danju.log in the job's data
// folder. Never given passwords, tokens or mail bodies.
#pragma once

#include <fstream>
#include <mutex>
#include <string>

namespace danju {

class RunLog {
 public:
  // file may be empty (standard error only); quiet drops standard error.
  explicit RunLog(const std::string& file = "", bool quiet = false);

  void info(const std::string& line);
  void warn(const std::string& line);

 private:
  void write(const char* level, const std::string& line);
  std::mutex mutex_;
  std::ofstream file_;
  bool quiet_;
};

}  // namespace danju
