#include "approval/approval_request.h"

#include "approval/approval_page.h"
#include "core/text.h"

namespace danju {

namespace {

const char* request_word(DocumentKind kind) {
  if (kind == DocumentKind::order_sheet) return "订货单审批";
  if (kind == DocumentKind::sample_request) return "打样审批";
  return "合同审批";
}

std::string chinese_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(0, 4) + "年" + iso.substr(5, 2) + "月" +
         iso.substr(8, 2) + "日";
}

// The facts of the order, label and value, in the order they are shown.
std::vector<std::pair<std::string, std::string>> summary_rows(
    const ApprovalRequestFacts& facts) {
  const Order& order = *facts.order;
  const Money total = order.total();
  std::vector<std::pair<std::string, std::string>> rows = {
      {"单据编号", facts.document_no + "（第 " +
                       std::to_string(facts.version) + " 版）"},
      {"订单编号", order.order_no},
      {"合同编号", order.contract_no},
      {"客户名称", one_line(order.customer.name)},
      {"业务员", order.salesperson +
                     (order.department.empty() ? ""
                                               : "（" + order.department +
                                                     "）")},
      {"合同金额",
       format_yuan(total) + "（人民币" + rmb_capitals(total) + "）"},
      {"预付款", std::to_string(order.prepayment_pct) + "%，" +
                     format_yuan(order.prepayment_due()) + "；已收 " +
                     format_yuan(facts.prepaid)},
  };
  if (!order.ship_date.empty()) {
    rows.push_back({"交货日期", chinese_date(order.ship_date)});
  }
  rows.push_back({"明细", "共 " + std::to_string(order.items.size()) +
                              " 项，详见附件"});
  return rows;
}

std::string step_line(const ApprovalRequestFacts& facts) {
  return std::string(document_kind_title(facts.kind)) + "等待您审批（第 " +
         std::to_string(facts.step) + " 步，共 " +
         std::to_string(facts.steps) + " 步：" + facts.role_title + "）。";
}

const char* const kHowToAnswer =
    "审批方式：直接回复本邮件，第一行写“同意”；如不同意，写“驳回”并在后面"
    "说明理由。请勿修改邮件主题中方括号内的编号。";

}  // namespace

std::string approval_subject(const ApprovalRequestFacts& facts) {
  return "[" + facts.document_no + "] " + facts.subject_prefix +
         request_word(facts.kind) + "：" +
         one_line(facts.order->customer.name) + " " +
         format_yuan(facts.order->total());
}

MailMessage approval_request(const ApprovalRequestFacts& facts) {
  MailMessage message;
  message.to.push_back(facts.approver);
  message.subject = approval_subject(facts);
  message.attachments = facts.attachments;

  const auto rows = summary_rows(facts);
  std::string names;
  for (const MailAttachment& attachment : facts.attachments) {
    if (!names.empty()) names += "、";
    names += attachment.file_name;
  }

  std::string text = facts.approver.name + "，您好：\n\n" +
                     (facts.reason.empty() ? "" : facts.reason + "\n\n") +
                     step_line(facts) + "\n\n";
  for (const auto& [label, value] : rows) {
    text += label + "：" + value + "\n";
  }
  text += "\n" + std::string(kHowToAnswer) + "\n";
  if (!facts.approve_url.empty()) {
    text += "\n也可以打开链接处理（打开后还需确认）：\n同意：" +
            facts.approve_url + "\n驳回：" + facts.reject_url + "\n";
  }
  text += "\n附件：" + names +
          "\n\n-- \n此邮件由丹聚单据系统自动发送。\n";
  message.text_body = text;

  std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
      "<p>" + html_escape(facts.approver.name) + "，您好：</p>" +
      (facts.reason.empty() ? "" : "<p>" + html_escape(facts.reason) + "</p>") +
      "<p>" + html_escape(step_line(facts)) +
      "</p><table border=\"1\" cellpadding=\"4\" "
      "style=\"border-collapse:collapse\">";
  for (const auto& [label, value] : rows) {
    html += "<tr><th align=\"left\">" + html_escape(label) + "</th><td>" +
            html_escape(value) + "</td></tr>";
  }
  html += "</table><p>" + html_escape(kHowToAnswer) + "</p>";
  if (!facts.approve_url.empty()) {
    html += "<p><a href=\"" + html_escape(facts.approve_url) +
            "\">同意</a>　　<a href=\"" + html_escape(facts.reject_url) +
            "\">驳回</a>（打开后还需确认）</p>";
  }
  html += "<p>附件：" +
          html_escape(names) +
          "</p><p style=\"color:#888\">此邮件由丹聚单据系统自动发送。</p>"
          "</body></html>";
  message.html_body = html;
  return message;
}

}  // namespace danju
