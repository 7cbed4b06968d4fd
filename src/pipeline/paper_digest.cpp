#include "pipeline/paper_digest.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "core/document_kind.h"
#include "core/file_io.h"
#include "core/money.h"
#include "core/text.h"
#include "store/document_store.h"
#include "store/order_store.h"

namespace danju {

namespace {

// What a line of a digest says of an order after its number.
std::string order_total(const Order& order) {
  return format_yuan(order.total());
}

std::string trip_time_and_route(const Order& order) {
  auto extra = [&](const char* key) {
    const auto found = order.extra.find(key);
    return found == order.extra.end() ? std::string() : found->second;
  };
  return one_line(extra("service_time") + "  " + extra("route"));
}

struct Digest {
  DocumentKind kind;
  const char* role;      // who gets it
  const char* purpose;   // the outbox's word; with '-' it starts the id
  const char* subject;   // before the date
  const char* greeting;  // the body's first line
  const char* note;      // said of the attachments, may be empty
  const char* replaced;  // said of a paper that replaces a carried one
  const char* voided;    // said of a carried paper made void
  std::string (*detail)(const Order& order);
};

const Digest kDigests[] = {
    // Finance books every shipment note from its first copy (财务记账联).
    {DocumentKind::shipment_note, "finance", "finance_digest",
     "发货单（财务记账联）", "财务：", "（每份第一页为第一联 财务记账联）",
     "原单作废，请勿重复记账", "订单已变更，此单作废，请冲销原记账",
     order_total},
    // The dispatcher (调度) hands each trip's sheet to its driver.
    {DocumentKind::dispatch_sheet, "dispatcher", "dispatch_digest",
     "派车单 ", "调度：", "", "原派车单作废，以本单为准",
     "订单已变更，此单作废，请勿按此派车", trip_time_and_route},
};

// The room a PDF takes in a mail: base64 and its line ends add a third.
std::int64_t encoded_size(const DocumentRecord& paper) {
  return paper.bytes / 3 * 4 + paper.bytes / 57 * 2 + 1024;
}

class DigestQueue {
 public:
  DigestQueue(Database& db, const JobConfig& job, const std::string& date,
              const DigestMailer& mailer)
      : db_(db), job_(job), date_(date), mailer_(mailer), documents_(db),
        orders_(db) {}

  // What the operator should hear of: papers nobody can be told of.
  std::vector<std::string> take_notices() { return std::move(notices_); }

  int queue(const Digest& digest) {
    std::vector<DocumentRecord> papers;
    std::vector<DocumentRecord> replaced_first;
    for (DocumentRecord& paper : documents_.awaiting_digest(digest.kind)) {
      auto& into = paper.state == kDocumentSuperseded ? replaced_first
                                                      : papers;
      into.push_back(std::move(paper));
    }
    std::vector<DocumentRecord> voided =
        documents_.void_since_digest(digest.kind);

    if (!replaced_first.empty()) {
      // Replaced before any digest carried it: nobody needs to be told of
      // it, now or later.
      Transaction transaction(db_);
      for (const auto& paper : replaced_first) {
        documents_.mark_digested(paper.id, "");
      }
      transaction.commit();
    }
    if (papers.empty() && voided.empty()) return 0;

    // Nobody holds the role (a misspelt role, say): the papers wait for
    // the first night someone does, and the operator hears of them.
    const std::vector<Mailbox> to = mailboxes_with_role(digest.role);
    if (to.empty()) {
      notices_.push_back(
          std::to_string(papers.size() + voided.size()) + " " +
          document_kind_title(digest.kind) + " wait for their digest: " +
          "nobody in the people file has the role " + digest.role);
      return 0;
    }

    // Parts of at most the mail size; the void notices ride in the first.
    std::vector<std::vector<DocumentRecord>> parts(1);
    std::int64_t size = 0;
    for (DocumentRecord& paper : papers) {
      const std::int64_t more = encoded_size(paper);
      if (!parts.back().empty() &&
          size + more > job_.mail.max_mail_bytes) {
        parts.emplace_back();
        size = 0;
      }
      size += more;
      parts.back().push_back(std::move(paper));
    }

    int queued = 0;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const std::vector<DocumentRecord> none;
      const auto& told_void = k == 0 ? voided : none;
      queued += queue_part(digest, to, parts[k], told_void, k + 1,
                           parts.size());
    }
    return queued;
  }

 private:
  std::vector<Mailbox> mailboxes_with_role(const std::string& role) const {
    std::vector<Mailbox> found;
    for (const Person& person : job_.people) {
      for (const std::string& held : person.roles) {
        if (held == role) found.push_back({person.name, person.email});
      }
    }
    return found;
  }

  // For a paper that replaces one a digest carried, what its line adds;
  // empty otherwise.
  std::string replacement_mark(const Digest& digest,
                               const DocumentRecord& paper) {
    std::string earlier;
    for (const DocumentRecord& record :
         documents_.with_number(paper.document_no)) {
      if (record.kind != paper.kind || record.format != paper.format ||
          record.order_version >= paper.order_version ||
          documents_.digest_of(record.id).empty()) {
        continue;
      }
      earlier = "第 " + std::to_string(record.order_version) + " 版（" +
                record.business_date + " 开出）";
    }
    if (earlier.empty()) return "";
    return "  【更正版：第 " + std::to_string(paper.order_version) +
           " 版，取代" + earlier + "，" + digest.replaced + "】";
  }

  std::string line_of(const Digest& digest, const DocumentRecord& paper,
                      const std::string& mark) {
    const auto stored = orders_.version(paper.order_no, paper.order_version);
    std::string line = paper.document_no + "  订单 " + paper.order_no;
    if (stored) {
      line += "  " + one_line(stored->order.customer.name) + "  " +
              digest.detail(stored->order);
    }
    return line + "  " + paper.business_date + " 开出" + mark + "\n";
  }

  int queue_part(const Digest& digest, const std::vector<Mailbox>& to,
                 const std::vector<DocumentRecord>& papers,
                 const std::vector<DocumentRecord>& voided, std::size_t part,
                 std::size_t parts) {
    const std::string title = document_kind_title(digest.kind);
    MailMessage mail;
    mail.to = to;

    std::string list;
    std::string ids;
    std::set<std::string> replacing_numbers;
    int replacing = 0;
    for (const DocumentRecord& paper : papers) {
      const std::string mark = replacement_mark(digest, paper);
      if (!mark.empty()) {
        ++replacing;
        replacing_numbers.insert(paper.document_no);
      }
      list += line_of(digest, paper, mark);
      ids += paper.sha256.substr(0, 8);
      mail.attachments.push_back({job_.output_folder + "/" + paper.path,
                                  title + "_" + paper.document_no + ".pdf",
                                  "application/pdf"});
    }
    // A void paper whose replacement is in this mail is told of on the
    // replacement's line.
    std::string void_list;
    int void_count = 0;
    for (const DocumentRecord& paper : voided) {
      ids += "void" + paper.sha256.substr(0, 8);
      if (replacing_numbers.count(paper.document_no)) continue;
      ++void_count;
      void_list += paper.document_no + " 第 " +
                   std::to_string(paper.order_version) + " 版  订单 " +
                   paper.order_no + "  " + paper.business_date + " 开出  【" +
                   digest.voided + "】\n";
    }

    mail.subject = std::string(digest.subject) + date_;
    if (!papers.empty()) {
      mail.subject += "：共 " + std::to_string(papers.size()) + " 份";
      if (replacing > 0) {
        mail.subject += "，其中 " + std::to_string(replacing) + " 份为更正版";
      }
    }
    if (void_count > 0) {
      mail.subject += std::string(papers.empty() ? "：" : "；") + "作废 " +
                      std::to_string(void_count) + " 份";
    }
    if (parts > 1) {
      mail.subject += "（第 " + std::to_string(part) + "/" +
                      std::to_string(parts) + " 封）";
    }

    std::string body = std::string(digest.greeting) + "\n\n";
    if (!papers.empty()) {
      body += "新开出的" + title + "共 " + std::to_string(papers.size()) +
              " 份，见附件" + digest.note + "：\n\n" + list;
    }
    if (void_count > 0) {
      body += std::string(papers.empty() ? "" : "\n") + "以下" + title +
              "已作废：\n\n" + void_list;
    }
    if (parts > 1) {
      body += "\n（本日汇总分 " + std::to_string(parts) + " 封发送，此为第 " +
              std::to_string(part) + " 封。）\n";
    }
    mail.text_body = body + "\n-- \n此邮件由丹聚单据系统自动发送。\n";

    // The id of this part: a re-run queues it once.
    std::string prefix = digest.purpose;
    std::replace(prefix.begin(), prefix.end(), '_', '-');
    mail.message_id = prefix + "." + date_ + "." +
                      sha256_hex(ids).substr(0, 12) + "@" + job_.mail.domain;
    const std::string message_id = mail.message_id;
    const bool queued = mailer_(std::move(mail), digest.purpose, [&] {
      for (const DocumentRecord& paper : papers) {
        documents_.mark_digested(paper.id, message_id);
      }
      for (const DocumentRecord& paper : voided) {
        documents_.mark_void_told(paper.id, message_id);
      }
    });
    return queued ? 1 : 0;
  }

  Database& db_;
  const JobConfig& job_;
  const std::string& date_;
  const DigestMailer& mailer_;
  DocumentStore documents_;
  OrderStore orders_;
  std::vector<std::string> notices_;
};

}  // namespace

DigestOutcome queue_digests(Database& db, const JobConfig& job,
                            const std::string& date,
                            const DigestMailer& mailer) {
  DigestQueue queue(db, job, date, mailer);
  DigestOutcome outcome;
  for (const Digest& digest : kDigests) outcome.queued += queue.queue(digest);
  outcome.notices = queue.take_notices();
  return outcome;
}

}  // namespace danju
