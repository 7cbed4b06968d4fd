// 审批流 approval chains: who is asked, what an answer does, and the mails
// that go with it.
//
// A chain is a list of steps; each step is one row per approver, with a
// mode: "one" (a single role), "all" (会签: every row must approve) or "any"
// (或签: the first answer decides, the others are told). The rows of the
// current step are pending, later ones waiting. An answer
//
//   approve  completes the step when its mode says so, and the next step's
//            requests are queued at once; after the last step the document
//            is approved, and finished: its approval form is rendered again
//            with every decision stamped in its box, filed, and sent to the
//            salesperson;
//   reject   ends the chain: the document (and the contract it approves) is
//            rejected, and the salesperson is told the reason. A revised
//            order (a new version) starts a new chain on new documents.
//
// Every change happens in one transaction with the mails it causes, so an
// answer is applied once and its mails are queued once, whatever crashes.
// Finishing a form is the one exception: it follows the answer that
// completed the chain, in transactions of its own, and a form that a crash
// left approved but unfinished is finished by the next finish_approved()
// (every intake and every run calls it).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/business_clock.h"
#include "core/run_log.h"
#include "jobs/job_config.h"
#include "render/document_request.h"
#include "store/database.h"
#include "store/document_store.h"

namespace danju {

class DocumentRenderer;

// How an answer came in, as the trail records it.
inline constexpr const char* kByReply = "reply";
inline constexpr const char* kByLink = "link";
inline constexpr const char* kByCommand = "command";

struct Answer {
  std::int64_t step_id = 0;
  bool approve = false;
  std::string reason;  // a rejection's reason, or a remark
  std::string actor;   // e-mail address of who answered
  std::string how;     // kByReply, kByLink or kByCommand
  std::string evidence;  // "reply <message-id> sha256 <hash>", "link from
                         // 203.0.113.9", ...
};

// The approval boxes of a document as its chain stands: an approved step
// stamped with who, how and when, a step another approver of an 或签
// settled marked so, any other step an empty box. What the stamped form
// shows, and the void copy of a replaced one.
std::vector<ApprovalBox> stamped_boxes(const JobConfig& job,
                                       DocumentStore& documents,
                                       std::int64_t document_id);

struct AnswerResult {
  bool decided = false;
  std::string message;  // for the operator or the page: what happened
};

class ApprovalService {
 public:
  // renderer: for the stamped form; when null one is built on first use
  // (fonts and templates are then loaded once).
  ApprovalService(const JobConfig& job, Database& db,
                  const BusinessClock& clock, RunLog& log,
                  const DocumentRenderer* renderer = nullptr);
  ~ApprovalService();

  // The business date absences and payments are judged by; today in the
  // job's zone unless set (a run with --date sets its date).
  void set_business_date(const std::string& date);
  const std::string& business_date() const;

  // What draws the stamped papers: the one given, else one built now
  // (fonts and templates loaded) and kept.
  const DocumentRenderer& renderer();

  // Queues a request mail for each pending row of the document not yet
  // requested. Call inside a Transaction. Returns how many were queued.
  int request_pending(std::int64_t document_id);

  // Applies an answer in its own transaction. Refused (decided false, with
  // the reason) when the step is not pending, the document is no longer
  // waiting, or the actor may not decide it. An answer that completes a
  // chain finishes the form before returning, unless finishing is deferred.
  AnswerResult decide(const Answer& answer);

  // With defer, decide() leaves the forms it approves for a later
  // finish_approved(), which makes many side by side. Returns the setting
  // it replaces.
  bool set_defer_finishing(bool defer);

  // Finishes every approved form whose stamped copy is not filed yet: the
  // form with every decision stamped, and the contract it approves, are
  // made again without the 草稿 mark, filed in the archive, and the form
  // is mailed to the salesperson. Papers are rendered and filed on the
  // job's worker threads; each form is recorded in its own transaction. A
  // form that cannot be finished is logged and left for the next call.
  // One process finishes at a time (a lock file in the data folder); a
  // second call waits for the first, then finishes what is left. Call
  // outside a transaction. Returns how many forms were finished.
  int finish_approved();

  // True when the address may decide the step on the business date: its
  // approver, the approver's delegate while they are away, or the deputy
  // once the step was escalated.
  bool may_decide(const ApprovalStepRecord& step,
                  const std::string& address) const;

  // Queues reminders for requests pending longer than the job's
  // remind_after_hours, and hands steps pending longer than
  // escalate_after_hours to the approver's deputy. Own transaction. Returns
  // how many mails were queued.
  int remind_and_escalate();

  // Queues the one short "how to answer" mail for a step whose approver
  // replied without a readable decision; false when one was sent already.
  bool send_reply_help(std::int64_t step_id, const std::string& to,
                       const std::string& in_reply_to);

  // The signed link for a step row and decision, or "" without links.
  std::string link_for(const ApprovalStepRecord& step,
                       const std::string& decision) const;

 private:
  int finish_batch(const std::vector<std::int64_t>& document_ids);
  void queue_final_mail(const DocumentRecord& form, const Order& order,
                        std::int64_t last_row, const DocumentRecord& stamped,
                        const std::vector<ApprovalBox>& boxes);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace danju
