// What the benchmarks of danju-bench share: a scratch folder, the clock and
// the peak memory of the process.
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The largest resident set the process has had, in MB.
inline long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// CPU time the process has used so far, user and system, in seconds.
inline double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// A fresh folder under /tmp, removed with everything in it at the end.
struct Scratch {
  std::string root;
  Scratch() {
    char pattern[] = "/tmp/danju-bench-XXXXXX";
    const char* made = mkdtemp(pattern);
    if (made == nullptr) std::abort();
    root = made;
  }
  ~Scratch() { std::filesystem::remove_all(root); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

// The pages of a PDF made by Danju: its /Type/Page objects.
inline int count_pages(const std::string& pdf) {
  int pages = 0;
  const std::string mark = "/Type/Page";
  for (std::size_t at = pdf.find(mark); at != std::string::npos;
       at = pdf.find(mark, at + 1)) {
    if (pdf.compare(at, mark.size() + 1, mark + "s") != 0) ++pages;
  }
  return pages;
}

// The benchmarks; each prints its figures.
void render_kinds();
void whole_night(int orders);
void beside_anchor(const std::string& anchor_folder, int orders);
void mail_rate(int messages);
void intake_rate(int replies);
void verify_rate(int documents, const std::string& other_danju);

}  // namespace bench
