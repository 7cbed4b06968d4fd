// The pages of the approval link server, in Chinese, each with the HTTP
// status it is sent with. Every value from a link, a form or the approval
// records is escaped here; only StepView::summary_html is taken as markup.
#pragma once

#include <string>

#include "approval/approval_link.h"
#include "approval/approval_server.h"

namespace danju {

struct Page {
  int status = 200;
  std::string html;
};

// 200: the decision the link stands for, the document's facts, its PDF
// (at /d/<token>) and a confirm button posting to /a/<token>; a reject
// asks for the reason. notice, when not empty, is shown above the form
// (and the status is 400: the last post was refused).
Page confirm_page(const LinkBackend::StepView& step, const LinkClaim& claim,
                  const std::string& token, const std::string& notice);

// 200: the decision was recorded.
Page decided_page(const LinkBackend::StepView& step, const LinkClaim& claim,
                  const std::string& reason);

// 409: the step is no longer waiting (decided, superseded...), with who
// decided when the records say.
Page closed_page(const LinkBackend::StepView& step);

// 409: the records refused the decision; why, in their words.
Page refused_page(const LinkBackend::StepView& step,
                  const std::string& why);

// 403: the token is malformed or its signature does not match.
Page invalid_link_page();

// 410: the link is past its time; step may be not found.
Page expired_link_page(const LinkBackend::StepView& step,
                       const LinkClaim& claim);

// 410: the records have no such step.
Page missing_step_page();

// 403: the step waits for someone other than the link's approver.
Page other_approver_page(const LinkBackend::StepView& step);

// 400: the posted decision is not the one the link stands for.
Page mismatched_form_page();

// Any other status with a heading and one sentence (404, 405, 413...).
Page message_page(int status, const std::string& heading,
                  const std::string& sentence);

}  // namespace danju
