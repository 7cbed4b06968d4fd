// A POP3 mailbox (RFC 1939) that replies to approval requests arrive in.
// Messages are listed with their unique ids (UIDL) so that each is processed
// once, whatever happens; Danju never deletes them unless asked.
//
//   Pop3Mailbox mailbox(settings);           // connects and logs in
//   for (const auto& entry : mailbox.list()) {
//     std::string raw = mailbox.fetch(entry.number);
//     ... record entry.uid and the reply ...
//     mailbox.remove(entry.number);          // only marks it
//   }
//   mailbox.quit();                          // the marked ones go now
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
  int timeout_seconds = 30;  // for connecting and for each read
};

// what() names the server, the user and the step, never the password.
// temporary() is true when a later run may succeed (no connection, a
// timeout, a dropped connection, a server answering [IN-USE] or
// [SYS/TEMP]); false for a refused login, a certificate that is not
// trusted, a server without UIDL, or a command the server refuses.
class MailboxError : public std::runtime_error {
 public:
  MailboxError(const std::string& what, bool temporary)
      : std::runtime_error(what), temporary_(temporary) {}
  bool temporary() const { return temporary_; }

 private:
  bool temporary_;
};

// One POP3 session. Not thread-safe. After any MailboxError the session is
// closed and every further call throws; make a new Pop3Mailbox to retry.
class Pop3Mailbox {
 public:
  struct Entry {
    int number = 0;   // the message's number in this session
    std::string uid;  // its UIDL, stable across sessions
    long size = 0;    // octets, as the server counts them
  };

  // Connects, upgrades with STLS when tls (the server's certificate must
  // chain to ca_file, or to the system's CAs), and logs in (USER/PASS).
  // Throws MailboxError.
  explicit Pop3Mailbox(const Pop3Settings& settings);

  // Drops the connection without QUIT when quit() was not called, so the
  // server forgets every remove() of this session (RFC 1939, 6).
  ~Pop3Mailbox();

  Pop3Mailbox(const Pop3Mailbox&) = delete;
  Pop3Mailbox& operator=(const Pop3Mailbox&) = delete;

  // Every message in the mailbox, in the server's numbering (LIST and
  // UIDL). Throws MailboxError.
  std::vector<Entry> list();

  // The whole message as stored (RETR), byte for byte, with dot-stuffing
  // undone and CRLF line ends (a bare LF from the server becomes CRLF; a
  // last line without a line end, which POP3 cannot carry, gets one).
  // Throws MailboxError, also when the connection ends mid-message: a
  // returned message is never cut short.
  // Limitation: the message is held in memory whole; a mailbox with very
  // large messages needs as much memory as its largest one.
  std::string fetch(int number);

  // DELE: marks the message; it is deleted at quit(), not before.
  void remove(int number);

  // QUIT: the server deletes the marked messages and ends the session.
  // Throws MailboxError when the server reports that it could not.
  void quit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace danju
