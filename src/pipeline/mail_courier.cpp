#include "pipeline/mail_courier.h"

#include <exception>

#include "store/database.h"

namespace danju {

MailCourier::MailCourier(const std::string& database,
                         const MailSettings& mail, const BusinessClock& clock,
                         RunLog& log)
    : database_(database), mail_(mail), clock_(clock), log_(log) {
  if (mail.host.empty()) return;
  thread_ = std::thread([this] { run(); });
}

MailCourier::~MailCourier() {
  try {
    finish();
  } catch (const std::exception& error) {
    log_.warn(std::string("mail sent during the run: ") + error.what());
  }
}

void MailCourier::nudge() {
  {
    std::lock_guard<std::mutex> hold(mutex_);
    pending_ = true;
  }
  wake_.notify_one();
}

DeliveryReport MailCourier::finish() {
  {
    std::lock_guard<std::mutex> hold(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (error_) {
    std::exception_ptr error = error_;
    error_ = nullptr;
    std::rethrow_exception(error);
  }
  return delivered_;
}

void MailCourier::run() {
  try {
    Database db(database_);
    while (true) {
      {
        std::unique_lock<std::mutex> hold(mutex_);
        wake_.wait(hold, [this] { return pending_ || stopping_; });
        if (stopping_) return;
        pending_ = false;
      }
      const DeliveryReport report = deliver_outbox(db, mail_, clock_, log_);
      delivered_.sent += report.sent;
      delivered_.failed += report.failed;
      if (report.still_queued > 0) {
        // The server is in trouble: the run's last delivery tries once
        // more, and the next run after that.
        return;
      }
    }
  } catch (...) {
    error_ = std::current_exception();
  }
}

}  // namespace danju
