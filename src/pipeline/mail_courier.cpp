#include "pipeline/mail_courier.h"

#include "store/database.h"

namespace danju {

MailCourier::MailCourier(const std::string& database,
                         const MailSettings& mail, const BusinessClock& clock,
                         RunLog& log)
    : database_(database), mail_(mail), clock_(clock), log_(log) {
  if (mail.host.empty()) return;
  // The last round is left to the run's own last delivery.
  thread_ = std::make_unique<NudgedThread>(
      [this](bool last) { return !last && deliver(); });
}

MailCourier::~MailCourier() {
  try {
    finish();
  } catch (const std::exception& error) {
    log_.warn(std::string("mail sent during the run: ") + error.what());
  }
}

void MailCourier::nudge() {
  if (thread_) thread_->nudge();
}

DeliveryReport MailCourier::finish() {
  if (thread_) thread_->stop();
  if (error_) {
    std::exception_ptr error = error_;
    error_ = nullptr;
    std::rethrow_exception(error);
  }
  return delivered_;
}

bool MailCourier::deliver() {
  try {
    if (!db_) db_ = std::make_unique<Database>(database_);
    const DeliveryReport report = deliver_outbox(*db_, mail_, clock_, log_);
    delivered_.sent += report.sent;
    delivered_.failed += report.failed;
    // With the server in trouble, the run's last delivery tries once more,
    // and the next run after that.
    return report.still_queued == 0;
  } catch (...) {
    error_ = std::current_exception();
    return false;
  }
}

}  // namespace danju
