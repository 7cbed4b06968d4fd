#include "core/nudged_thread.h"

#include <utility>

namespace danju {

NudgedThread::NudgedThread(Work work) : work_(std::move(work)) {
  thread_ = std::thread([this] { run(); });
}

NudgedThread::~NudgedThread() { stop(); }

void NudgedThread::nudge() {
  {
    std::lock_guard<std::mutex> hold(mutex_);
    nudged_ = true;
  }
  wake_.notify_one();
}

void NudgedThread::stop() {
  {
    std::lock_guard<std::mutex> hold(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void NudgedThread::run() {
  std::unique_lock<std::mutex> hold(mutex_);
  for (;;) {
    wake_.wait(hold, [this] { return nudged_ || stopping_; });
    const bool last = stopping_;
    nudged_ = false;
    hold.unlock();
    const bool go_on = work_(last);
    hold.lock();
    if (last || !go_on) return;
  }
}

}  // namespace danju
