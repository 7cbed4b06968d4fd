// The outbox: every e-mail is recorded here before it is sent, and marked
// sent only after the server accepted it. A message that could not be sent
// stays queued and is tried again by the next run; one the server refused
// for good is marked failed and reported.
//
// Limitation: SMTP cannot tell whether a message whose "250 OK" never
// arrived (the run was killed in the instant between the server storing it
// and Danju recording it) was delivered. Such a message is sent again, with
// the same Message-ID, so nothing is lost; the recipient may see it twice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace danju {

inline constexpr const char* kMailQueued = "queued";
inline constexpr const char* kMailSent = "sent";
inline constexpr const char* kMailFailed = "failed";

struct OutboxEntry {
  std::int64_t id = 0;
  std::string message_id;  // unique; a second enqueue of it is ignored
  std::string purpose;     // "approval_request", ...
  std::int64_t document_id = 0;  // 0: none
  std::int64_t step_id = 0;      // 0: none
  std::string envelope_from;
  std::vector<std::string> recipients;
  std::string message;  // the message as mail/mail_codec.h encodes it
  std::string state;
  int attempts = 0;
  std::string last_error;
};

class OutboxStore {
 public:
  explicit OutboxStore(Database& db) : db_(db) {}

  // Queues a message; false (and nothing changes) when its message id is
  // already in the outbox. Call inside a Transaction.
  bool enqueue(const OutboxEntry& entry, const std::string& now);

  // Messages still to send, oldest first; whether there are any.
  std::vector<OutboxEntry> queued();
  bool has_queued();

  // Records that a delivery attempt starts (committed before any byte
  // leaves), so that a message whose attempt was cut off by a crash is known
  // afterwards: its attempts count is higher than its failures explain.
  void mark_attempt_started(std::int64_t id);

  void mark_sent(std::int64_t id, const std::string& now);
  // A failed attempt: stays queued when temporary, else marked failed.
  void mark_attempt_failed(std::int64_t id, const std::string& error,
                           bool temporary);

  int count_in_state(const std::string& state);

  // Puts mail the server refused for good back in the queue, as if never
  // tried: the one with message_id, or all when it is empty. Digests are
  // left alone: what they carried went into a later digest. Returns how
  // many were queued again.
  int requeue_refused(const std::string& message_id);

 private:
  Database& db_;
};

}  // namespace danju
