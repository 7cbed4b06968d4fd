#include "approval/approval_service.h"

#include <unistd.h>

#include <ctime>
#include <map>

#include "approval/approval_link.h"
#include "approval/approval_request.h"
#include "approval/document_naming.h"
#include "archive/audit_log.h"
#include "archive/approval_trail.h"
#include "archive/filing.h"
#include "core/file_io.h"
#include "core/parallel.h"
#include "core/text.h"
#include "mail/mail_codec.h"
#include "render/document_renderer.h"
#include "store/order_store.h"
#include "store/outbox_store.h"

namespace danju {

namespace {

const char* how_in_chinese(const std::string& how) {
  if (how == kByReply) return "邮件回复";
  if (how == kByLink) return "审批链接";
  if (how == kByCommand) return "命令行";
  return "";
}

// "2026-12-04T09:30:00+08:00" -> "2026-12-04 09:30 +08:00", as stamped.
std::string stamp_time(const std::string& iso) {
  if (iso.size() < 25) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " " + iso.substr(19);
}

}  // namespace

std::vector<ApprovalBox> stamped_boxes(const JobConfig& job,
                                       DocumentStore& documents,
                                       std::int64_t document_id) {
  std::vector<ApprovalBox> boxes;
  for (const ApprovalStepRecord& row : documents.steps_of(document_id)) {
    ApprovalBox box;
    box.title = row.title + "意见";
    if (row.state == kStepApproved) {
      const Person* who = job.person_with_email(row.decided_by);
      box.approver = who ? who->name : row.decided_by;
      box.decision = std::string("同意") +
                     (row.note.empty() ? "" : "：" + row.note) + "（" +
                     how_in_chinese(row.decided_how) + "）";
      box.decided_at = stamp_time(row.decided_at);
    } else if (row.state == kStepSkipped) {
      box.decision = "（或签，他人已处理）";
    }
    boxes.push_back(box);
  }
  return boxes;
}

namespace {

const char* const kPdf = "application/pdf";
const char* const kXlsx =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace

struct ApprovalService::Impl {
  const JobConfig& job;
  Database& db;
  const BusinessClock& clock;
  RunLog& log;
  const DocumentRenderer* renderer;
  std::unique_ptr<DocumentRenderer> own_renderer;
  DocumentStore documents{db};
  OutboxStore outbox{db};
  OrderStore orders{db};
  std::string date;
  bool defer_finishing = false;

  Impl(const JobConfig& j, Database& d, const BusinessClock& c, RunLog& l,
       const DocumentRenderer* r)
      : job(j), db(d), clock(c), log(l), renderer(r), date(c.today()) {}

  const DocumentRenderer& render() {
    if (renderer) return *renderer;
    own_renderer = std::make_unique<DocumentRenderer>(renderer_settings(job));
    renderer = own_renderer.get();
    return *renderer;
  }

  std::string message_id(const DocumentRecord& document, const char* purpose,
                         std::int64_t row) const {
    return ascii_lower(document.document_no) + ".v" +
           std::to_string(document.order_version) + "." + purpose + "." +
           std::to_string(row) + "." + document.sha256.substr(0, 8) + "@" +
           job.mail.domain;
  }

  // Fills in the envelope and queues; false when already queued.
  bool queue(MailMessage message, const std::string& purpose,
             std::int64_t document_id, std::int64_t step_id) {
    message.date = clock.now_rfc5322();
    message.from = {job.mail.from_name, job.mail.from_address};
    if (!job.reply_mailbox.address.empty()) {
      message.reply_to = {job.mail.from_name, job.reply_mailbox.address};
    }
    OutboxEntry entry;
    entry.message_id = message.message_id;
    entry.purpose = purpose;
    entry.document_id = document_id;
    entry.step_id = step_id;
    entry.envelope_from = job.mail.from_address;
    for (const Mailbox& to : message.to) entry.recipients.push_back(to.address);
    entry.message = encode_mail(message);
    return outbox.enqueue(entry, clock.now_iso());
  }

  // The files a request carries: the form, what it approves, spreadsheets.
  std::vector<MailAttachment> attachments(const Order& order,
                                          const DocumentRecord& form) {
    std::vector<DocumentKind> kinds = {form.kind};
    if (form.kind == DocumentKind::contract_approval) {
      kinds.push_back(DocumentKind::contract);
    }
    std::vector<MailAttachment> files;
    for (const std::string format : {"pdf", "xlsx"}) {
      for (DocumentKind kind : kinds) {
        const auto found =
            documents.find(form.order_no, form.order_version, kind, format);
        if (!found) continue;
        files.push_back({job.output_folder + "/" + found->path,
                         document_title(order, kind) + "_" +
                             found->document_no + "." + format,
                         format == std::string("pdf") ? kPdf : kXlsx});
      }
    }
    return files;
  }

  int chain_length(const std::vector<ApprovalStepRecord>& rows) {
    int last = 0;
    for (const auto& row : rows) last = std::max(last, row.step);
    return last;
  }

  // The person a request for the row goes to: the approver, or their
  // delegate while they are away.
  Mailbox recipient(const ApprovalStepRecord& row) {
    const Person* person = job.person_with_email(row.approver_email);
    if (person) {
      const Person* acting = job.acting_for(*person, date);
      return {acting->name, acting->email};
    }
    return {row.approver_name, row.approver_email};
  }

  ApprovalRequestFacts facts(const DocumentRecord& form, const Order& order,
                             const ApprovalStepRecord& row,
                             const std::vector<ApprovalStepRecord>& rows,
                             const Mailbox& to) {
    ApprovalRequestFacts f;
    f.order = &order;
    f.kind = form.kind;
    f.document_no = form.document_no;
    f.version = form.order_version;
    f.step = row.step;
    f.steps = chain_length(rows);
    f.role_title = row.title;
    f.approver = to;
    f.prepaid = orders.received(order.order_no, date);
    f.attachments = attachments(order, form);
    return f;
  }
};

ApprovalService::ApprovalService(const JobConfig& job, Database& db,
                                 const BusinessClock& clock, RunLog& log,
                                 const DocumentRenderer* renderer)
    : impl_(std::make_unique<Impl>(job, db, clock, log, renderer)) {}

ApprovalService::~ApprovalService() = default;

void ApprovalService::set_business_date(const std::string& date) {
  impl_->date = date;
}

const std::string& ApprovalService::business_date() const {
  return impl_->date;
}

const DocumentRenderer& ApprovalService::renderer() { return impl_->render(); }

bool ApprovalService::set_defer_finishing(bool defer) {
  const bool was = impl_->defer_finishing;
  impl_->defer_finishing = defer;
  return was;
}

std::string ApprovalService::link_for(const ApprovalStepRecord& step,
                                      const std::string& decision) const {
  const ApprovalSettings& settings = impl_->job.approval;
  if (settings.link_base_url.empty()) return "";
  LinkClaim claim;
  claim.step_id = step.id;
  claim.approver = step.approver_email;
  claim.decision = decision;
  claim.expires_at = static_cast<std::int64_t>(std::time(nullptr)) +
                     settings.link_valid_days * 24LL * 3600;
  return settings.link_base_url + "/a/" +
         sign_link(claim, settings.link_secret);
}

int ApprovalService::request_pending(std::int64_t document_id) {
  Impl& m = *impl_;
  const auto form = m.documents.document(document_id);
  if (!form) return 0;
  const auto stored = m.orders.version(form->order_no, form->order_version);
  if (!stored) return 0;
  auto rows = m.documents.steps_of(document_id);

  int queued = 0;
  for (ApprovalStepRecord& row : rows) {
    if (row.state != kStepPending || !row.requested_at.empty()) continue;
    const Mailbox to = m.recipient(row);
    ApprovalRequestFacts f = m.facts(*form, stored->order, row, rows, to);
    f.approve_url = link_for(row, "approve");
    f.reject_url = link_for(row, "reject");
    if (to.address != row.approver_email) {
      f.reason = "您正代" + row.approver_name + "审批（其外出期间）。";
    }
    MailMessage message = approval_request(f);
    message.message_id = m.message_id(*form, "req", row.id);
    if (m.queue(message, "approval_request", document_id, row.id)) ++queued;
    row.requested_at = m.clock.now_iso();
    m.documents.update_step(row);
  }
  return queued;
}

bool ApprovalService::may_decide(const ApprovalStepRecord& step,
                                 const std::string& address) const {
  const std::string who = ascii_lower(trim(address));
  if (who.empty()) return false;
  if (who == ascii_lower(step.approver_email)) return true;
  if (!step.deputy_email.empty() && who == ascii_lower(step.deputy_email)) {
    return true;
  }
  const Person* approver = impl_->job.person_with_email(step.approver_email);
  if (!approver) return false;
  const Person* acting = impl_->job.acting_for(*approver,
                                               impl_->date);
  return ascii_lower(acting->email) == who;
}

AnswerResult ApprovalService::decide(const Answer& answer) {
  Impl& m = *impl_;
  Transaction transaction(m.db);

  auto step = m.documents.step(answer.step_id);
  if (!step) return {false, "no such approval step"};
  if (step->state != kStepPending) {
    std::string already = "this step is already " + step->state;
    if (!step->decided_by.empty()) {
      already += " (" + step->decided_by + ", " + step->decided_at + ")";
    }
    return {false, already};
  }
  if (!answer.approve && trim(answer.reason).empty()) {
    return {false, "a rejection needs a reason"};
  }
  if (!may_decide(*step, answer.actor)) {
    return {false, answer.actor + " may not decide this step; it waits for " +
                       step->approver_email};
  }
  const auto form = m.documents.document(step->document_id);
  if (!form || form->state != kDocumentPending) {
    return {false, "the document no longer waits for approval"};
  }
  const auto stored = m.orders.version(form->order_no, form->order_version);
  if (!stored) return {false, "the order of this document is missing"};
  const Order& order = stored->order;
  const std::string now = m.clock.now_iso();

  step->state = answer.approve ? kStepApproved : kStepRejected;
  step->decided_at = now;
  step->decided_by = ascii_lower(trim(answer.actor));
  step->decided_how = answer.how;
  step->evidence = answer.evidence;
  // A reason is a note for the salesperson, not a document: it is kept to
  // its first 2,000 characters.
  std::u32string reason = decode_utf8(one_line(trim(answer.reason)));
  if (reason.size() > 2000) reason = reason.substr(0, 2000) + U"…";
  step->note = encode_utf8(reason);
  m.documents.update_step(*step);
  AuditLog(m.db).append(
      kAuditDecision, form->document_no,
      "step " + std::to_string(step->step) + " " + step->role + ": " +
          (answer.approve ? "approved" : "rejected") + " by " +
          step->decided_by + " (" + answer.how + "; " + answer.evidence +
          ")" + (step->note.empty() ? "" : ": " + step->note),
      now);
  m.log.info(form->document_no + " step " + std::to_string(step->step) +
             " (" + step->title + ") " +
             (answer.approve ? "approved" : "rejected") + " by " +
             step->decided_by + " by " + answer.how);

  auto rows = m.documents.steps_of(form->id);
  const auto contract = m.documents.find(form->order_no, form->order_version,
                                         DocumentKind::contract, "pdf");
  const Person* sales = m.job.person_named(order.salesperson);

  if (!answer.approve) {
    for (ApprovalStepRecord& row : rows) {
      if (row.state == kStepPending || row.state == kStepWaiting) {
        row.state = kStepClosed;
        m.documents.update_step(row);
      }
    }
    m.documents.set_state(form->id, kDocumentRejected);
    if (form->kind == DocumentKind::contract_approval && contract) {
      m.documents.set_state(contract->id, kDocumentRejected);
    }
    if (sales) {
      MailMessage notice;
      notice.message_id = m.message_id(*form, "rej", step->id);
      notice.to = {{sales->name, sales->email}};
      notice.subject = "[" + form->document_no + "] 已驳回：" +
                       one_line(order.customer.name);
      notice.text_body =
          sales->name + "，您好：\n\n" + form->document_no + "（订单 " +
          order.order_no + "，第 " + std::to_string(form->order_version) +
          " 版）已被" + step->approver_name + "（" + step->title +
          "）驳回。\n\n驳回理由：" +
          (step->note.empty() ? "（未说明）" : step->note) +
          "\n\n请修改订单后重新导出；新版本的订单会重新发起审批。\n";
      m.queue(notice, "rejection_notice", form->id, step->id);
    } else {
      m.log.warn(form->document_no + " rejected, but salesperson " +
                 order.salesperson + " is not in the people file");
    }
    transaction.commit();
    return {true, "rejected"};
  }

  // Is the step complete?
  bool complete = true;
  for (ApprovalStepRecord& row : rows) {
    if (row.step != step->step || row.id == step->id) continue;
    if (step->mode == "any" && row.state == kStepPending) {
      row.state = kStepSkipped;
      m.documents.update_step(row);
      MailMessage told;
      told.message_id = m.message_id(*form, "skip", row.id);
      told.to = {m.recipient(row)};
      told.subject = "[" + form->document_no + "] 已处理，无需审批：" +
                     one_line(order.customer.name);
      told.text_body = told.to[0].name + "，您好：\n\n" + form->document_no +
                       " 的这一步（" + step->title + "）已由" +
                       step->approver_name + "于" + stamp_time(now) +
                       "同意，您无需再处理。\n";
      m.queue(told, "step_closed", form->id, row.id);
    } else if (row.state != kStepApproved && row.state != kStepSkipped) {
      complete = false;
    }
  }
  if (!complete) {
    transaction.commit();
    return {true, "approved; the countersign waits for the others"};
  }

  bool has_next = false;
  for (ApprovalStepRecord& row : rows) {
    if (row.step == step->step + 1 && row.state == kStepWaiting) {
      row.state = kStepPending;
      m.documents.update_step(row);
      has_next = true;
    }
  }
  if (has_next) {
    request_pending(form->id);
    transaction.commit();
    return {true, "approved; the next step was asked"};
  }

  // The last step: the document is approved; stamping, filing and the mail
  // to the salesperson follow in finish_approved.
  m.documents.set_state(form->id, kDocumentApproved);
  m.documents.mark_unfinished(form->id);
  if (form->kind == DocumentKind::contract_approval && contract) {
    m.documents.set_state(contract->id, kDocumentApproved);
  }
  transaction.commit();
  if (!m.defer_finishing) finish_approved();
  return {true, "approved; the chain is complete"};
}

namespace {

// A paper of a finished chain made again without the 草稿 mark: the form
// with every decision stamped, or the contract it approves.
struct Remade {
  DocumentRecord original;
  DocumentRequest request;
  std::optional<DocumentRecord> approved;  // its approved.pdf record
  std::string bytes;                       // that file's content
  ApprovalTrail trail;                     // of the approved.pdf record
  PreparedFiling filing;
  bool written = false;  // its stamped copy was written by this call
  std::string error;
};

// A form whose chain is complete, on its way to being finished.
struct Finishing {
  DocumentRecord form;
  StoredOrder stored;
  std::int64_t last_row = 0;  // the step row whose answer completed it
  std::vector<Remade> papers;  // the form, then its contract if any
  std::string error;
};

// Where the stamped copy of a paper goes: beside the paper.
std::string approved_path(const Remade& paper) {
  const std::string& path = paper.original.path;
  return path.substr(0, path.size() - 4) + "-approved.pdf";
}

// Forms are finished this many at a time: rendered and filed side by side,
// each recorded in its own transaction.
constexpr std::size_t kFinishBatch = 64;

}  // namespace

int ApprovalService::finish_approved() {
  Impl& m = *impl_;
  if (m.documents.unfinished_forms().empty()) return 0;

  // One process finishes at a time (a run and an intake may both be
  // going, and would make and file the same papers): the other waits,
  // then finds what is left.
  make_directories(m.job.data_folder);
  const FileLock lock(m.job.data_folder + "/finish.lock");

  // Approved forms whose stamped copies are not filed yet.
  const std::vector<std::int64_t> ids = m.documents.unfinished_forms();

  int finished = 0;
  for (std::size_t at = 0; at < ids.size(); at += kFinishBatch) {
    const std::vector<std::int64_t> batch(
        ids.begin() + static_cast<std::ptrdiff_t>(at),
        ids.begin() + static_cast<std::ptrdiff_t>(
                          std::min(ids.size(), at + kFinishBatch)));
    finished += finish_batch(batch);
  }
  return finished;
}

int ApprovalService::finish_batch(const std::vector<std::int64_t>& ids) {
  Impl& m = *impl_;
  const DocumentRenderer& renderer = m.render();
  const unsigned workers = m.job.worker_threads();

  // What each paper is made from, read from the database.
  std::vector<std::unique_ptr<Finishing>> forms;
  for (const std::int64_t id : ids) {
    auto form = m.documents.document(id);
    if (!form || form->state != kDocumentApproved) {
      // Replaced by a newer order version before it was finished: its
      // papers are no longer the ones to file.
      m.documents.mark_finished(id);
      continue;
    }
    auto stored = m.orders.version(form->order_no, form->order_version);
    if (!stored) continue;
    auto f = std::make_unique<Finishing>();
    f->form = *form;
    f->stored = std::move(*stored);
    std::string last_at;
    int last_step = 0;
    for (const ApprovalStepRecord& row : m.documents.steps_of(id)) {
      if (row.state != kStepApproved) continue;
      if (row.step > last_step ||
          (row.step == last_step && row.decided_at >= last_at)) {
        last_step = row.step;
        last_at = row.decided_at;
        f->last_row = row.id;
      }
    }

    DocumentRequest request;
    request.kind = form->kind;
    request.order = &f->stored.order;
    request.company = &m.job.company;
    request.document_no = form->document_no;
    request.version = form->order_version;
    request.content_hash = f->stored.content_hash;
    request.date = form->business_date;
    request.prepaid = m.orders.received(form->order_no, m.date);
    request.approvals = stamped_boxes(m.job, m.documents, id);
    f->papers.emplace_back();
    f->papers.back().original = *form;
    f->papers.back().request = request;
    const auto contract = m.documents.find(form->order_no,
                                           form->order_version,
                                           DocumentKind::contract, "pdf");
    if (form->kind == DocumentKind::contract_approval && contract) {
      request.kind = DocumentKind::contract;
      request.document_no = contract->document_no;
      request.approvals.clear();
      f->papers.emplace_back();
      f->papers.back().original = *contract;
      f->papers.back().request = request;
    }
    for (Remade& paper : f->papers) {
      paper.approved = m.documents.find(
          form->order_no, form->order_version, paper.original.kind,
          "approved.pdf");
    }
    forms.push_back(std::move(f));
  }

  // The papers are made again and written on every core; a copy recorded
  // before (by a run that stopped before filing it) is read back as it is.
  std::vector<Remade*> papers;
  for (auto& f : forms) {
    for (Remade& paper : f->papers) papers.push_back(&paper);
  }
  parallel_for(papers.size(), workers, [&](std::size_t i) {
    Remade& paper = *papers[i];
    try {
      if (paper.approved) {
        paper.bytes =
            read_file(m.job.output_folder + "/" + paper.approved->path);
        return;
      }
      paper.bytes = renderer.render_pdf(paper.request);
      write_file_atomic(m.job.output_folder + "/" + approved_path(paper),
                        paper.bytes);
      paper.written = true;
    } catch (const std::exception& error) {
      paper.error = error.what();
    }
  });

  // Nothing of a form that cannot be finished now stays behind unrecorded.
  auto forget_written = [&](Finishing& f) {
    for (Remade& paper : f.papers) {
      if (paper.written) {
        ::unlink((m.job.output_folder + "/" + approved_path(paper)).c_str());
      }
    }
  };

  // Each stamped copy is recorded, and its trail read.
  const std::string now = m.clock.now_iso();
  for (auto& f : forms) {
    for (Remade& paper : f->papers) {
      if (!paper.error.empty()) f->error = paper.error;
    }
    if (!f->error.empty()) {
      forget_written(*f);
      continue;
    }
    try {
      Transaction transaction(m.db);
      for (Remade& paper : f->papers) {
        if (!paper.approved) {
          // Another process may have recorded it in the meantime.
          paper.approved = m.documents.find(
              f->form.order_no, f->form.order_version, paper.original.kind,
              "approved.pdf");
          if (paper.approved) {
            paper.bytes =
                read_file(m.job.output_folder + "/" + paper.approved->path);
            paper.written = false;  // the file is that record's now
          }
        }
        if (!paper.approved) {
          DocumentRecord approved = paper.original;
          approved.format = "approved.pdf";
          approved.path = approved_path(paper);
          approved.sha256 = sha256_hex(paper.bytes);
          approved.bytes = static_cast<std::int64_t>(paper.bytes.size());
          approved.state = kDocumentApproved;
          approved.id = m.documents.add(approved, 0, now);
          AuditLog(m.db).append(
              kAuditDocumentMade, approved.document_no,
              std::string(document_kind_name(approved.kind)) +
                  " approved.pdf " + approved.path + " sha256 " +
                  approved.sha256,
              now);
          paper.approved = approved;
        }
        paper.trail = read_approval_trail(m.db, m.job, paper.approved->id);
      }
      transaction.commit();
    } catch (const std::exception& error) {
      f->error = error.what();
      forget_written(*f);
    }
  }

  // The archive copies, each with its trail page, made and put in place on
  // every core, for the forms whose stamped copies are recorded.
  std::vector<Remade*> recorded;
  for (auto& f : forms) {
    if (!f->error.empty()) continue;
    for (Remade& paper : f->papers) recorded.push_back(&paper);
  }
  parallel_for(recorded.size(), workers, [&](std::size_t i) {
    Remade& paper = *recorded[i];
    try {
      paper.filing = prepare_filing(renderer.fonts(), paper.trail,
                                    paper.bytes, m.job.output_folder);
    } catch (const std::exception& error) {
      // file_document makes it again, and reports what fails.
      paper.filing = {};
    }
  });
  std::vector<PreparedFiling*> filings;
  for (Remade* paper : recorded) filings.push_back(&paper->filing);
  try {
    list_in_manifests(filings);
  } catch (const FileError&) {
    // Each file_document lists its own paper, and reports what fails.
  }

  // Filed, and the salesperson told, one form at a time.
  int finished = 0;
  for (auto& f : forms) {
    if (f->error.empty()) {
      try {
        Transaction transaction(m.db);
        for (Remade& paper : f->papers) {
          file_document(m.db, m.job, renderer.fonts(), paper.approved->id,
                        now, &paper.filing);
        }
        queue_final_mail(f->form, f->stored.order, f->last_row,
                         *f->papers[0].approved,
                         f->papers[0].request.approvals);
        m.documents.mark_finished(f->form.id);
        transaction.commit();
        ++finished;
        continue;
      } catch (const std::exception& error) {
        f->error = error.what();
      }
    }
    m.log.warn(f->form.document_no + " is approved, but its stamped copy "
               "could not be made or filed: " + one_line(f->error) +
               "; the next intake or run tries again");
  }
  return finished;
}

void ApprovalService::queue_final_mail(const DocumentRecord& form,
                                       const Order& order,
                                       std::int64_t last_row,
                                       const DocumentRecord& stamped,
                                       const std::vector<ApprovalBox>& boxes) {
  Impl& m = *impl_;
  const Person* sales = m.job.person_named(order.salesperson);
  if (!sales) {
    m.log.warn(form.document_no + " approved, but salesperson " +
               order.salesperson + " is not in the people file");
    return;
  }
  MailMessage done;
  done.message_id = m.message_id(form, "fin", last_row);
  done.to = {{sales->name, sales->email}};
  done.subject = "[" + form.document_no + "] 审批通过：" +
                 one_line(order.customer.name) + " " +
                 format_yuan(order.total());
  std::string trail;
  for (const ApprovalBox& box : boxes) {
    trail += box.title + "：" + box.approver + " " + box.decision + " " +
             box.decided_at + "\n";
  }
  done.text_body = sales->name + "，您好：\n\n" + form.document_no +
                   "（订单 " + order.order_no + "）已全部审批通过。\n\n" +
                   trail + "\n盖有审批记录的" +
                   document_title(order, form.kind) + "见附件。\n";
  done.attachments.push_back(
      {m.job.output_folder + "/" + stamped.path,
       document_title(order, form.kind) + "_" + form.document_no +
           "_已审批.pdf",
       kPdf});
  m.queue(done, "final_approval", form.id, last_row);
}

int ApprovalService::remind_and_escalate() {
  Impl& m = *impl_;
  const std::time_t now = std::time(nullptr);
  const long remind = m.job.approval.remind_after_hours * 3600L;
  const long escalate = m.job.approval.escalate_after_hours * 3600L;
  int queued = 0;

  Transaction transaction(m.db);
  // The pending steps a page at a time: memory stays the same however
  // many wait.
  std::int64_t after = 0;
  for (std::vector<ApprovalStepRecord> page;
       !(page = m.documents.requested_steps_after(after, 256)).empty();
       after = page.back().id) {
    for (ApprovalStepRecord& row : page) {
      const std::time_t since = BusinessClock::parse_iso(row.requested_at);
      if (since < 0) continue;
      const long waited = static_cast<long>(now - since);
      // Most steps are not due for anything: nothing more is read for them.
      if (!(waited >= escalate && row.escalated_at.empty()) &&
          !(waited >= remind && row.reminded_at.empty())) {
        continue;
      }
      const auto form = m.documents.document(row.document_id);
      if (!form) continue;
      const auto stored = m.orders.version(form->order_no, form->order_version);
      if (!stored) continue;
      const auto rows = m.documents.steps_of(form->id);

      const Person* approver = m.job.person_with_email(row.approver_email);
      const Person* deputy =
          approver && !approver->deputy.empty()
              ? m.job.person_named(approver->deputy)
              : nullptr;
      if (waited >= escalate && row.escalated_at.empty() && deputy) {
        ApprovalRequestFacts f =
            m.facts(*form, stored->order, row, rows,
                    {deputy->name, deputy->email});
        f.subject_prefix = "转办：";
        f.reason = row.approver_name + "（" + row.title + "）已 " +
                   std::to_string(waited / 3600) +
                   " 小时未处理，现请您代为审批（请直接回复本邮件）。";
        MailMessage message = approval_request(f);
        message.message_id = m.message_id(*form, "esc", row.id);
        if (m.queue(message, "approval_escalation", form->id, row.id)) ++queued;
        row.deputy_email = deputy->email;
        row.escalated_at = m.clock.now_iso();
        m.documents.update_step(row);
        m.log.info(form->document_no + " step " + std::to_string(row.step) +
                   " handed to deputy " + deputy->email);
      } else if (waited >= remind && row.reminded_at.empty()) {
        const Mailbox to = m.recipient(row);
        ApprovalRequestFacts f = m.facts(*form, stored->order, row, rows, to);
        f.subject_prefix = "催办：";
        f.reason = "此审批已等待 " + std::to_string(waited / 3600) +
                   " 小时，请尽快处理。";
        f.approve_url = link_for(row, "approve");
        f.reject_url = link_for(row, "reject");
        MailMessage message = approval_request(f);
        message.message_id = m.message_id(*form, "rem", row.id);
        if (m.queue(message, "approval_reminder", form->id, row.id)) ++queued;
        row.reminded_at = m.clock.now_iso();
        m.documents.update_step(row);
      }
    }
  }
  transaction.commit();
  return queued;
}

bool ApprovalService::send_reply_help(std::int64_t step_id,
                                      const std::string& to,
                                      const std::string& in_reply_to) {
  Impl& m = *impl_;
  auto row = m.documents.step(step_id);
  if (!row || !row->help_sent_at.empty()) return false;
  const auto form = m.documents.document(row->document_id);
  if (!form) return false;

  MailMessage help;
  help.message_id = m.message_id(*form, "help", row->id);
  help.in_reply_to = in_reply_to;
  help.to = {{"", to}};
  help.subject = "[" + form->document_no + "] 未能识别您的审批意见";
  help.text_body =
      "您好：\n\n我们收到了您关于 " + form->document_no +
      " 的回复，但没能读出审批意见。\n\n请直接回复审批邮件，第一行只写"
      "“同意”；或写“驳回”，并在后面写明理由，例如：\n\n  驳回：交货期太短，"
      "请重新报价\n\n引用的原邮件内容不会被当作意见。\n";
  const bool queued = m.queue(help, "reply_help", form->id, row->id);
  row->help_sent_at = m.clock.now_iso();
  m.documents.update_step(*row);
  return queued;
}

}  // namespace danju
