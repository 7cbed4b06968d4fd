// 审批记录 the approval trail of a document: which paper, which content (its
// SHA-256 as approved) and, step by step, who decided what, when, how and on
// what evidence. Filing prints it as the last page of the archived PDF and
// keeps it as JSON beside it (archive/filing.h).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/document_kind.h"
#include "jobs/job_config.h"
#include "store/database.h"

namespace danju {

// One approval step as the trail shows it.
struct TrailStep {
  int step = 0;              // 1-based position in the chain
  std::string mode;          // "one", "all" (会签) or "any" (或签)
  std::string title;         // 部门负责人
  std::string approver_name;
  std::string approver_email;
  std::string state;         // approved, skipped, ...
  std::string decision;      // 同意, 驳回, 或签，他人已处理
  std::string decided_at;    // as recorded, with its offset
  std::string decided_by;    // e-mail address of who answered
  std::string decided_by_name;  // from the people file; empty if unknown
  std::string decided_how;   // "reply", "link" or "command"
  std::string how_title;     // 邮件回复, 审批链接, 命令行
  std::string evidence;
  std::string note;
};

struct ApprovalTrail {
  std::int64_t document_id = 0;  // the record whose file is filed
  std::string document_no;
  DocumentKind kind = DocumentKind::contract;
  std::string kind_title;        // 合同审批单
  std::string order_no;
  int order_version = 0;
  std::string business_date;     // YYYY-MM-DD
  std::string state;             // approved or issued
  std::string source_path;       // relative to the job's output folder
  std::string sha256;            // of the source file as recorded
  std::vector<TrailStep> steps;  // in chain order; empty for issued papers
};

// Thrown when a document cannot be filed: not found, not a PDF, not final.
// what() names the document and the reason.
class FilingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the trail of a final document. document_id is a PDF record of the
// documents table: a form whose chain is complete (state approved), its
// stamped "approved.pdf" copy (the steps are read from the form), or a
// paper that needs no approval (state issued). Throws FilingError for
// anything else, DatabaseError when the tables cannot be read.
ApprovalTrail read_approval_trail(Database& db, const JobConfig& job,
                                  std::int64_t document_id);

// "reply" -> 邮件回复, "link" -> 审批链接, "command" -> 命令行; the word
// itself for anything else.
std::string decided_how_title(const std::string& how);

// The trail as a JSON object, UTF-8, keys in a fixed order so the same
// trail always gives the same bytes. Holds no filing time.
std::string trail_json(const ApprovalTrail& trail);

}  // namespace danju
