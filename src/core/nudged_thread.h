// A thread that does a round of work whenever it is told there may be some:
// the shape of the helpers that deliver mail or finish papers beside the
// main work of a run. Rounds never overlap; nudges that come during a round
// make one more round after it, however many they are.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace danju {

class NudgedThread {
 public:
  // One round of work. last is true for the round that stop() asks for;
  // returning false ends the thread (no more rounds, even the last). The
  // work must not throw.
  using Work = std::function<bool(bool last)>;

  // Starts the thread, which waits for the first nudge.
  explicit NudgedThread(Work work);
  // Stops as stop() does.
  ~NudgedThread();

  NudgedThread(const NudgedThread&) = delete;
  NudgedThread& operator=(const NudgedThread&) = delete;

  void nudge();

  // Lets the round under way end, runs the last round (unless the work
  // ended the thread), and joins. Safe to call twice.
  void stop();

 private:
  void run();

  Work work_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool nudged_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace danju
