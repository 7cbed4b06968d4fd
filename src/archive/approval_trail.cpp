#include "archive/approval_trail.h"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "store/document_store.h"

namespace danju {

namespace {

// The stamped copy approval makes when a chain completes carries this
// format; its steps belong to the plain "pdf" record of the same paper.
const char* const kStampedFormat = "approved.pdf";
const char* const kVoidFormat = "void.pdf";

std::string decision_of(const ApprovalStepRecord& step) {
  std::string decision;
  if (step.state == kStepApproved) {
    decision = "同意";
  } else if (step.state == kStepRejected) {
    decision = "驳回";
  } else if (step.state == kStepSkipped) {
    decision = "或签，他人已处理";
  } else {
    decision = step.state;
  }
  if (!step.note.empty()) decision += "：" + step.note;
  return decision;
}

TrailStep trail_step(const JobConfig& job, const ApprovalStepRecord& row) {
  TrailStep step;
  step.step = row.step;
  step.mode = row.mode;
  step.title = row.title;
  step.approver_name = row.approver_name;
  step.approver_email = row.approver_email;
  step.state = row.state;
  step.decision = decision_of(row);
  step.decided_at = row.decided_at;
  step.decided_by = row.decided_by;
  if (const Person* who = job.person_with_email(row.decided_by)) {
    step.decided_by_name = who->name;
  }
  step.decided_how = row.decided_how;
  step.how_title = decided_how_title(row.decided_how);
  step.evidence = row.evidence;
  step.note = row.note;
  return step;
}

Poco::JSON::Object::Ptr ordered_object() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

}  // namespace

std::string decided_how_title(const std::string& how) {
  if (how == "reply") return "邮件回复";
  if (how == "link") return "审批链接";
  if (how == "command") return "命令行";
  return how;
}

ApprovalTrail read_approval_trail(Database& db, const JobConfig& job,
                                  std::int64_t document_id) {
  DocumentStore documents(db);
  const auto record = documents.document(document_id);
  const std::string which = "document " + std::to_string(document_id);
  if (!record) throw FilingError(which + " is not in the documents table");
  const std::string named = which + " (" + record->document_no + ", " +
                            record->format + ")";
  if (record->format != "pdf" && record->format != kStampedFormat &&
      record->format != kVoidFormat) {
    throw FilingError(named + " is not a PDF; only PDFs are filed");
  }

  // The steps hang on the form; a stamped copy points back to it.
  std::int64_t form_id = record->id;
  std::string form_state = record->state;
  if (record->format == kStampedFormat || record->format == kVoidFormat) {
    const auto form = documents.find(record->order_no, record->order_version,
                                     record->kind, "pdf");
    if (!form) throw FilingError(named + " has no form it was stamped from");
    form_id = form->id;
    form_state = form->state;
  }
  const std::vector<ApprovalStepRecord> rows = documents.steps_of(form_id);

  const bool voided = record->format == kVoidFormat;
  if (voided) {
    // A replaced version is filed as it stood, its chain cut short.
  } else if (form_state == kDocumentIssued && rows.empty()) {
    // Papers such as shipment notes need no approval: final once issued.
  } else if (form_state != kDocumentApproved) {
    throw FilingError(named + " is " + form_state +
                      "; only approved or issued papers are filed");
  }
  for (const ApprovalStepRecord& row : rows) {
    if (voided) break;
    if (row.state != kStepApproved && row.state != kStepSkipped) {
      throw FilingError(named + ": step " + std::to_string(row.step) + " (" +
                        row.title + ", " + row.approver_email + ") is " +
                        row.state + ", so the chain is not complete");
    }
  }

  ApprovalTrail trail;
  trail.document_id = record->id;
  trail.document_no = record->document_no;
  trail.kind = record->kind;
  trail.kind_title = document_kind_title(record->kind);
  trail.order_no = record->order_no;
  trail.order_version = record->order_version;
  trail.business_date = record->business_date;
  trail.state = voided ? "void" : form_state;
  trail.source_path = record->path;
  trail.sha256 = record->sha256;
  for (const ApprovalStepRecord& row : rows) {
    trail.steps.push_back(trail_step(job, row));
  }
  return trail;
}

std::string trail_json(const ApprovalTrail& trail) {
  Poco::JSON::Object::Ptr root = ordered_object();
  root->set("document_no", trail.document_no);
  root->set("kind", std::string(document_kind_name(trail.kind)));
  root->set("kind_title", trail.kind_title);
  root->set("order_no", trail.order_no);
  root->set("order_version", trail.order_version);
  root->set("business_date", trail.business_date);
  root->set("state", trail.state);
  root->set("source_path", trail.source_path);
  root->set("sha256", trail.sha256);

  Poco::JSON::Array::Ptr steps = new Poco::JSON::Array();
  for (const TrailStep& step : trail.steps) {
    Poco::JSON::Object::Ptr item = ordered_object();
    item->set("step", step.step);
    item->set("mode", step.mode);
    item->set("title", step.title);
    item->set("approver_name", step.approver_name);
    item->set("approver_email", step.approver_email);
    item->set("state", step.state);
    item->set("decision", step.decision);
    item->set("decided_at", step.decided_at);
    item->set("decided_by", step.decided_by);
    item->set("decided_by_name", step.decided_by_name);
    item->set("decided_how", step.decided_how);
    item->set("how_title", step.how_title);
    item->set("evidence", step.evidence);
    item->set("note", step.note);
    steps->add(item);
  }
  root->set("steps", steps);

  std::ostringstream out;
  root->stringify(out, 2);
  out << "\n";
  return out.str();
}

}  // namespace danju
