// Sends composed messages over one SMTP session, reused for many messages.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace danju {

struct SmtpSettings {
  std::string host;  // empty: no server; mail goes to .eml files instead
  int port = 25;
  bool starttls = false;
  std::string ca_file;  // with starttls: the CA to trust; empty: the system's
  std::string username;  // empty: no login
  std::string password;  // never logged
  std::string helo_name = "localhost";
  int timeout_seconds = 30;
};

// A failed send. temporary() is true when a later retry may succeed
// (connection refused, 4xx reply); false for a permanent 5xx refusal.
class SmtpError : public std::runtime_error {
 public:
  SmtpError(const std::string& what, bool temporary,
            bool about_message = false)
      : std::runtime_error(what),
        temporary_(temporary),
        about_message_(about_message) {}
  bool temporary() const { return temporary_; }
  // True when the server refused this message (its sender, a recipient or
  // its content); false when the session itself failed (connection, TLS,
  // login), which says nothing about the message.
  bool about_message() const { return about_message_; }

 private:
  bool temporary_;
  bool about_message_;
};

class SmtpSender {
 public:
  explicit SmtpSender(const SmtpSettings& settings);
  ~SmtpSender();  // ends the session politely (QUIT) if open

  // Sends one message (as made by compose_mime) to the given envelope
  // recipients. Opens the session (and STARTTLS, login) on first use and
  // keeps it for the next message; after a failure the next call reconnects.
  // Throws SmtpError.
  void send(const std::string& envelope_from,
            const std::vector<std::string>& envelope_to,
            const std::string& mime);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace danju
