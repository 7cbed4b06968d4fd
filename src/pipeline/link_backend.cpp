#include "pipeline/link_backend.h"

#include "approval/approval_page.h"
#include "approval/document_naming.h"
#include "core/sha256.h"
#include "pipeline/outbox_sender.h"
#include "store/document_store.h"
#include "store/order_store.h"

namespace danju {

JobLinkBackend::JobLinkBackend(const JobConfig& job, Database& db,
                               const BusinessClock& clock, RunLog& log,
                               ApprovalService& approvals)
    : job_(job), db_(db), clock_(clock), log_(log), approvals_(approvals) {}

LinkBackend::StepView JobLinkBackend::view(std::int64_t step_id) {
  std::lock_guard<std::mutex> hold(mutex_);
  StepView view;
  DocumentStore documents(db_);
  const auto step = documents.step(step_id);
  if (!step) return view;
  const auto form = documents.document(step->document_id);
  if (!form) return view;
  const auto stored =
      OrderStore(db_).version(form->order_no, form->order_version);
  if (!stored) return view;
  const Order& order = stored->order;

  view.found = true;
  view.state = form->state == kDocumentSuperseded ? "superseded" : step->state;
  view.document_title = document_title(order, form->kind) + " " +
                        form->document_no + "（第 " +
                        std::to_string(form->order_version) + " 版）";
  const std::pair<const char*, std::string> rows[] = {
      {"审批步骤", "第 " + std::to_string(step->step) + " 步：" + step->title},
      {"客户名称", order.customer.name},
      {"订单编号", order.order_no},
      {"业务员", order.salesperson},
      {"合同金额", format_yuan(order.total()) + "（人民币" +
                       rmb_capitals(order.total()) + "）"},
      {"明细", "共 " + std::to_string(order.items.size()) + " 项"},
  };
  for (const auto& [label, value] : rows) {
    view.summary_html += "<tr><th>" + html_escape(label) + "</th><td>" +
                         html_escape(value) + "</td></tr>";
  }
  view.pdf_path = job_.output_folder + "/" + form->path;
  if (!step->decided_at.empty()) {
    const std::string how = step->decided_how == kByReply  ? "邮件回复"
                            : step->decided_how == kByLink ? "审批链接"
                                                           : "命令行";
    view.decided_by = step->decided_by + "（" + how + "，" +
                      step->decided_at + "）";
  }
  view.approver = step->approver_email;
  return view;
}

std::string JobLinkBackend::decide(const LinkClaim& claim,
                                   const std::string& reason,
                                   const std::string& client_address) {
  std::lock_guard<std::mutex> hold(mutex_);
  Answer answer;
  answer.step_id = claim.step_id;
  answer.approve = claim.decision == "approve";
  answer.reason = reason;
  answer.actor = claim.approver;
  answer.how = kByLink;
  answer.evidence = "link from " + client_address;
  const AnswerResult result = approvals_.decide(answer);
  if (!result.decided) return result.message;

  log_.info("link: step " + std::to_string(claim.step_id) + " " +
            (answer.approve ? "approved" : "rejected") + " from " +
            client_address);
  deliver_outbox(db_, job_.mail, clock_, log_);
  return "";
}

}  // namespace danju
