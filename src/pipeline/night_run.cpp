#include "pipeline/night_run.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <sstream>

#include "core/file_io.h"
#include "core/parallel.h"
#include "core/text.h"
#include "input/inbox_reader.h"
#include "mail/mail_codec.h"
#include "approval/approval_service.h"
#include "archive/audit_log.h"
#include "archive/filing.h"
#include "archive/register_rows.h"
#include "archive/register_workbook.h"
#include "approval/document_naming.h"
#include "core/business_clock.h"
#include "pipeline/mail_courier.h"
#include "pipeline/outbox_sender.h"
#include "pipeline/paper_digest.h"
#include "pipeline/reply_intake.h"
#include "pipeline/run_lock.h"
#include "render/document_renderer.h"
#include "rules/due_documents.h"
#include "rules/required_fields.h"
#include "store/document_store.h"
#include "store/order_codec.h"
#include "store/order_store.h"
#include "store/outbox_store.h"

namespace danju {

namespace {

namespace fs = std::filesystem;

// Orders are stored, and documents rendered and recorded, this many at a
// time: memory stays flat however big the night, and each batch is one
// transaction.
constexpr std::size_t kBatch = 256;

// One approver's row of a chain step.
struct ResolvedRow {
  int step = 0;
  std::string mode;
  std::string role;
  std::string title;
  const Person* person = nullptr;
};

struct OrderPlan {
  StoredOrder stored;
  Money received;
  std::vector<DocumentKind> kinds;
  std::map<DocumentKind, std::vector<ResolvedRow>> chains;
};

struct MadeFile {
  DocumentKind kind = DocumentKind::contract;
  std::string format;
  std::string document_no;
  std::string path;           // absolute
  std::string relative_path;  // to the output folder
  std::string sha256;
  std::int64_t bytes = 0;
};

struct OrderResult {
  std::vector<MadeFile> files;
  std::string error;  // this order's documents cannot be made
  std::string fatal;  // the disk failed: the run stops
  // Made, but without an extra file (the pre-printed form's values).
  std::vector<std::string> warnings;
};

class NightRun {
 public:
  NightRun(const JobConfig& job, const BusinessClock& clock,
           const std::string& date, RunLog& log)
      : job_(job), clock_(clock), date_(date), log_(log) {}

  RunReport run();

 private:
  void sweep_temporary_files();
  void read_inbox_into_store();
  void flush_orders(std::vector<Order>* orders);
  void flush_payments(std::vector<Payment>* payments);
  void plan_render_record();
  bool plan_order(const std::string& order_no, OrderPlan* plan);
  void render_and_record(std::vector<OrderPlan>* plans);
  OrderResult render_order(const OrderPlan& plan) const;
  DocumentRequest request_for(const OrderPlan& plan, DocumentKind kind) const;
  void record_order(const OrderPlan& plan, const OrderResult& result);
  bool resolve_chain(const Order& order, DocumentKind kind, Money received,
                     std::vector<ResolvedRow>* rows);
  std::string guarantee_problem(const Order& order) const;
  void drop_unfit_kinds(OrderPlan* plan);
  void void_replaced();
  std::vector<Mailbox> mailboxes_with_role(const std::string& role) const;
  // Queues the message once (by its Message-ID); with_it runs in the same
  // transaction when it is queued. Returns false when it was already.
  bool queue_mail(MailMessage message, const std::string& purpose,
                  const std::function<void()>& with_it = {});
  void queue_monthly_register();
  void reject(const std::string& line);

  const JobConfig& job_;
  const BusinessClock& clock_;
  std::string date_;
  RunLog& log_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<DocumentRenderer> renderer_;
  // Delivers the outbox while papers are made; null outside that phase.
  MailCourier* courier_ = nullptr;
  std::int64_t run_id_ = 0;
  RunReport report_;
  std::vector<std::pair<std::string, int>> replaced_;  // order, new version
};

void NightRun::reject(const std::string& line) {
  report_.rejections.push_back(line);
  log_.warn(line);
}

RunReport NightRun::run() {
  const auto started = std::chrono::steady_clock::now();
  report_.business_date = date_;
  report_.output_folder = job_.output_folder;
  report_.mail_to_files = job_.mail.host.empty();
  report_.mail_folder = job_.mail.outbox_folder;

  make_directories(job_.data_folder);
  make_directories(job_.output_folder);
  RunLock lock(job_.data_folder, clock_.now_iso());
  if (!lock.held()) {
    report_.exit_code = kExitLocked;
    report_.lock_holder = lock.holder();
    return report_;
  }

  sweep_temporary_files();

  // Templates and fonts first: a broken template stops the run before any
  // order is touched.
  renderer_ = std::make_unique<DocumentRenderer>(renderer_settings(job_));
  check_preprinted_templates(job_, *renderer_);

  db_ = std::make_unique<Database>(job_.data_folder + "/danju.sqlite");
  {
    Statement insert = db_->prepare(
        "INSERT INTO runs (business_date, started_at) VALUES (?1, ?2)");
    insert.bind(1, date_).bind(2, clock_.now_iso());
    insert.run();
    run_id_ = db_->last_insert_id();
  }
  log_.info("run " + std::to_string(run_id_) + " of job " + job_.name +
            " started for business date " + date_ + " (" +
            clock_.time_zone() + ")");

  auto since = [](std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  };
  ApprovalService approvals(job_, *db_, clock_, log_, renderer_.get());
  approvals.set_business_date(date_);
  // One reader of the mailbox at a time: an intake running beside this
  // run reads the replies itself.
  IntakeReport intake;
  {
    RunLock intake_lock(job_.data_folder, clock_.now_iso(), "intake.lock");
    if (intake_lock.held()) {
      intake = take_in_replies(job_, *db_, clock_, log_, approvals);
    } else {
      log_.info("an intake is reading the reply mailbox (" +
                intake_lock.holder() + "); this run leaves replies to it");
    }
  }
  // Forms approved since the last run (by link or command, or left by an
  // intake that stopped) are finished before the night goes on.
  approvals.finish_approved();
  report_.replies_read = intake.new_messages;
  report_.replies_decided = intake.decided;
  report_.reply_mailbox_error = intake.mailbox_error;

  auto phase = std::chrono::steady_clock::now();
  read_inbox_into_store();
  report_.read_seconds = since(phase);
  phase = std::chrono::steady_clock::now();
  DeliveryReport during;
  {
    MailCourier courier(db_->path(), job_.mail, clock_, log_);
    courier_ = &courier;
    struct Forget {
      MailCourier** courier;
      ~Forget() { *courier = nullptr; }
    } forget{&courier_};
    courier.nudge();  // what the reply intake queued
    plan_render_record();
    during = courier.finish();
  }
  report_.render_seconds = since(phase);
  report_.mails_queued += approvals.remind_and_escalate();
  const DigestOutcome digests = queue_digests(
      *db_, job_, date_,
      [this](MailMessage message, const std::string& purpose,
             const std::function<void()>& with_it) {
        return queue_mail(std::move(message), purpose, with_it);
      });
  for (const std::string& notice : digests.notices) log_.warn(notice);
  queue_monthly_register();

  phase = std::chrono::steady_clock::now();
  const DeliveryReport delivery =
      deliver_outbox(*db_, job_.mail, clock_, log_);
  report_.mail_seconds = since(phase);
  report_.mails_sent = during.sent + delivery.sent;
  // Refused mail is listed every night until someone deals with it; the
  // exit code tells of what was refused tonight.
  report_.mails_failed = OutboxStore(*db_).count_in_state(kMailFailed);
  const int refused_tonight = during.failed + delivery.failed;
  report_.mails_waiting = delivery.still_queued;

  report_.open_approvals =
      static_cast<int>(DocumentStore(*db_).count_pending());
  report_.exit_code = kExitOk;
  if (!report_.rejections.empty()) report_.exit_code = kExitRejected;
  if (report_.mails_waiting > 0 || refused_tonight > 0) {
    report_.exit_code = kExitMailPending;
  }
  report_.seconds = since(started);

  std::ostringstream summary;
  summary << report_.orders_read << " orders read, "
          << report_.rejections.size() << " rejected, "
          << report_.mails_queued << " mails queued, " << report_.mails_sent
          << " delivered";
  Statement finish = db_->prepare(
      "UPDATE runs SET finished_at = ?1, outcome = ?2, summary = ?3 "
      "WHERE id = ?4");
  finish.bind(1, clock_.now_iso())
      .bind(2, report_.exit_code)
      .bind(3, summary.str())
      .bind(4, run_id_);
  finish.run();
  log_.info("run " + std::to_string(run_id_) + " finished: " + summary.str());
  return report_;
}

namespace {

// The process that writes "name.tmp-<pid>" (or "name.tmp-<pid>-<n>"), or
// 0 when the name says none.
pid_t writer_of(const std::string& name) {
  const auto mark = name.rfind(".tmp-");
  if (mark == std::string::npos) return 0;
  pid_t pid = 0;
  for (std::size_t i = mark + 5; i < name.size() && name[i] != '-'; ++i) {
    if (name[i] < '0' || name[i] > '9' || pid > 100000000) return 0;
    pid = pid * 10 + (name[i] - '0');
  }
  return pid;
}

bool is_running(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace

// A run or an intake killed while writing leaves "name.tmp-<pid>" files;
// they were never recorded. A file whose writer is still running (an
// intake beside this run) is left alone.
void NightRun::sweep_temporary_files() {
  int swept = 0;
  for (const std::string& folder :
       {job_.output_folder, job_.mail.outbox_folder}) {
    std::error_code error;
    for (fs::recursive_directory_iterator it(folder, error), end;
         !error && it != end; it.increment(error)) {
      std::error_code type_error;
      if (!it->is_regular_file(type_error)) continue;
      const pid_t writer = writer_of(it->path().filename().string());
      if (writer <= 0 || is_running(writer)) continue;
      std::error_code remove_error;
      if (fs::remove(it->path(), remove_error)) ++swept;
    }
  }
  if (swept) {
    log_.info("removed " + std::to_string(swept) +
              " half-written files left by an interrupted run or intake");
  }
}

// Orders are staged first, keyed by number: an order exported again in a
// later file (files are read in name order, and exports are named by date)
// replaces the earlier copy, so the newest export decides its content and
// older exports left in the inbox never make a version of their own.
void NightRun::read_inbox_into_store() {
  db_->execute(
      "CREATE TEMP TABLE IF NOT EXISTS staged_orders (order_no TEXT PRIMARY "
      "KEY, seq INTEGER NOT NULL, content TEXT NOT NULL, file TEXT NOT NULL, "
      "line INTEGER NOT NULL)");
  db_->execute("DELETE FROM staged_orders");

  std::vector<Payment> payments;
  int seq = 0;
  int staged_since_commit = 0;
  std::unique_ptr<Transaction> staging;
  InboxSink sink;
  sink.order = [&](Order&& order) {
    ++report_.orders_read;
    if (!staging) staging = std::make_unique<Transaction>(*db_);
    Statement earlier = db_->prepare(
        "SELECT file, line FROM staged_orders WHERE order_no = ?1");
    earlier.bind(1, order.order_no);
    if (earlier.step()) {
      ++report_.orders_repeated;
      log_.info("order " + order.order_no + " is in " + earlier.text(0) +
                ":" + std::to_string(earlier.integer(1)) + " and again in " +
                order.source.file + ":" + std::to_string(order.source.line) +
                "; the later one counts");
    }
    Statement stage = db_->prepare(
        "INSERT OR REPLACE INTO staged_orders (order_no, seq, content, file, "
        "line) VALUES (?1, ?2, ?3, ?4, ?5)");
    stage.bind(1, order.order_no)
        .bind(2, ++seq)
        .bind(3, encode_order(order))
        .bind(4, order.source.file)
        .bind(5, order.source.line);
    stage.run();
    if (++staged_since_commit >= static_cast<int>(kBatch)) {
      staging->commit();
      staging.reset();
      staged_since_commit = 0;
    }
  };
  sink.payment = [&](Payment&& payment) {
    ++report_.payments_read;
    payments.push_back(std::move(payment));
    if (payments.size() >= kBatch) flush_payments(&payments);
  };
  sink.problem = [&](InputProblem&& problem) { reject(describe(problem)); };

  const InboxSummary summary = read_inbox(job_.inbox_folder, sink);
  flush_payments(&payments);
  if (staging) staging->commit();
  staging.reset();
  report_.files_read = summary.files;

  std::vector<Order> orders;
  Statement staged = db_->prepare(
      "SELECT content, file, line FROM staged_orders ORDER BY seq");
  while (staged.step()) {
    Order order = decode_order(staged.text(0));
    order.source = {staged.text(1), static_cast<int>(staged.integer(2))};
    orders.push_back(std::move(order));
    if (orders.size() >= kBatch) flush_orders(&orders);
  }
  flush_orders(&orders);
}

void NightRun::flush_orders(std::vector<Order>* orders) {
  if (orders->empty()) return;
  OrderStore store(*db_);
  DocumentStore documents(*db_);
  const std::string now = clock_.now_iso();
  Transaction transaction(*db_);
  AuditLog audit(*db_);
  for (const Order& order : *orders) {
    int version = 0;
    const SaveOutcome outcome = store.save(order, run_id_, now, &version);
    if (outcome != SaveOutcome::unchanged) {
      audit.append(kAuditOrderRead, order.order_no,
                   "version " + std::to_string(version) + " from " +
                       order.source.file + ":" +
                       std::to_string(order.source.line) + ", total " +
                       format_yuan(order.total()),
                   now);
    }
    switch (outcome) {
      case SaveOutcome::new_order: ++report_.orders_new; break;
      case SaveOutcome::unchanged: ++report_.orders_unchanged; break;
      case SaveOutcome::new_version:
        ++report_.orders_changed;
        documents.supersede_before(order.order_no, version);
        replaced_.push_back({order.order_no, version});
        log_.info("order " + order.order_no + " changed: now version " +
                  std::to_string(version));
        break;
    }
  }
  transaction.commit();
  orders->clear();
  void_replaced();
}

std::vector<Mailbox> NightRun::mailboxes_with_role(
    const std::string& role) const {
  std::vector<Mailbox> found;
  for (const Person& person : job_.people) {
    for (const std::string& held : person.roles) {
      if (held == role) found.push_back({person.name, person.email});
    }
  }
  return found;
}

// Queues a message of the run (not of a chain) from the job's sender;
// false when its Message-ID was queued before.
bool NightRun::queue_mail(MailMessage message, const std::string& purpose,
                          const std::function<void()>& with_it) {
  message.date = clock_.now_rfc5322();
  message.from = {job_.mail.from_name, job_.mail.from_address};
  OutboxEntry entry;
  entry.message_id = message.message_id;
  entry.purpose = purpose;
  entry.envelope_from = job_.mail.from_address;
  for (const Mailbox& to : message.to) entry.recipients.push_back(to.address);
  entry.message = encode_mail(message);
  Transaction transaction(*db_);
  const bool queued = OutboxStore(*db_).enqueue(entry, clock_.now_iso());
  if (queued && with_it) with_it();
  transaction.commit();
  if (queued) ++report_.mails_queued;
  return queued;
}

// On the first night of a month, last month's register (台账) is written
// and mailed to finance, once.
void NightRun::queue_monthly_register() {
  if (date_.substr(8, 2) != "01") return;
  int year = std::stoi(date_.substr(0, 4));
  int month = std::stoi(date_.substr(5, 2)) - 1;
  if (month == 0) {
    month = 12;
    --year;
  }
  char last[24];  // room for any two ints, though a year has four digits
  std::snprintf(last, sizeof last, "%04d-%02d", year, month);

  const std::vector<Mailbox> finance = mailboxes_with_role("finance");
  if (finance.empty()) return;

  const std::string relative =
      std::string("registers/register-") + last + ".xlsx";
  const std::string path = job_.output_folder + "/" + relative;
  make_directories(job_.output_folder + "/registers");
  RegisterSheet sheet{last, job_.company.name, register_rows(*db_, last)};
  write_register_workbook(sheet, path);

  MailMessage mail;
  mail.message_id = std::string("register.") + last + "@" + job_.mail.domain;
  mail.to = finance;
  mail.subject = std::string("单据台账 ") + last + "：共 " +
                 std::to_string(sheet.rows.size()) + " 份";
  mail.text_body = std::string("财务：\n\n") + last + " 的单据台账见附件，共 " +
                   std::to_string(sheet.rows.size()) +
                   " 份单据。\n\n-- \n此邮件由丹聚单据系统自动发送。\n";
  mail.attachments.push_back(
      {path, std::string("单据台账_") + last + ".xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
  if (queue_mail(std::move(mail), "monthly_register")) {
    log_.info(std::string("register of ") + last + " written to " + relative +
              " and queued for finance");
  }
}

// The papers of a replaced version stay where they are, and beside each PDF
// a copy marked 作废 across every page says which version replaces it.
void NightRun::void_replaced() {
  if (replaced_.empty()) return;
  OrderStore orders(*db_);
  DocumentStore documents(*db_);
  const std::string now = clock_.now_iso();
  Transaction transaction(*db_);
  for (const auto& [order_no, version] : replaced_) {
    for (const DocumentRecord& old : documents.for_order(order_no)) {
      if (old.order_version >= version || old.format != "pdf" ||
          documents.find(order_no, old.order_version, old.kind,
                         "void.pdf")) {
        continue;
      }
      const auto stored = orders.version(order_no, old.order_version);
      if (!stored) continue;
      DocumentRequest request;
      request.kind = old.kind;
      request.order = &stored->order;
      request.company = &job_.company;
      request.document_no = old.document_no;
      request.version = old.order_version;
      request.content_hash = stored->content_hash;
      request.date = old.business_date;
      request.prepaid = orders.received(order_no, date_);
      request.watermark = "作废 见第" + std::to_string(version) + "版";
      // The void copy shows the paper as it stood, decisions included.
      request.approvals = stamped_boxes(job_, documents, old.id);
      try {
        const std::string bytes = renderer_->render_pdf(request);
        DocumentRecord voided = old;
        voided.format = "void.pdf";
        voided.path = old.path.substr(0, old.path.size() - 4) + "-void.pdf";
        voided.sha256 = sha256_hex(bytes);
        voided.bytes = static_cast<std::int64_t>(bytes.size());
        voided.state = kDocumentSuperseded;
        write_file_atomic(job_.output_folder + "/" + voided.path, bytes);
        const std::int64_t id = documents.add(voided, run_id_, now);
        AuditLog(*db_).append(kAuditDocumentMade, voided.document_no,
                              std::string(document_kind_name(voided.kind)) +
                                  " void.pdf " + voided.path + " sha256 " +
                                  voided.sha256 + " (replaced by version " +
                                  std::to_string(version) + ")",
                              now);
        // A replaced paper that was already on file for finance stays
        // there, with its void copy beside it.
        const auto stamped = documents.find(order_no, old.order_version,
                                            old.kind, "approved.pdf");
        const bool was_filed = find_filed(*db_, old.id).has_value() ||
                               (stamped && find_filed(*db_, stamped->id));
        if (was_filed) file_document(*db_, job_, renderer_->fonts(), id, now);
      } catch (const std::exception& error) {
        log_.warn("order " + order_no + ": the void copy of " +
                  old.document_no + " could not be made: " + error.what());
      }
    }
  }
  transaction.commit();
  replaced_.clear();
}

void NightRun::flush_payments(std::vector<Payment>* payments) {
  if (payments->empty()) return;
  OrderStore store(*db_);
  const std::string now = clock_.now_iso();
  Transaction transaction(*db_);
  for (const Payment& payment : *payments) {
    if (store.add_payment(payment, now)) ++report_.payments_new;
  }
  transaction.commit();
  payments->clear();
}

bool NightRun::plan_order(const std::string& order_no, OrderPlan* plan) {
  OrderStore orders(*db_);
  DocumentStore documents(*db_);
  auto stored = orders.latest(order_no);
  if (!stored) return false;
  plan->stored = std::move(*stored);
  const Order& order = plan->stored.order;
  plan->received = orders.received(order_no, date_);

  OrderStanding standing{plan->received};
  const auto form = documents.find(order_no, plan->stored.version,
                                   DocumentKind::contract_approval, "pdf");
  standing.contract_approved = form && form->state == kDocumentApproved;
  for (DocumentKind kind : due_documents(order, standing)) {
    if (!documents.has(order_no, plan->stored.version, kind)) {
      plan->kinds.push_back(kind);
    }
  }
  if (plan->kinds.empty()) return false;
  drop_unfit_kinds(plan);

  for (DocumentKind kind : plan->kinds) {
    if (!needs_approval(kind)) continue;
    if (!resolve_chain(order, kind, plan->received, &plan->chains[kind])) {
      return false;
    }
  }
  return !plan->kinds.empty();
}

// Leaves out, and reports, the papers this order cannot have yet: one whose
// fields are missing, or work started without prepayment on a guarantee
// beyond its limit (without a guarantee, resolve_chain asks the general
// manager instead). The order's other papers are made.
void NightRun::drop_unfit_kinds(OrderPlan* plan) {
  const Order& order = plan->stored.order;
  const std::string guarantee = plan->received.fen() == 0
                                    ? guarantee_problem(order)
                                    : std::string();
  std::vector<DocumentKind> fit;
  for (DocumentKind kind : plan->kinds) {
    std::string problem = missing_field(order, kind);
    if (problem.empty() && starts_work(kind)) problem = guarantee;
    if (problem.empty()) {
      fit.push_back(kind);
      continue;
    }
    std::string words = document_kind_name(kind);
    std::replace(words.begin(), words.end(), '_', ' ');
    reject(order.source.file + ":" + std::to_string(order.source.line) +
           ": order " + order.order_no + ", " + problem + "; its " + words +
           " was not made");
  }
  plan->kinds = std::move(fit);
}

// 担保: a staff member may stand guarantee for an order without
// prepayment, for at most 80% of their monthly salary. Returns why the
// guarantee is refused, or "" when there is none or it holds.
std::string NightRun::guarantee_problem(const Order& order) const {
  const auto guarantor = order.extra.find("guarantor");
  if (guarantor == order.extra.end()) return "";
  const Person* person = job_.person_named(guarantor->second);
  const auto amount_text = order.extra.find("guarantee");
  std::string error;
  const auto amount =
      amount_text == order.extra.end()
          ? std::optional<Money>()
          : parse_money(amount_text->second, &error);
  if (!amount) {
    return "field 担保金额: " +
           (error.empty() ? std::string("missing") : error);
  }
  if (!person || person->monthly_salary.fen() == 0) {
    return "field 担保人: " + guarantor->second +
           " has no monthly_salary in the people file";
  }
  const Money limit = person->monthly_salary.percent(80);
  if (limit < *amount) {
    return "field 担保金额: the guarantee " + format_yuan(*amount) +
           " is more than 80% of " + person->name + "'s monthly salary (" +
           format_yuan(limit) + " of " + format_yuan(person->monthly_salary) +
           ")";
  }
  return "";
}

// The rows of a kind's chain for the order: the job's chain, with the
// steps the business rules add, each role resolved to a person.
bool NightRun::resolve_chain(const Order& order, DocumentKind kind,
                             Money received, std::vector<ResolvedRow>* rows) {
  std::vector<ChainStep> steps = job_.chain(order.line, kind);
  std::vector<std::string> titles(steps.size());

  // Sampling or production without any prepayment, and without a staff
  // guarantee, needs the general manager first.
  if (starts_work(kind) && received.fen() == 0 &&
      order.extra.count("guarantor") == 0) {
    steps.insert(steps.begin(), {ChainStep::Mode::one, {"general_manager"}});
    titles.insert(titles.begin(),
                  job_.role_title("general_manager") + "（未收预付款）");
  }
  for (const AmountRule& rule : job_.amount_rules) {
    if (rule.kind == kind && rule.above < order.total()) {
      steps.push_back({ChainStep::Mode::one, {rule.role}});
      titles.push_back(job_.role_title(rule.role) + "（金额超过" +
                       format_yuan(rule.above) + "）");
    }
  }

  for (std::size_t i = 0; i < steps.size(); ++i) {
    for (const std::string& role : steps[i].roles) {
      const Person* person = job_.approver(role, order.department);
      if (!person) {
        reject("order " + order.order_no + ": nobody holds the role " + role +
               " for department " + order.department + " (people file); " +
               "its documents were not made");
        return false;
      }
      ResolvedRow row;
      row.step = static_cast<int>(i + 1);
      row.mode = chain_mode_name(steps[i].mode);
      row.role = role;
      row.title = titles[i].empty() ? job_.role_title(role) : titles[i];
      row.person = person;
      rows->push_back(row);
    }
  }
  return true;
}

void NightRun::plan_render_record() {
  std::vector<OrderPlan> plans;
  for (const std::string& order_no :
       OrderStore(*db_).orders_dated_up_to(date_)) {
    OrderPlan plan;
    if (!plan_order(order_no, &plan)) continue;
    plans.push_back(std::move(plan));
    if (plans.size() >= kBatch) render_and_record(&plans);
  }
  render_and_record(&plans);
}

DocumentRequest NightRun::request_for(const OrderPlan& plan,
                                      DocumentKind kind) const {
  DocumentRequest request;
  request.kind = kind;
  request.order = &plan.stored.order;
  request.company = &job_.company;
  request.document_no = document_number(plan.stored.order, kind);
  request.version = plan.stored.version;
  request.content_hash = plan.stored.content_hash;
  request.date = date_;
  request.prepaid = plan.received;
  // Everything that waits for a chain is a draft until approved.
  if (!is_issued(kind)) request.watermark = "草稿";
  const auto chain = plan.chains.find(kind);
  if (chain != plan.chains.end()) {
    for (const ResolvedRow& row : chain->second) {
      ApprovalBox box;
      box.title = row.title + "意见";
      request.approvals.push_back(box);
    }
  }
  return request;
}

OrderResult NightRun::render_order(const OrderPlan& plan) const {
  OrderResult result;
  const Order& order = plan.stored.order;
  const std::string folder = order_folder(order);
  try {
    make_directories(job_.output_folder + "/" + folder);
    for (DocumentKind kind : plan.kinds) {
      const DocumentRequest request = request_for(plan, kind);
      const std::string stem = folder + "/" + request.document_no + "-v" +
                               std::to_string(plan.stored.version);

      MadeFile pdf;
      pdf.kind = kind;
      pdf.document_no = request.document_no;
      // The file of one format: stem + ending, written from bytes.
      auto keep = [&](const char* format, const char* ending,
                      const std::string& bytes) {
        MadeFile file = pdf;
        file.format = format;
        file.relative_path = stem + ending;
        file.path = job_.output_folder + "/" + file.relative_path;
        write_file_atomic(file.path, bytes);
        file.sha256 = sha256_hex(bytes);
        file.bytes = static_cast<std::int64_t>(bytes.size());
        result.files.push_back(file);
        return file;
      };
      pdf = keep("pdf", ".pdf", renderer_->render_pdf(request));

      // A kind the job prints on pre-printed forms also gets its values
      // alone, placed for that printer, beside the normal PDF. A value
      // that does not fit the form's box costs that file only: the plain
      // PDF is a whole paper and the goods must not wait for a form.
      // Limitation: the form's file is not made again by a later run;
      // the plain PDF is printed instead.
      if (const PrinterSettings* printer = job_.preprinted_printer(kind)) {
        try {
          keep("preprinted.pdf", "-preprinted.pdf",
               renderer_->render_preprinted_pdf(
                   request, {printer->offset_x_mm, printer->offset_y_mm}));
        } catch (const RenderError& error) {
          const std::string what = one_line(error.what());
          result.warnings.push_back(
              order.source.file + ":" + std::to_string(order.source.line) +
              ": " +
              (what.rfind("order ", 0) == 0
                   ? what
                   : "order " + order.order_no + ": " + what) +
              "; " + request.document_no +
              " was made for plain paper only, not for the pre-printed "
              "form");
        }
      }

      if (DocumentRenderer::has_xlsx(kind)) {
        MadeFile xlsx = pdf;
        xlsx.format = "xlsx";
        xlsx.relative_path = stem + ".xlsx";
        xlsx.path = job_.output_folder + "/" + xlsx.relative_path;
        renderer_->write_xlsx(request, xlsx.path);
        xlsx.sha256 = sha256_file(xlsx.path);
        xlsx.bytes = static_cast<std::int64_t>(fs::file_size(xlsx.path));
        result.files.push_back(xlsx);
      }
    }
  } catch (const FileError& error) {
    result.fatal = error.what();
  } catch (const std::exception& error) {
    const std::string what = one_line(error.what());
    result.error = order.source.file + ":" +
                   std::to_string(order.source.line) + ": " +
                   (what.rfind("order ", 0) == 0
                        ? what
                        : "order " + order.order_no + ": " + what) +
                   "; its documents were not made";
  }
  if (!result.error.empty() || !result.fatal.empty()) {
    // Nothing of a broken order stays behind.
    for (const MadeFile& file : result.files) ::unlink(file.path.c_str());
    result.files.clear();
    std::error_code ignored;
    fs::remove(job_.output_folder + "/" + folder, ignored);  // if empty
  }
  return result;
}

void NightRun::render_and_record(std::vector<OrderPlan>* plans) {
  if (plans->empty()) return;
  std::vector<OrderResult> results(plans->size());

  // Orders are independent: each worker takes the next one.
  parallel_for(plans->size(), job_.worker_threads(), [&](std::size_t i) {
    results[i] = render_order((*plans)[i]);
  });

  std::string fatal;
  Transaction transaction(*db_);
  for (std::size_t i = 0; i < plans->size(); ++i) {
    if (!results[i].fatal.empty()) {
      fatal = results[i].fatal;
    } else if (!results[i].error.empty()) {
      reject(results[i].error);
    } else {
      for (const std::string& warning : results[i].warnings) reject(warning);
      record_order((*plans)[i], results[i]);
    }
  }
  transaction.commit();
  if (courier_ != nullptr) courier_->nudge();
  plans->clear();
  // What was made is recorded; a disk that fails stops the run (exit 1),
  // and the next run makes the rest.
  if (!fatal.empty()) throw FileError(fatal);
}

void NightRun::record_order(const OrderPlan& plan, const OrderResult& result) {
  DocumentStore documents(*db_);
  const std::string now = clock_.now_iso();
  std::map<DocumentKind, std::int64_t> pdf_ids;

  for (const MadeFile& file : result.files) {
    DocumentRecord record;
    record.order_no = plan.stored.order.order_no;
    record.order_version = plan.stored.version;
    record.kind = file.kind;
    record.document_no = file.document_no;
    record.format = file.format;
    record.path = file.relative_path;
    record.sha256 = file.sha256;
    record.bytes = file.bytes;
    record.business_date = date_;
    record.state = is_issued(file.kind) ? kDocumentIssued : kDocumentPending;
    const std::int64_t id = documents.add(record, run_id_, now);
    AuditLog(*db_).append(kAuditDocumentMade, record.document_no,
                          std::string(document_kind_name(record.kind)) + " " +
                              record.format + " " + record.path +
                              " sha256 " + record.sha256,
                          now);
    if (file.format == "pdf") pdf_ids[file.kind] = id;
    // Finance's issued papers are final once made: they are filed now.
    if (filed_on_issue(file.kind) && file.format == "pdf") {
      file_document(*db_, job_, renderer_->fonts(), id, now);
    }
    ++report_.documents[std::string(document_kind_name(file.kind)) + "." +
                        file.format];
  }

  ApprovalService approvals(job_, *db_, clock_, log_, renderer_.get());
  approvals.set_business_date(date_);
  for (const auto& [kind, rows] : plan.chains) {
    const std::int64_t document_id = pdf_ids.at(kind);
    for (const ResolvedRow& resolved : rows) {
      ApprovalStepRecord row;
      row.document_id = document_id;
      row.step = resolved.step;
      row.mode = resolved.mode;
      row.role = resolved.role;
      row.title = resolved.title;
      row.approver_name = resolved.person->name;
      row.approver_email = resolved.person->email;
      row.state = resolved.step == 1 ? kStepPending : kStepWaiting;
      documents.add_step(row);
    }
    report_.mails_queued += approvals.request_pending(document_id);
  }
  log_.info("order " + plan.stored.order.order_no + " v" +
            std::to_string(plan.stored.version) + ": " +
            std::to_string(result.files.size()) + " files made");
}

// A dry run works on a scratch copy of the job's database and writes into a
// scratch folder, which is removed afterwards; no mail leaves.
RunReport dry_run(const JobConfig& job, const RunOptions& options,
                  RunLog& log) {
  char pattern[] = "/tmp/danju-dry-run-XXXXXX";
  if (!::mkdtemp(pattern)) {
    throw FileError("cannot create a scratch folder for the dry run");
  }
  const std::string scratch = pattern;
  JobConfig copy = job;
  copy.data_folder = scratch + "/data";
  copy.output_folder = scratch + "/output";
  copy.mail.host.clear();
  copy.mail.outbox_folder = scratch + "/outbox";
  make_directories(copy.data_folder);

  const std::string database = job.data_folder + "/danju.sqlite";
  if (file_exists(database)) {
    Database source(database, true);
    Statement copy_into = source.prepare("VACUUM INTO ?1");
    copy_into.bind(1, copy.data_folder + "/danju.sqlite");
    copy_into.run();
  }

  RunOptions real = options;
  real.dry_run = false;
  RunReport report;
  try {
    report = run_night(copy, real, log);
  } catch (...) {
    fs::remove_all(scratch);
    throw;
  }
  fs::remove_all(scratch);
  report.dry_run = true;
  report.output_folder = job.output_folder;
  report.mail_folder = job.mail.outbox_folder;
  report.mail_to_files = job.mail.host.empty();
  return report;
}

}  // namespace

RunReport run_night(const JobConfig& job, const RunOptions& options,
                    RunLog& log) {
  const BusinessClock clock(job.time_zone);
  if (options.dry_run) return dry_run(job, options, log);

  const std::string date =
      options.business_date.empty() ? clock.today() : options.business_date;
  if (!is_iso_date(date)) {
    throw JobError("business date " + date + " is not a date (YYYY-MM-DD)");
  }
  NightRun night(job, clock, date, log);
  return night.run();
}

std::string format_report(const RunReport& r) {
  std::ostringstream out;
  if (r.exit_code == kExitLocked) {
    out << "another run holds the lock (" << r.lock_holder
        << "); nothing was done\n";
    return out.str();
  }
  out << (r.dry_run ? "Dry run" : "Run") << " for business date "
      << r.business_date << (r.dry_run ? " (nothing was kept or sent)" : "")
      << "\n";
  out << "  read:       " << r.files_read << " files, " << r.orders_read
      << " orders (" << r.orders_new << " new, " << r.orders_changed
      << " changed, " << r.orders_unchanged << " unchanged";
  if (r.orders_repeated) {
    out << ", " << r.orders_repeated << " also in a later file, which counts";
  }
  out << "), "
      << r.payments_read << " payments (" << r.payments_new << " new)\n";
  out << "  rejected:   " << r.rejections.size() << "\n";
  for (const std::string& line : r.rejections) out << "    " << line << "\n";

  int made = 0;
  for (const auto& [kind, count] : r.documents) made += count;
  out << "  documents:  " << made << " files";
  if (made) {
    out << " (";
    bool first = true;
    for (const auto& [kind, count] : r.documents) {
      out << (first ? "" : ", ") << count << " " << kind;
      first = false;
    }
    out << ")";
  }
  out << "\n";
  out << "  e-mail:     " << r.mails_queued << " queued, " << r.mails_sent
      << (r.dry_run          ? " would be sent"
          : r.mail_to_files ? " written as .eml"
                            : " sent");
  if (r.mails_waiting) out << ", " << r.mails_waiting << " waiting to retry";
  if (r.mails_failed) {
    out << ", " << r.mails_failed
        << " refused by the server for good (danju status lists them; "
           "danju resend sends them again)";
  }
  out << "\n";
  if (!r.reply_mailbox_error.empty()) {
    out << "  replies:    mailbox not reached: " << r.reply_mailbox_error
        << "\n";
  } else if (r.replies_read) {
    out << "  replies:    " << r.replies_read << " read, " << r.replies_decided
        << " decided\n";
  }
  out << "  approvals:  " << r.open_approvals << " waiting for an answer\n";
  if (!r.dry_run) {
    out << "  files:      " << r.output_folder << "/documents\n";
    if (r.mail_to_files) out << "  mail files: " << r.mail_folder << "\n";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", r.seconds);
  out << "  time:       " << seconds << " s; exit code " << r.exit_code
      << "\n";
  return out.str();
}

}  // namespace danju
