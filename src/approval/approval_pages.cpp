#include "approval/approval_pages.h"

#include <ctime>

#include "approval/approval_page.h"

namespace danju {

namespace {

const char kUseTheMail[] =
    "<p class=\"quiet\">如需处理，请回复审批邮件，"
    "或联系发件人重新发送审批邮件。</p>\n";

bool is_approve(const LinkClaim& claim) {
  return claim.decision == "approve";
}

std::string paragraph(const std::string& text) {
  return "<p>" + html_escape(text) + "</p>\n";
}

std::string heading(const std::string& text) {
  return "<h1>" + html_escape(text) + "</h1>\n";
}

std::string state_words(const std::string& state) {
  if (state == "approved") return "已同意";
  if (state == "rejected") return "已驳回";
  if (state == "superseded") return "已被新版本取代";
  if (state == "pending") return "待审批";
  return state;
}

// Limitation: shown in the server's local time zone, without naming it;
// a server set to UTC shows Beijing times eight hours early.
std::string local_time(std::int64_t seconds) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  if (localtime_r(&time, &parts) == nullptr) return std::to_string(seconds);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
  return text;
}

std::string document_block(const LinkBackend::StepView& step) {
  std::string html;
  if (!step.document_title.empty()) {
    html += "<h2>" + html_escape(step.document_title) + "</h2>\n";
  }
  if (!step.summary_html.empty()) {
    html += "<table>\n" + step.summary_html + "\n</table>\n";
  }
  return html;
}

}  // namespace

Page confirm_page(const LinkBackend::StepView& step, const LinkClaim& claim,
                  const std::string& token, const std::string& notice) {
  const bool approve = is_approve(claim);
  const std::string action = approve ? "确认同意" : "确认驳回";
  const std::string escaped_token = html_escape(token);

  std::string body = heading(action);
  body += paragraph("审批人：" + claim.approver);
  if (!notice.empty()) {
    body += "<p class=\"notice\">" + html_escape(notice) + "</p>\n";
  }
  body += document_block(step);
  body += "<p><a href=\"/d/" + escaped_token + "\">查看单据 PDF</a></p>\n";

  body += "<form method=\"post\" action=\"/a/" + escaped_token + "\">\n";
  body += "<input type=\"hidden\" name=\"decision\" value=\"" +
          html_escape(claim.decision) + "\">\n";
  if (approve) {
    body += "<label for=\"reason\">备注（可不填）</label>\n"
            "<textarea id=\"reason\" name=\"reason\" maxlength=\"2000\">"
            "</textarea>\n";
  } else {
    body += "<label for=\"reason\">驳回理由（必填）</label>\n"
            "<textarea id=\"reason\" name=\"reason\" maxlength=\"2000\" "
            "required></textarea>\n";
  }
  body += std::string("<button type=\"submit\"") +
          (approve ? "" : " class=\"reject\"") + ">" + action +
          "</button>\n</form>\n";
  body += "<p class=\"quiet\">打开本页不会做出任何决定；"
          "按下按钮后才会记录。</p>\n";

  Page page;
  page.status = notice.empty() ? 200 : 400;
  page.html = page_html(action, body);
  return page;
}

Page decided_page(const LinkBackend::StepView& step, const LinkClaim& claim,
                  const std::string& reason) {
  const bool approve = is_approve(claim);
  const std::string title = approve ? "已同意" : "已驳回";

  std::string body = heading(title);
  body += paragraph(std::string("您的决定已记录：") +
                    (approve ? "同意" : "驳回") + "。");
  body += document_block(step);
  if (!reason.empty()) {
    body += paragraph((approve ? "备注：" : "驳回理由：") + reason);
  }
  body += "<p class=\"quiet\">可以关闭本页。</p>\n";

  Page page;
  page.html = page_html(title, body);
  return page;
}

Page closed_page(const LinkBackend::StepView& step) {
  std::string body = heading("此链接已失效");
  if (step.state == "superseded") {
    body += paragraph("该单据已有新版本，本审批已被取代。"
                      "请使用新审批邮件中的链接。");
  } else if (!step.decided_by.empty()) {
    body += paragraph("该审批已由" + step.decided_by + "处理（" +
                      state_words(step.state) + "）。");
  } else {
    body += paragraph("该审批已处理，当前状态：" + state_words(step.state) +
                      "。");
  }
  body += document_block(step);

  Page page;
  page.status = 409;
  page.html = page_html("此链接已失效", body);
  return page;
}

Page refused_page(const LinkBackend::StepView& step,
                  const std::string& why) {
  std::string body = heading("未能记录您的决定");
  body += paragraph(why);
  if (!step.decided_by.empty()) {
    body += paragraph("该审批已由" + step.decided_by + "处理。");
  }
  body += document_block(step);
  body += kUseTheMail;

  Page page;
  page.status = 409;
  page.html = page_html("未能记录您的决定", body);
  return page;
}

Page invalid_link_page() {
  std::string body = heading("此链接无效");
  body += paragraph("链接不完整或已被改动，无法使用。"
                    "请从审批邮件中完整地打开链接（有的邮件程序会把长链接断成"
                    "两行）。");
  body += kUseTheMail;

  Page page;
  page.status = 403;
  page.html = page_html("此链接无效", body);
  return page;
}

Page expired_link_page(const LinkBackend::StepView& step,
                       const LinkClaim& claim) {
  std::string body = heading("此链接已过期");
  body += paragraph("此" + std::string(is_approve(claim) ? "同意" : "驳回") +
                    "链接已于 " + local_time(claim.expires_at) +
                    " 过期，不能再使用。");
  if (step.found) body += document_block(step);
  body += kUseTheMail;

  Page page;
  page.status = 410;
  page.html = page_html("此链接已过期", body);
  return page;
}

Page missing_step_page() {
  std::string body = heading("此链接已失效");
  body += paragraph("找不到此链接对应的审批步骤。");
  body += kUseTheMail;

  Page page;
  page.status = 410;
  page.html = page_html("此链接已失效", body);
  return page;
}

Page other_approver_page(const LinkBackend::StepView& step) {
  std::string body = heading("此链接不是发给本步骤审批人的");
  body += paragraph("该审批步骤现在等待另一位审批人处理，"
                    "此链接不能用于该步骤。");
  body += document_block(step);
  body += kUseTheMail;

  Page page;
  page.status = 403;
  page.html = page_html("此链接不是发给本步骤审批人的", body);
  return page;
}

Page mismatched_form_page() {
  std::string body = heading("提交的内容与链接不符");
  body += paragraph("提交的决定与此链接所代表的决定不一致，未做任何记录。"
                    "请重新打开审批邮件中的链接。");

  Page page;
  page.status = 400;
  page.html = page_html("提交的内容与链接不符", body);
  return page;
}

Page message_page(int status, const std::string& heading_text,
                  const std::string& sentence) {
  Page page;
  page.status = status;
  page.html = page_html(heading_text,
                        heading(heading_text) + paragraph(sentence));
  return page;
}

}  // namespace danju
