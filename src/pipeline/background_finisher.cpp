#include "pipeline/background_finisher.h"

#include <exception>
#include <memory>

#include "approval/approval_service.h"
#include "core/text.h"
#include "store/database.h"

namespace danju {

BackgroundFinisher::BackgroundFinisher(const JobConfig& job,
                                       const std::string& database_path,
                                       const BusinessClock& clock,
                                       RunLog& log,
                                       const DocumentRenderer& renderer,
                                       const std::string& business_date)
    : job_(job),
      database_path_(database_path),
      clock_(clock),
      log_(log),
      renderer_(renderer),
      business_date_(business_date) {
  thread_ = std::thread([this] { work(); });
}

BackgroundFinisher::~BackgroundFinisher() { stop(); }

void BackgroundFinisher::nudge() {
  {
    std::lock_guard<std::mutex> hold(mutex_);
    nudged_ = true;
  }
  wake_.notify_one();
}

int BackgroundFinisher::stop() {
  {
    std::lock_guard<std::mutex> hold(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  return finished_;
}

void BackgroundFinisher::work() {
  std::unique_ptr<Database> db;
  std::unique_ptr<ApprovalService> approvals;
  std::unique_lock<std::mutex> hold(mutex_);
  for (;;) {
    wake_.wait(hold, [this] { return nudged_ || stopping_; });
    // Once stopping, one more round finds what the last decisions
    // approved; they were committed before stop() was called.
    const bool last = stopping_;
    nudged_ = false;
    hold.unlock();

    int finished = 0;
    try {
      if (!db) {
        db = std::make_unique<Database>(database_path_);
        approvals = std::make_unique<ApprovalService>(job_, *db, clock_, log_,
                                                      &renderer_);
        approvals->set_business_date(business_date_);
      }
      finished = approvals->finish_approved();
    } catch (const std::exception& error) {
      log_.warn("finishing approved forms stopped: " +
                one_line(error.what()) +
                "; the next intake or run finishes them");
    }

    hold.lock();
    finished_ += finished;
    if (last) break;
  }
}

}  // namespace danju
