// 汇总邮件: the issued papers of one kind, told in one mail a night to
// everyone who holds a role, instead of one mail a paper. Finance gets the
// shipment notes (to book each from its first copy), the dispatcher the
// dispatch sheets.
//
// Every paper is carried by exactly one digest, whichever night it is made
// in: a night cut off before its digest leaves its papers to the next. A
// paper replaced before any digest carried it is left out (its replacement
// is carried). A carried paper that a changed order made void is told of
// once, as void; its replacement, when carried, is marked 更正版. A digest
// too big for one mail is split into parts of at most the job's mail size.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "jobs/job_config.h"
#include "mail/mail_message.h"
#include "store/database.h"

namespace danju {

// How a digest is queued: once by its Message-ID, with_it run in the
// transaction that queues it. Returns false when it was queued already.
using DigestMailer = std::function<bool(
    MailMessage message, const std::string& purpose,
    const std::function<void()>& with_it)>;

struct DigestOutcome {
  int queued = 0;                    // mails
  std::vector<std::string> notices;  // for the operator's log
};

// Queues the digests due on the business date (YYYY-MM-DD). Papers whose
// role nobody holds wait, and a notice says so.
DigestOutcome queue_digests(Database& db, const JobConfig& job,
                            const std::string& date,
                            const DigestMailer& mailer);

}  // namespace danju
