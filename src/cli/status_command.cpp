#include "cli/status_command.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdio>
#include <ctime>

#include "core/file_io.h"
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
    return kExitOk;
  }
  out << open.size() << " approvals waiting for an answer:\n";
  char line[512];
  std::snprintf(line, sizeof line, "  %-24s %-18s %-4s %-22s %-26s %s\n",
                "document", "kind", "step", "approver", "waiting since",
                "waited");
  out << line;
  for (const OpenApproval& item : open) {
    const std::string approver =
        item.step.approver_name + " (" + item.step.title + ")";
    std::snprintf(line, sizeof line, "  %-24s %-18s %-4d %s  %-26s %s\n",
                  item.document_no.c_str(), document_kind_name(item.kind),
                  item.step.step, approver.c_str(),
                  item.step.requested_at.c_str(),
                  waited(BusinessClock::parse_iso(item.step.requested_at),
                         now).c_str());
    out << line;
  }
  return kExitOk;
}

}  // namespace danju
