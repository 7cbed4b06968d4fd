#include "pipeline/background_finisher.h"

#include <exception>

#include "core/text.h"

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
      business_date_(business_date),
      thread_([this](bool) {
        // Once stopping, one more round finds what the last decisions
        // approved: they were committed before stop() was called.
        finish_round();
        return true;
      }) {}

BackgroundFinisher::~BackgroundFinisher() { stop(); }

void BackgroundFinisher::nudge() { thread_.nudge(); }

int BackgroundFinisher::stop() {
  thread_.stop();
  return finished_;
}

void BackgroundFinisher::finish_round() {
  try {
    if (!db_) {
      db_ = std::make_unique<Database>(database_path_);
      approvals_ = std::make_unique<ApprovalService>(job_, *db_, clock_, log_,
                                                     &renderer_);
      approvals_->set_business_date(business_date_);
    }
    finished_ += approvals_->finish_approved();
  } catch (const std::exception& error) {
    log_.warn("finishing approved forms stopped: " + one_line(error.what()) +
              "; the next intake or run finishes them");
  }
}

}  // namespace danju
