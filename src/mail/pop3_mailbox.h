// A POP3 mailbox (RFC 1939) that replies to approval requests arrive in.
// Messages are listed with their unique ids (UIDL) so that each is processed
// once, whatever happens; Danju never deletes them unless asked.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace danju {

struct Pop3Settings {
  std::string host;
  int port = 110;
  bool tls = false;  // STLS after connecting (RFC 2595)
  std::string ca_file;  // with tls: the CA to trust; empty: the system's
  std::string username;
  std::string password;  // never logged
  int timeout_seconds = 30;
};

// what() names the server and the step; temporary() as for SmtpError.
class MailboxError : public std::runtime_error {
 public:
  MailboxError(const std::string& what, bool temporary)
      : std::runtime_error(what), temporary_(temporary) {}
  bool temporary() const { return temporary_; }

 private:
  bool temporary_;
};

class Pop3Mailbox {
 public:
  struct Entry {
    int number = 0;   // the message's number in this session
    std::string uid;  // its UIDL, stable across sessions
    long size = 0;    // octets
  };

  // Connects, upgrades with STLS when tls, and logs in (USER/PASS). Throws
  // MailboxError.
  explicit Pop3Mailbox(const Pop3Settings& settings);
  ~Pop3Mailbox();  // QUIT when still connected

  std::vector<Entry> list();
  // The whole message as stored (RETR), with dot-stuffing undone and CRLF
  // line ends.
  std::string fetch(int number);
  void remove(int number);  // DELE; takes effect at QUIT
  void quit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace danju
