#include "cli/status_command.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdio>
#include <algorithm>
#include <ctime>

#include "core/file_io.h"
#include "core/text.h"
#include "core/business_clock.h"
#include "pipeline/night_run.h"
#include "store/document_store.h"

namespace danju {

namespace {

std::string waited(std::time_t since, std::time_t now) {
  if (since < 0) return "-";
  const long minutes = static_cast<long>((now - since) / 60);
  char text[32];
  if (minutes < 60) {
    std::snprintf(text, sizeof text, "%ld min", minutes);
  } else if (minutes < 48 * 60) {
    std::snprintf(text, sizeof text, "%ld h", minutes / 60);
  } else {
    std::snprintf(text, sizeof text, "%ld d", minutes / (24 * 60));
  }
  return text;
}

}  // namespace

int print_status(const JobConfig& job, bool json, std::ostream& out) {
  const BusinessClock clock(job.time_zone);
  const std::string path = job.data_folder + "/danju.sqlite";
  std::vector<OpenApproval> open;
  if (file_exists(path)) {
    Database db(path, true);
    for (OpenApproval& item : DocumentStore(db).open_approvals()) {
      if (item.step.state == kStepPending) open.push_back(std::move(item));
    }
  }
  const std::time_t now = std::time(nullptr);

  if (json) {
    Poco::JSON::Array list;
    for (const OpenApproval& item : open) {
      Poco::JSON::Object entry;
      entry.set("document_no", item.document_no);
      entry.set("kind", std::string(document_kind_name(item.kind)));
      entry.set("order_no", item.order_no);
      entry.set("order_version", item.order_version);
      entry.set("step_id", item.step.id);
      entry.set("step", item.step.step);
      entry.set("role", item.step.role);
      entry.set("approver", item.step.approver_name);
      entry.set("approver_email", item.step.approver_email);
      entry.set("waiting_since", item.step.requested_at);
      const std::time_t since = BusinessClock::parse_iso(item.step.requested_at);
      entry.set("waiting_seconds",
                since < 0 ? 0 : static_cast<std::int64_t>(now - since));
      list.add(entry);
    }
    list.stringify(out);
    out << "\n";
    return kExitOk;
  }

  if (open.empty()) {
    out << "No approvals are waiting.\n";
  } else {
    const long overdue_after = job.approval.remind_after_hours * 3600L;
    out << open.size() << " approvals waiting for an answer, longest first"
        << " (! = waiting over " << job.approval.remind_after_hours
        << " h):\n";
    const std::vector<int> widths = {1, 6, 22, 18, 4, 24, 26, 0};
    auto row = [&](const std::vector<std::string>& cells) {
      std::string line = " ";
      for (std::size_t i = 0; i < cells.size(); ++i) {
        line += cells[i];
        const int pad = widths[i] - display_width(cells[i]);
        line += std::string(static_cast<std::size_t>(std::max(pad, 0)) + 1,
                            ' ');
      }
      out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
    };
    row({"", "id", "document", "kind", "step", "approver", "waiting since",
         "waited"});
    for (const OpenApproval& item : open) {
      const std::time_t since =
          BusinessClock::parse_iso(item.step.requested_at);
      const bool overdue = since >= 0 && now - since > overdue_after;
      row({overdue ? "!" : "", std::to_string(item.step.id),
           item.document_no,
           document_kind_name(item.kind), std::to_string(item.step.step),
           item.step.approver_name + " (" + item.step.title + ")",
           item.step.requested_at, waited(since, now)});
    }
  }

  // Mail the server refused for good never reached its reader.
  Database db(path, true);
  Statement failed = db.prepare(
      "SELECT message_id, recipients, COALESCE(last_error, '') FROM outbox "
      "WHERE state = 'failed' ORDER BY id");
  bool any = false;
  while (failed.step()) {
    if (!any) out << "\nMail refused by the server (never delivered):\n";
    any = true;
    out << "  " << failed.text(0) << " to " << failed.text(1) << ": "
        << failed.text(2) << "\n";
  }
  return kExitOk;
}

}  // namespace danju
