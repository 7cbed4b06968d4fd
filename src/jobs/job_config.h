// A job: one TOML file (in jobs/) that says where a night's orders come from,
// where its database and documents go, which templates and fonts to use, who
// approves what, and how mail leaves. Relative paths are relative to the job
// file's folder.
#pragma once

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

// 审批人 and everyone else Danju mails.
struct Person {
  std::string name;
  std::string email;
  std::vector<std::string> roles;        // dept_head, legal, finance, ...
  std::vector<std::string> departments;  // empty: serves every department
};

struct MailSettings {
  std::string from_address;
  std::string from_name;
  std::string host;  // empty: messages are written as .eml files to outbox
  int port = 25;
  bool starttls = false;
  std::string username;
  std::string password;  // read from password_file or password_env
  std::string outbox_folder;
  std::string domain;  // right side of Message-IDs: the from address domain
};

struct JobConfig {
  std::string file;  // the job file, as given
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
  // business line name -> document kind name -> roles in chain order.
  std::map<std::string, std::map<std::string, std::vector<std::string>>>
      chains;
  int workers = 0;  // rendering threads; 0: one per core

  // The roles approving a kind of document for a line; empty: no approval.
  std::vector<std::string> chain(BusinessLine line, DocumentKind kind) const;
  // The title of a role, or the role itself when none is configured.
  std::string role_title(const std::string& role) const;
  // The person who holds the role for the department, preferring one named
  // for that department; nullptr when nobody does.
  const Person* approver(const std::string& role,
                         const std::string& department) const;
  const Person* person_named(const std::string& name) const;
};

// Reads and checks a job file and the people file it names. Throws JobError
// naming the file and line of the first problem (unknown key, missing
// folder, a chain naming a role nobody holds, bad address).
JobConfig load_job(const std::string& path);

}  // namespace danju
