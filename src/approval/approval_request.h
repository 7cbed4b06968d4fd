// The e-mail that asks an approver (审批人) to decide one step of a chain.
#pragma once

#include <string>
#include <vector>

#include "core/company.h"
#include "core/document_kind.h"
#include "core/order.h"
#include "mail/mail_message.h"

namespace danju {

struct ApprovalRequestFacts {
  const Order* order = nullptr;  // required
  DocumentKind kind = DocumentKind::contract_approval;
  std::string document_no;
  int version = 1;
  int step = 1;         // 1-based
  int steps = 1;        // length of the chain
  std::string role_title;  // 部门负责人
  Mailbox approver;
  Money prepaid;
  std::vector<MailAttachment> attachments;
  std::string approve_url;  // signed links; empty: answer by reply only
  std::string reject_url;
  std::string reason;  // why this mail: "" (a request), a reminder, ...
  std::string subject_prefix;  // "催办：" for a reminder, ...
};

// "[SP-HT-2026-00001] 合同审批：苏州嘉禾文化传媒有限公司 ¥123,456.00": the
// bracketed document number lets a reply be matched even when a mail client
// drops the reference headers.
std::string approval_subject(const ApprovalRequestFacts& facts);

// The message, with a plain-text and an HTML body summarising the order and
// saying how to answer. message_id, date and from are the caller's.
MailMessage approval_request(const ApprovalRequestFacts& facts);

}  // namespace danju
