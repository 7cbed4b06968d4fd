#include "core/run_log.h"

#include <ctime>
#include <iostream>

#include "core/text.h"

namespace danju {

RunLog::RunLog(const std::string& file, bool quiet) : quiet_(quiet) {
  if (!file.empty()) file_.open(file, std::ios::app);
}

void RunLog::info(const std::string& line) { write("", line); }
void RunLog::warn(const std::string& line) { write("warning: ", line); }

void RunLog::write(const char* level, const std::string& line) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
  const std::string text =
      std::string(stamp) + " " + level + one_line(line) + "\n";

  std::lock_guard<std::mutex> hold(mutex_);
  if (!quiet_) std::cerr << text << std::flush;
  if (file_.is_open()) file_ << text << std::flush;
}

}  // namespace danju
