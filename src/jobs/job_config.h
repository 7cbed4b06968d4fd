// A job: one TOML file (in jobs/) that says where a night's orders come from,
// where its database and documents go, which templates and fonts to use, who
// approves what, and how mail leaves. Relative paths are relative to the job
// file's folder.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/company.h"
#include "core/document_kind.h"
#include "core/order.h"

namespace danju {

// A job or people file that cannot be used: what() is "file:line: reason".
class JobError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A period someone is away (out of office); their approvals go to the
// delegate meanwhile.
struct Absence {
  std::string from;   // YYYY-MM-DD, first day away
  std::string until;  // YYYY-MM-DD, last day away
  std::string delegate;  // name of the person deciding meanwhile
};

// 审批人 and everyone else Danju mails.
struct Person {
  std::string name;
  std::string email;
  std::vector<std::string> roles;        // dept_head, legal, finance, ...
  std::vector<std::string> departments;  // empty: serves every department
  std::string deputy;  // name of who takes over an overdue approval
  Money monthly_salary;  // for the guarantee rule; 0: not known
  std::vector<Absence> away;
};

// One step of an approval chain: one role, a countersign (会签: every role
// must approve) or an any-one step (或签: the first answer decides). Written
// in job files as "legal", "legal+finance" and "legal|finance".
struct ChainStep {
  enum class Mode { one, all, any };
  Mode mode = Mode::one;
  std::vector<std::string> roles;
};
const char* chain_mode_name(ChainStep::Mode mode);  // "one", "all", "any"

// A step a job adds above an amount: [[chains.above]] in the job file.
struct AmountRule {
  DocumentKind kind = DocumentKind::contract_approval;
  Money above;  // strictly more than this
  std::string role;
};

struct ApprovalSettings {
  int remind_after_hours = 24;    // a reminder to a pending approver
  int escalate_after_hours = 72;  // the deputy may decide from then on
  bool require_authentication = false;  // DKIM or SPF pass on replies
  // Signed links: the server's public address ("https://danju.example.com"),
  // empty for no links in mails.
  std::string link_base_url;
  std::string link_secret;  // from link_secret_file or _env; never logged
  int link_valid_days = 7;
  std::string listen_address = "127.0.0.1";  // for danju serve
  int listen_port = 8088;
};

// The mailbox approvers' replies arrive in (POP3).
struct ReplyMailboxSettings {
  std::string host;  // empty: no mailbox, replies are not read
  int port = 110;
  bool tls = false;
  std::string ca_file;
  std::string username;
  std::string password;  // never logged
  std::string address;   // the address replies go to (Reply-To)
};

struct MailSettings {
  std::string from_address;
  std::string from_name;
  std::string host;  // empty: messages are written as .eml files to outbox
  int port = 25;
  // SMTP sessions open at once while the outbox is delivered: a server
  // works on one message while the next arrives over another session.
  int sessions = 2;
  // The largest mail Danju composes of many papers (a digest), encoded:
  // a bigger one is split. Mail servers commonly refuse above 10 MB
  // (Postfix: 10,240,000 bytes), so the default keeps well below.
  std::int64_t max_mail_bytes = 8 * 1000 * 1000;
  bool starttls = false;
  std::string ca_file;  // the CA that signed the server's certificate
  std::string username;
  std::string password;  // read from password_file or password_env
  std::string outbox_folder;
  std::string domain;  // right side of Message-IDs: the from address domain
};

// A printer that prints onto pre-printed forms (套打), with how far it
// misplaces what it prints: every position is moved by the offsets, in mm
// (x to the right, y down; negative moves left or up). They are measured
// with `danju calibrate`.
struct PrinterSettings {
  std::string name;  // a safe identifier: it names calibration files
  double offset_x_mm = 0;
  double offset_y_mm = 0;
};

struct JobConfig {
  std::string file;  // the job file, as given
  // False when loaded without its secrets (JobSecrets::leave_out): the
  // passwords and the link secret are then empty.
  bool secrets_read = true;
  std::string name;
  std::string time_zone = "Asia/Shanghai";
  std::string inbox_folder;
  std::string data_folder;
  std::string output_folder;
  std::string templates_folder;
  std::string latin_font;
  std::vector<std::string> cjk_fonts;
  Company company;
  MailSettings mail;
  std::vector<Person> people;
  // role -> title printed on the form (dept_head -> 部门负责人).
  std::map<std::string, std::string> role_titles;
  // business line name -> document kind name -> steps in chain order.
  std::map<std::string, std::map<std::string, std::vector<ChainStep>>> chains;
  std::vector<AmountRule> amount_rules;
  ApprovalSettings approval;
  ReplyMailboxSettings reply_mailbox;
  int workers = 0;  // rendering threads; 0: one per core
  // [printers.<name>]: the printers of pre-printed forms, by name.
  std::map<std::string, PrinterSettings> printers;
  // [preprinted]: kinds that are also made as values-only PDFs for
  // pre-printed forms, each with the printer whose offsets it uses.
  std::map<DocumentKind, std::string> preprinted;

  // The steps approving a kind of document for a line; empty: no approval.
  std::vector<ChainStep> chain(BusinessLine line, DocumentKind kind) const;
  // The title of a role, or the role itself when none is configured.
  std::string role_title(const std::string& role) const;
  // The rendering threads to use: workers, or one per core when 0.
  unsigned worker_threads() const;
  // The person who holds the role for the department, preferring one named
  // for that department; nullptr when nobody does.
  const Person* approver(const std::string& role,
                         const std::string& department) const;
  const Person* person_named(const std::string& name) const;
  const Person* person_with_email(const std::string& email) const;
  // Who decides for the person on the date: their delegate while they are
  // away, else themselves.
  const Person* acting_for(const Person& person, const std::string& date) const;
  // The printer [preprinted] names for a kind; nullptr when the kind is not
  // printed on pre-printed forms.
  const PrinterSettings* preprinted_printer(DocumentKind kind) const;
};

// Reads and checks a job file and the people file it names. Throws JobError
// naming the file and line of the first problem (unknown key, missing
// folder, a chain naming a role nobody holds, bad address).
// leave_out: for commands that use neither the mail servers nor the links
// (verify): the password and secret settings are checked for form but not
// read, so such a command needs no environment variable or key file.
enum class JobSecrets { read, leave_out };
JobConfig load_job(const std::string& path,
                   JobSecrets secrets = JobSecrets::read);

}  // namespace danju
