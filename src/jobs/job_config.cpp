#include "jobs/job_config.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "core/file_io.h"
#include "core/identifier.h"
#include "core/money.h"
#include "core/parallel.h"
#include "core/text.h"
#include "jobs/toml.h"

namespace danju {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail_at(const toml::Value& value, const std::string& what) {
  throw JobError(value.file() + ":" + std::to_string(value.line()) + ": " +
                 what);
}

const std::map<std::string, std::string>& default_role_titles() {
  static const std::map<std::string, std::string> titles = {
      {"dept_head", "部门负责人"},    {"legal", "法务"},
      {"company_head", "公司负责人"}, {"finance", "财务"},
      {"general_manager", "总经理"},  {"marketing_director", "市场总监"},
      {"sales", "业务员"},
  };
  return titles;
}

std::vector<ChainStep> singles(const std::vector<std::string>& roles) {
  std::vector<ChainStep> steps;
  for (const std::string& role : roles) {
    steps.push_back({ChainStep::Mode::one, {role}});
  }
  return steps;
}

// The chains of the business processes, used where a job names none.
std::map<std::string, std::map<std::string, std::vector<ChainStep>>>
default_chains() {
  const std::map<std::string, std::map<std::string, std::vector<std::string>>>
      roles = {
      {"gift",
       {{"contract_approval", {"dept_head", "legal", "company_head"}},
        {"sample_request", {"dept_head"}},
        {"order_sheet", {"dept_head", "finance", "company_head"}}}},
      {"furniture",
       {{"contract_approval", {"marketing_director", "general_manager"}},
        {"order_sheet", {"dept_head", "finance", "general_manager"}}}},
      {"transport",
       {{"contract_approval", {"dept_head", "legal", "company_head"}},
        {"order_sheet", {"dept_head", "finance", "company_head"}}}},
  };
  std::map<std::string, std::map<std::string, std::vector<ChainStep>>> chains;
  for (const auto& [line, kinds] : roles) {
    for (const auto& [kind, list] : kinds) chains[line][kind] = singles(list);
  }
  return chains;
}

// "legal", "legal+finance" (all must approve), "legal|finance" (any one).
ChainStep parse_chain_step(const toml::Value& value, const std::string& path) {
  const std::string text = value.as_string(path);
  ChainStep step;
  char separator = 0;
  if (text.find('+') != std::string::npos) {
    step.mode = ChainStep::Mode::all;
    separator = '+';
  } else if (text.find('|') != std::string::npos) {
    step.mode = ChainStep::Mode::any;
    separator = '|';
  }
  for (const std::string& piece :
       separator ? split(text, separator) : std::vector<std::string>{text}) {
    const std::string role = trim(piece);
    if (role.empty() || role.find_first_of("+| ") != std::string::npos) {
      fail_at(value, path + ": \"" + text +
                         "\" is not a step (write role, role+role for a "
                         "countersign, or role|role for any one of them)");
    }
    step.roles.push_back(role);
  }
  return step;
}


std::string resolve(const fs::path& base, const std::string& path) {
  const fs::path p(path);
  return (p.is_absolute() ? p : base / p).lexically_normal().string();
}

std::string optional_string(const toml::Table& table, const std::string& key,
                            const std::string& path,
                            const std::string& fallback = "") {
  const toml::Value* value = table.find(key);
  return value ? value->as_string(path + key) : fallback;
}

std::vector<std::string> string_list(const toml::Value& value,
                                     const std::string& path) {
  std::vector<std::string> items;
  for (const toml::Value& item : value.as_array(path)) {
    items.push_back(item.as_string(path));
  }
  return items;
}

// A folder the job needs: must exist when it is read from, is created when
// it is written to.
std::string folder(const toml::Table& root, const std::string& key,
                   const fs::path& base, bool must_exist) {
  const toml::Value& value = root.at(key, key);
  const std::string path = resolve(base, value.as_string(key));
  if (must_exist && !fs::is_directory(path)) {
    fail_at(value, key + " folder " + path + " does not exist");
  }
  return path;
}

void read_company(const toml::Table& root, JobConfig* job) {
  const toml::Value& value = root.at("company", "company");
  const toml::Table& company = value.as_table("company");
  company.check_keys({"name", "address", "phone", "tax_id", "bank", "account"},
                     "company");
  job->company.name = company.at("name", "company.name").as_string(
      "company.name");
  job->company.address = optional_string(company, "address", "company.");
  job->company.phone = optional_string(company, "phone", "company.");
  job->company.tax_id = optional_string(company, "tax_id", "company.");
  job->company.bank = optional_string(company, "bank", "company.");
  job->company.account = optional_string(company, "account", "company.");
}

void read_fonts(const toml::Table& root, const fs::path& base,
                JobConfig* job) {
  job->latin_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  job->cjk_fonts = {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0",
                    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"};
  const toml::Value* value = root.find("fonts");
  if (value) {
    const toml::Table& fonts = value->as_table("fonts");
    fonts.check_keys({"latin", "cjk"}, "fonts");
    if (const toml::Value* latin = fonts.find("latin")) {
      job->latin_font = resolve(base, latin->as_string("fonts.latin"));
    }
    if (const toml::Value* cjk = fonts.find("cjk")) {
      job->cjk_fonts.clear();
      for (const std::string& font : string_list(*cjk, "fonts.cjk")) {
        job->cjk_fonts.push_back(resolve(base, font));
      }
    }
  }

  auto check = [&](const std::string& spec) {
    const std::string file = spec.substr(0, spec.rfind('#'));
    if (!fs::is_regular_file(file)) {
      throw JobError(job->file + ": font " + file +
                     " does not exist (install the font package, or set "
                     "[fonts] in the job)");
    }
  };
  check(job->latin_font);
  for (const std::string& font : job->cjk_fonts) check(font);
}

// A password or key, from a file (trimmed) or an environment variable.
std::string read_secret(const JobConfig& job, const toml::Table& table,
                        const fs::path& base, const std::string& file_key,
                        const std::string& env_key, const std::string& path) {
  if (!job.secrets_read) return "";
  if (const toml::Value* file = table.find(file_key)) {
    const std::string secret_path =
        resolve(base, file->as_string(path + file_key));
    try {
      return trim(read_file(secret_path));
    } catch (const FileError& error) {
      fail_at(*file, error.what());
    }
  }
  if (const toml::Value* env = table.find(env_key)) {
    const std::string name = env->as_string(path + env_key);
    const char* secret = std::getenv(name.c_str());
    if (!secret) fail_at(*env, "environment variable " + name + " is not set");
    return secret;
  }
  return "";
}

void read_mail(const toml::Table& root, const fs::path& base,
               JobConfig* job) {
  const toml::Value& value = root.at("mail", "mail");
  const toml::Table& mail = value.as_table("mail");
  mail.check_keys({"from", "from_name", "host", "port", "sessions", "starttls",
                   "ca_file", "username", "password_file", "password_env",
                   "outbox", "max_mail_mb"},
                  "mail");
  MailSettings& settings = job->mail;
  const toml::Value& from = mail.at("from", "mail.from");
  settings.from_address = from.as_string("mail.from");
  const std::size_t at = settings.from_address.find('@');
  if (at == std::string::npos || at == 0 ||
      at + 1 == settings.from_address.size() ||
      one_line(settings.from_address) != settings.from_address) {
    fail_at(from, "mail.from is not an e-mail address");
  }
  settings.domain = settings.from_address.substr(at + 1);
  settings.from_name = optional_string(mail, "from_name", "mail.", "Danju");
  settings.host = optional_string(mail, "host", "mail.");
  if (const toml::Value* port = mail.find("port")) {
    const auto number = port->as_integer("mail.port");
    if (number < 1 || number > 65535) fail_at(*port, "mail.port out of range");
    settings.port = static_cast<int>(number);
  }
  if (const toml::Value* sessions = mail.find("sessions")) {
    const auto number = sessions->as_integer("mail.sessions");
    if (number < 1 || number > 8) {
      fail_at(*sessions, "mail.sessions must be 1 to 8");
    }
    settings.sessions = static_cast<int>(number);
  }
  if (const toml::Value* size = mail.find("max_mail_mb")) {
    const auto number = size->as_integer("mail.max_mail_mb");
    if (number < 1 || number > 100) {
      fail_at(*size, "mail.max_mail_mb must be 1 to 100");
    }
    settings.max_mail_bytes = number * 1000 * 1000;
  }
  if (const toml::Value* tls = mail.find("starttls")) {
    settings.starttls = tls->as_boolean("mail.starttls");
  }
  if (const toml::Value* ca = mail.find("ca_file")) {
    settings.ca_file = resolve(base, ca->as_string("mail.ca_file"));
  }
  settings.username = optional_string(mail, "username", "mail.");
  settings.password =
      read_secret(*job, mail, base, "password_file", "password_env",
                  "mail.");
  settings.outbox_folder =
      resolve(base, optional_string(mail, "outbox", "mail.", "outbox"));
}

void read_people(const std::string& path, JobConfig* job) {
  const toml::Table root = toml::parse_file(path);
  root.check_keys({"person"}, "");
  const toml::Value& list = root.at("person", "person");
  for (const toml::Value& entry : list.as_array("person")) {
    const toml::Table& table = entry.as_table("person");
    table.check_keys({"name", "email", "roles", "departments", "deputy",
                      "monthly_salary", "away"},
                     "person");
    Person person;
    person.name = table.at("name", "person.name").as_string("person.name");
    const toml::Value& email = table.at("email", "person.email");
    person.email = email.as_string("person.email");
    if (person.email.find('@') == std::string::npos ||
        one_line(person.email) != person.email ||
        person.email.find_first_of(" <>\"") != std::string::npos) {
      fail_at(email, "person.email is not an e-mail address: " + person.email);
    }
    if (const toml::Value* roles = table.find("roles")) {
      person.roles = string_list(*roles, "person.roles");
    }
    if (const toml::Value* departments = table.find("departments")) {
      person.departments = string_list(*departments, "person.departments");
    }
    person.deputy = optional_string(table, "deputy", "person.");
    if (const toml::Value* salary = table.find("monthly_salary")) {
      std::string error;
      const auto money =
          parse_money(salary->as_string("person.monthly_salary"), &error);
      if (!money) fail_at(*salary, "person.monthly_salary: " + error);
      person.monthly_salary = *money;
    }
    if (const toml::Value* away = table.find("away")) {
      for (const toml::Value& entry : away->as_array("person.away")) {
        const toml::Table& period = entry.as_table("person.away");
        period.check_keys({"from", "until", "delegate"}, "person.away");
        Absence absence;
        absence.from = period.at("from", "person.away.from")
                           .as_string("person.away.from");
        absence.until = period.at("until", "person.away.until")
                            .as_string("person.away.until");
        absence.delegate = period.at("delegate", "person.away.delegate")
                               .as_string("person.away.delegate");
        person.away.push_back(absence);
      }
    }
    job->people.push_back(std::move(person));
  }
}

void read_chains(const toml::Table& root, JobConfig* job) {
  job->chains = default_chains();
  const toml::Value* value = root.find("chains");
  if (!value) return;
  const toml::Table& chains = value->as_table("chains");
  chains.check_keys({"gift", "furniture", "transport", "above"}, "chains");
  for (const std::string& line : chains.keys()) {
    if (line == "above") continue;
    const toml::Table& kinds = chains.find(line)->as_table("chains." + line);
    kinds.check_keys({"contract_approval", "sample_request", "order_sheet"},
                     "chains." + line);
    for (const std::string& kind : kinds.keys()) {
      const std::string path = "chains." + line + "." + kind;
      std::vector<ChainStep> steps;
      for (const toml::Value& item : kinds.find(kind)->as_array(path)) {
        steps.push_back(parse_chain_step(item, path));
      }
      job->chains[line][kind] = steps;
    }
  }

  if (const toml::Value* above = chains.find("above")) {
    for (const toml::Value& entry : above->as_array("chains.above")) {
      const toml::Table& rule = entry.as_table("chains.above");
      rule.check_keys({"kind", "amount", "role"}, "chains.above");
      AmountRule parsed;
      const toml::Value& kind = rule.at("kind", "chains.above.kind");
      if (!parse_document_kind(kind.as_string("chains.above.kind"),
                               &parsed.kind) ||
          (parsed.kind != DocumentKind::contract_approval &&
           parsed.kind != DocumentKind::order_sheet)) {
        fail_at(kind, "chains.above.kind must be contract_approval or "
                      "order_sheet");
      }
      const toml::Value& amount = rule.at("amount", "chains.above.amount");
      std::string error;
      const auto money =
          parse_money(amount.as_string("chains.above.amount"), &error);
      if (!money) fail_at(amount, "chains.above.amount: " + error);
      parsed.above = *money;
      parsed.role = rule.at("role", "chains.above.role")
                        .as_string("chains.above.role");
      job->amount_rules.push_back(parsed);
    }
  }
}

void read_approval(const toml::Table& root, const fs::path& base,
                   JobConfig* job) {
  const toml::Value* value = root.find("approval");
  if (!value) return;
  const toml::Table& table = value->as_table("approval");
  table.check_keys({"remind_after_hours", "escalate_after_hours",
                    "require_authentication", "link_base_url",
                    "link_secret_file", "link_secret_env", "link_valid_days",
                    "listen_address", "listen_port"},
                   "approval");
  ApprovalSettings& a = job->approval;
  auto hours = [&](const char* key, int* out) {
    if (const toml::Value* v = table.find(key)) {
      const auto n = v->as_integer(std::string("approval.") + key);
      if (n < 1 || n > 24 * 365) fail_at(*v, std::string(key) + " out of range");
      *out = static_cast<int>(n);
    }
  };
  hours("remind_after_hours", &a.remind_after_hours);
  hours("escalate_after_hours", &a.escalate_after_hours);
  hours("link_valid_days", &a.link_valid_days);
  if (const toml::Value* v = table.find("require_authentication")) {
    a.require_authentication = v->as_boolean("approval.require_authentication");
  }
  a.link_base_url = optional_string(table, "link_base_url", "approval.");
  while (!a.link_base_url.empty() && a.link_base_url.back() == '/') {
    a.link_base_url.pop_back();
  }
  if (!a.link_base_url.empty() &&
      a.link_base_url.rfind("http://", 0) != 0 &&
      a.link_base_url.rfind("https://", 0) != 0) {
    fail_at(*table.find("link_base_url"),
            "approval.link_base_url must start with http:// or https://");
  }
  a.link_secret = read_secret(*job, table, base, "link_secret_file",
                              "link_secret_env", "approval.");
  if (job->secrets_read && !a.link_base_url.empty() &&
      a.link_secret.size() < 16) {
    throw JobError(job->file + ": approval links need a secret of at least "
                   "16 characters (approval.link_secret_file or "
                   "link_secret_env)");
  }
  a.listen_address =
      optional_string(table, "listen_address", "approval.", "127.0.0.1");
  if (const toml::Value* v = table.find("listen_port")) {
    const auto port = v->as_integer("approval.listen_port");
    if (port < 0 || port > 65535) fail_at(*v, "listen_port out of range");
    a.listen_port = static_cast<int>(port);
  }
}

void read_reply_mailbox(const toml::Table& root, const fs::path& base,
                        JobConfig* job) {
  const toml::Value* value = root.find("reply_mailbox");
  if (!value) return;
  const toml::Table& table = value->as_table("reply_mailbox");
  table.check_keys({"host", "port", "tls", "ca_file", "username",
                    "password_file", "password_env", "address"},
                   "reply_mailbox");
  ReplyMailboxSettings& box = job->reply_mailbox;
  box.host = table.at("host", "reply_mailbox.host")
                 .as_string("reply_mailbox.host");
  if (const toml::Value* port = table.find("port")) {
    const auto number = port->as_integer("reply_mailbox.port");
    if (number < 1 || number > 65535) fail_at(*port, "port out of range");
    box.port = static_cast<int>(number);
  }
  if (const toml::Value* tls = table.find("tls")) {
    box.tls = tls->as_boolean("reply_mailbox.tls");
  }
  if (const toml::Value* ca = table.find("ca_file")) {
    box.ca_file = resolve(base, ca->as_string("reply_mailbox.ca_file"));
  }
  box.username = table.at("username", "reply_mailbox.username")
                     .as_string("reply_mailbox.username");
  box.password = read_secret(*job, table, base, "password_file",
                             "password_env", "reply_mailbox.");
  box.address = optional_string(table, "address", "reply_mailbox.");
}

// [printers.<name>] offset_x_mm / offset_y_mm, and [preprinted] kind =
// printer name.
void read_preprinted(const toml::Table& root, JobConfig* job) {
  if (const toml::Value* value = root.find("printers")) {
    const toml::Table& printers = value->as_table("printers");
    for (const std::string& name : printers.keys()) {
      const std::string path = "printers." + name;
      const toml::Value& entry = *printers.find(name);
      if (!is_safe_identifier(name)) {
        fail_at(entry, "printer name \"" + name + "\" must be letters, "
                       "digits, - _ or . (it names calibration files)");
      }
      const toml::Table& table = entry.as_table(path);
      table.check_keys({"offset_x_mm", "offset_y_mm"}, path);
      PrinterSettings printer;
      printer.name = name;
      auto offset = [&](const char* key, double* out) {
        const toml::Value* v = table.find(key);
        if (v == nullptr) return;
        *out = v->as_number(path + "." + key);
        // A printer that misses by more than 2 cm needs its paper guide
        // set, not an offset.
        if (!(*out >= -20 && *out <= 20)) {
          fail_at(*v, path + "." + key + " must be between -20 and 20 mm");
        }
      };
      offset("offset_x_mm", &printer.offset_x_mm);
      offset("offset_y_mm", &printer.offset_y_mm);
      job->printers[name] = printer;
    }
  }

  const toml::Value* value = root.find("preprinted");
  if (value == nullptr) return;
  const toml::Table& table = value->as_table("preprinted");
  for (const std::string& key : table.keys()) {
    const toml::Value& entry = *table.find(key);
    DocumentKind kind = DocumentKind::contract;
    if (!parse_document_kind(key, &kind)) {
      fail_at(entry, "preprinted." + key + ": not a kind of document "
                     "(contract, contract_approval, order_sheet, "
                     "shipment_note)");
    }
    const std::string& printer = entry.as_string("preprinted." + key);
    if (job->printers.count(printer) == 0) {
      fail_at(entry, "preprinted." + key + " names printer \"" + printer +
                         "\", but there is no [printers." + printer + "]");
    }
    job->preprinted[kind] = printer;
  }
}

void check_chains_have_approvers(const JobConfig& job) {
  auto check_role = [&](const std::string& role, const std::string& where) {
    for (const Person& person : job.people) {
      for (const std::string& r : person.roles) {
        if (r == role) return;
      }
    }
    throw JobError(job.file + ": " + where + " needs a " + role +
                   ", but nobody in the people file has that role");
  };
  for (const auto& [line, kinds] : job.chains) {
    for (const auto& [kind, steps] : kinds) {
      for (const ChainStep& step : steps) {
        for (const std::string& role : step.roles) {
          check_role(role, "the " + line + " " + kind + " chain");
        }
      }
    }
  }
  for (const AmountRule& rule : job.amount_rules) {
    check_role(rule.role, "a [[chains.above]] rule");
  }
  // Names the people file refers to must be people in it.
  for (const Person& person : job.people) {
    if (!person.deputy.empty() && !job.person_named(person.deputy)) {
      throw JobError(job.file + ": the deputy of " + person.name + ", " +
                     person.deputy + ", is not in the people file");
    }
    for (const Absence& absence : person.away) {
      if (!job.person_named(absence.delegate)) {
        throw JobError(job.file + ": " + person.name + "'s delegate " +
                       absence.delegate + " is not in the people file");
      }
    }
  }
}

}  // namespace

const char* chain_mode_name(ChainStep::Mode mode) {
  switch (mode) {
    case ChainStep::Mode::one: return "one";
    case ChainStep::Mode::all: return "all";
    case ChainStep::Mode::any: return "any";
  }
  return "one";
}

std::vector<ChainStep> JobConfig::chain(BusinessLine line,
                                        DocumentKind kind) const {
  const auto by_line = chains.find(business_line_name(line));
  if (by_line == chains.end()) return {};
  const auto roles = by_line->second.find(document_kind_name(kind));
  if (roles == by_line->second.end()) return {};
  return roles->second;
}

std::string JobConfig::role_title(const std::string& role) const {
  const auto found = role_titles.find(role);
  return found == role_titles.end() ? role : found->second;
}

const Person* JobConfig::approver(const std::string& role,
                                  const std::string& department) const {
  const Person* fallback = nullptr;
  for (const Person& person : people) {
    bool holds = false;
    for (const std::string& r : person.roles) holds |= r == role;
    if (!holds) continue;
    for (const std::string& d : person.departments) {
      if (d == department) return &person;
    }
    if (person.departments.empty() && !fallback) fallback = &person;
  }
  return fallback;
}

const PrinterSettings* JobConfig::preprinted_printer(DocumentKind kind) const {
  const auto named = preprinted.find(kind);
  if (named == preprinted.end()) return nullptr;
  const auto printer = printers.find(named->second);
  return printer == printers.end() ? nullptr : &printer->second;
}

const Person* JobConfig::person_named(const std::string& name) const {
  for (const Person& person : people) {
    if (person.name == name) return &person;
  }
  return nullptr;
}

unsigned JobConfig::worker_threads() const {
  return workers > 0 ? static_cast<unsigned>(workers) : default_workers();
}

const Person* JobConfig::person_with_email(const std::string& email) const {
  std::string wanted = email;
  for (char& c : wanted) c = static_cast<char>(std::tolower(c));
  for (const Person& person : people) {
    std::string have = person.email;
    for (char& c : have) c = static_cast<char>(std::tolower(c));
    if (have == wanted) return &person;
  }
  return nullptr;
}

const Person* JobConfig::acting_for(const Person& person,
                                    const std::string& date) const {
  for (const Absence& absence : person.away) {
    if (absence.from <= date && date <= absence.until) {
      if (const Person* delegate = person_named(absence.delegate)) {
        return delegate;
      }
    }
  }
  return &person;
}

JobConfig load_job(const std::string& path, JobSecrets secrets) {
  JobConfig job;
  job.file = path;
  job.secrets_read = secrets == JobSecrets::read;
  toml::Table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::Error& error) {
    throw JobError(error.what());
  }
  const fs::path base = fs::absolute(path).parent_path();

  try {
    root.check_keys({"name", "time_zone", "inbox", "data", "output",
                     "templates", "people", "workers", "company", "fonts",
                     "mail", "roles", "chains", "approval", "reply_mailbox",
                     "printers", "preprinted"},
                    "");
    job.name = optional_string(root, "name", "",
                               fs::path(path).stem().string());
    job.time_zone = optional_string(root, "time_zone", "", "Asia/Shanghai");
    if (!fs::exists("/usr/share/zoneinfo/" + job.time_zone) ||
        job.time_zone.find("..") != std::string::npos) {
      const std::string what =
          "unknown time zone " + job.time_zone +
          " (no such zone in /usr/share/zoneinfo; e.g. Asia/Shanghai)";
      if (const toml::Value* zone = root.find("time_zone")) {
        fail_at(*zone, what);
      }
      throw JobError(path + ": " + what);
    }
    job.inbox_folder = folder(root, "inbox", base, true);
    job.data_folder = folder(root, "data", base, false);
    job.output_folder = folder(root, "output", base, false);
    job.templates_folder = folder(root, "templates", base, true);
    if (const toml::Value* workers = root.find("workers")) {
      const auto count = workers->as_integer("workers");
      if (count < 0 || count > 64) fail_at(*workers, "workers out of range");
      job.workers = static_cast<int>(count);
    }
    read_company(root, &job);
    read_fonts(root, base, &job);
    read_mail(root, base, &job);

    job.role_titles = default_role_titles();
    if (const toml::Value* roles = root.find("roles")) {
      const toml::Table& table = roles->as_table("roles");
      for (const std::string& role : table.keys()) {
        job.role_titles[role] = table.find(role)->as_string("roles." + role);
      }
    }
    read_chains(root, &job);
    read_approval(root, base, &job);
    read_reply_mailbox(root, base, &job);
    read_preprinted(root, &job);

    const toml::Value& people = root.at("people", "people");
    const std::string people_path = resolve(base, people.as_string("people"));
    if (!fs::is_regular_file(people_path)) {
      fail_at(people, "people file " + people_path + " does not exist");
    }
    read_people(people_path, &job);
  } catch (const toml::Error& error) {
    throw JobError(error.what());
  }
  check_chains_have_approvers(job);
  return job;
}

}  // namespace danju
