#include "jobs/job_config.h"

#include <cstdlib>
#include <filesystem>

#include "core/file_io.h"
#include "core/text.h"
#include "jobs/toml.h"

namespace danju {

namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::string>& default_role_titles() {
  static const std::map<std::string, std::string> titles = {
      {"dept_head", "部门负责人"},    {"legal", "法务"},
      {"company_head", "公司负责人"}, {"finance", "财务"},
      {"general_manager", "总经理"},  {"marketing_director", "市场总监"},
      {"sales", "业务员"},
  };
  return titles;
}

// The chains of the business processes, used where a job names none.
std::map<std::string, std::map<std::string, std::vector<std::string>>>
default_chains() {
  return {
      {"gift",
       {{"contract_approval", {"dept_head", "legal", "company_head"}},
        {"order_sheet", {"dept_head", "finance", "company_head"}}}},
      {"furniture",
       {{"contract_approval", {"marketing_director", "general_manager"}},
        {"order_sheet", {"dept_head", "finance", "general_manager"}}}},
      {"transport",
       {{"contract_approval", {"dept_head", "legal", "company_head"}},
        {"order_sheet", {"dept_head", "finance", "company_head"}}}},
  };
}

[[noreturn]] void fail_at(const toml::Value& value, const std::string& what) {
  throw JobError(value.file() + ":" + std::to_string(value.line()) + ": " +
                 what);
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

std::string read_password(const toml::Table& mail, const fs::path& base) {
  if (const toml::Value* file = mail.find("password_file")) {
    const std::string path = resolve(base, file->as_string("mail."
                                                           "password_file"));
    try {
      return trim(read_file(path));
    } catch (const FileError& error) {
      fail_at(*file, error.what());
    }
  }
  if (const toml::Value* env = mail.find("password_env")) {
    const std::string name = env->as_string("mail.password_env");
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
  mail.check_keys({"from", "from_name", "host", "port", "starttls", "username",
                   "password_file", "password_env", "outbox"},
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
  if (const toml::Value* tls = mail.find("starttls")) {
    settings.starttls = tls->as_boolean("mail.starttls");
  }
  settings.username = optional_string(mail, "username", "mail.");
  settings.password = read_password(mail, base);
  settings.outbox_folder =
      resolve(base, optional_string(mail, "outbox", "mail.", "outbox"));
}

void read_people(const std::string& path, JobConfig* job) {
  const toml::Table root = toml::parse_file(path);
  root.check_keys({"person"}, "");
  const toml::Value& list = root.at("person", "person");
  for (const toml::Value& entry : list.as_array("person")) {
    const toml::Table& table = entry.as_table("person");
    table.check_keys({"name", "email", "roles", "departments"}, "person");
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
    job->people.push_back(std::move(person));
  }
}

void read_chains(const toml::Table& root, JobConfig* job) {
  job->chains = default_chains();
  const toml::Value* value = root.find("chains");
  if (!value) return;
  const toml::Table& chains = value->as_table("chains");
  chains.check_keys({"gift", "furniture", "transport"}, "chains");
  for (const std::string& line : chains.keys()) {
    const toml::Table& kinds = chains.find(line)->as_table("chains." + line);
    kinds.check_keys({"contract_approval", "order_sheet"}, "chains." + line);
    for (const std::string& kind : kinds.keys()) {
      job->chains[line][kind] =
          string_list(*kinds.find(kind), "chains." + line + "." + kind);
    }
  }
}

void check_chains_have_approvers(const JobConfig& job) {
  for (const auto& [line, kinds] : job.chains) {
    for (const auto& [kind, roles] : kinds) {
      for (const std::string& role : roles) {
        if (!job.approver(role, "")) {
          bool anyone = false;
          for (const Person& person : job.people) {
            for (const std::string& r : person.roles) anyone |= r == role;
          }
          if (!anyone) {
            throw JobError(job.file + ": the " + line + " " + kind +
                           " chain needs a " + role +
                           ", but nobody in the people file has that role");
          }
        }
      }
    }
  }
}

}  // namespace

std::vector<std::string> JobConfig::chain(BusinessLine line,
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

const Person* JobConfig::person_named(const std::string& name) const {
  for (const Person& person : people) {
    if (person.name == name) return &person;
  }
  return nullptr;
}

JobConfig load_job(const std::string& path) {
  JobConfig job;
  job.file = path;
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
                     "mail", "roles", "chains"},
                    "");
    job.name = optional_string(root, "name", "",
                               fs::path(path).stem().string());
    job.time_zone = optional_string(root, "time_zone", "", "Asia/Shanghai");
    if (!fs::exists("/usr/share/zoneinfo/" + job.time_zone) ||
        job.time_zone.find("..") != std::string::npos) {
      const std::string what =
          "unknown time zone " + job.time_zone + " (install tzdata)";
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
