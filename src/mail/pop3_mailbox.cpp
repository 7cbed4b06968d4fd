#include "mail/pop3_mailbox.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <cctype>
#include <fstream>
#include <map>
#include <mutex>

#include "core/text.h"

// The protocol is spoken here over a plain Poco socket rather than through
// Poco::Net::POP3ClientSession: that class (Poco 1.11) reads a message
// through a stream that takes the byte 0xFF for the end of the message, and
// that ends a message cut off by a timeout or a dropped connection without
// any error, both silently. It also keeps its socket to itself, so STLS
// could not be added to it.

namespace danju {

namespace {

// OpenSSL is initialised once per process. Poco counts the calls to
// initializeSSL, so the SMTP side doing the same is harmless.
void prepare_tls() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

bool is_positive(const std::string& reply) {
  return reply.compare(0, 3, "+OK") == 0;
}

// The response codes of RFC 3206 that mean "try again later": the mailbox
// is locked by another session, or the server has a passing problem.
bool is_temporary_refusal(const std::string& reply) {
  return reply.find("[IN-USE]") != std::string::npos ||
         reply.find("[SYS/TEMP]") != std::string::npos;
}

// A decimal number of at most nine digits, or -1 when text is not one.
long parse_count(const std::string& text) {
  if (text.empty() || text.size() > 9) return -1;
  long value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The first two space-separated words of a listing line ("3 1024").
bool split_pair(const std::string& line, std::string& first,
                std::string& second) {
  const std::size_t space = line.find(' ');
  if (space == std::string::npos) return false;
  first = line.substr(0, space);
  const std::size_t start = line.find_first_not_of(' ', space);
  if (start == std::string::npos) return false;
  const std::size_t end = line.find(' ', start);
  second = line.substr(start, end == std::string::npos ? end : end - start);
  return true;
}

}  // namespace

struct Pop3Mailbox::Impl {
  Pop3Settings settings;
  Poco::Net::StreamSocket socket;
  bool open = false;
  std::string pending;  // received bytes not yet taken as lines
  std::string step;     // what is being done, for error messages

  std::string server() const {
    return settings.host + ":" + std::to_string(settings.port);
  }

  MailboxError error(const std::string& reason, bool temporary) const {
    return MailboxError("POP3 server " + server() + ", user " +
                            one_line(settings.username) + ": " + step +
                            " failed: " + one_line(reason),
                        temporary);
  }

  void close() {
    open = false;
    pending.clear();
    try {
      socket.close();
    } catch (const Poco::Exception&) {
      // Already gone; nothing is left to release.
    }
  }

  void send_line(const std::string& line) {
    const std::string bytes = line + "\r\n";
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const int n = socket.sendBytes(bytes.data() + sent,
                                     static_cast<int>(bytes.size() - sent));
      if (n <= 0) throw error("the connection was closed", true);
      sent += static_cast<std::size_t>(n);
    }
  }

  // One line without its CRLF (or bare LF). False when the connection
  // ended before a whole line came.
  bool read_line(std::string& line) {
    std::size_t searched = 0;
    std::size_t end;
    while ((end = pending.find('\n', searched)) == std::string::npos) {
      searched = pending.size();
      char buffer[8192];
      const int n = socket.receiveBytes(buffer, sizeof buffer);
      // A plain socket throws on a timeout; over TLS Poco returns a
      // negative count when the read timed out instead.
      if (n < 0) throw Poco::TimeoutException("TLS read");
      if (n == 0) return false;
      pending.append(buffer, static_cast<std::size_t>(n));
    }

    line.assign(pending, 0, end);
    pending.erase(0, end + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

  std::string read_status() {
    std::string reply;
    if (!read_line(reply)) {
      throw error("the server closed the connection", true);
    }
    return reply;
  }

  // Sends a command and returns the server's one-line answer, whatever it
  // is. Commands never appear in error messages: one of them is PASS.
  std::string command(const std::string& line) {
    send_line(line);
    return read_status();
  }

  std::string expect_ok(const std::string& line) {
    const std::string reply = command(line);
    if (!is_positive(reply)) {
      throw error("the server answered \"" + reply + "\"",
                  is_temporary_refusal(reply));
    }
    return reply;
  }

  // The lines of a multi-line answer after its status line, up to the
  // lone ".", with dot-stuffing undone.
  std::vector<std::string> read_listing() {
    std::vector<std::string> lines;
    std::string line;
    while (true) {
      if (!read_line(line)) {
        throw error("the connection ended in the middle of a listing", true);
      }
      if (line == ".") return lines;
      if (!line.empty() && line[0] == '.') line.erase(0, 1);
      lines.push_back(line);
    }
  }

  void connect() {
    step = "connecting";
    const Poco::Timespan timeout(settings.timeout_seconds, 0);
    socket.connect(Poco::Net::SocketAddress(settings.host, settings.port),
                   timeout);
    socket.setReceiveTimeout(timeout);
    socket.setSendTimeout(timeout);
    open = true;

    step = "greeting";
    const std::string greeting = read_status();
    if (!is_positive(greeting)) {
      throw error("the server is not available: " + greeting, true);
    }
  }

  void start_tls() {
    step = "STLS";
    const std::string reply = command("STLS");
    if (!is_positive(reply)) {
      throw error("the server does not offer STLS (\"" + reply + "\")",
                  is_temporary_refusal(reply));
    }
    // Anything already received was sent in the clear after the server
    // agreed to TLS; taking it as part of the TLS session would let a
    // man in the middle put words in the server's mouth.
    if (!pending.empty()) {
      throw error("the server sent data before the TLS handshake", false);
    }

    step = "loading the CA file " + settings.ca_file;
    if (!settings.ca_file.empty() && !std::ifstream(settings.ca_file)) {
      throw error("the file cannot be read", false);
    }
    Poco::Net::Context::Params params;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    params.caLocation = settings.ca_file;
    params.loadDefaultCAs = settings.ca_file.empty();
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, params);

    // Limitation: Poco checks the certificate's name against the host only
    // when the host is not a local address; for 127.0.0.1 and localhost
    // the chain to the CA is all that is verified.
    step = "TLS handshake";
    socket = Poco::Net::SecureStreamSocket::attach(socket, settings.host,
                                                   context);
  }

  void login() {
    step = "login";
    expect_ok("USER " + settings.username);

    const std::string reply = command("PASS " + settings.password);
    if (!is_positive(reply)) {
      throw error("the server answered \"" + reply + "\"",
                  is_temporary_refusal(reply));
    }
  }

  // Runs one public operation: turns Poco's exceptions into MailboxError,
  // and closes the session after any failure so that no later call reads
  // a half-consumed answer.
  template <typename Operation>
  void run(Operation&& operation) {
    try {
      operation();
    } catch (const MailboxError&) {
      close();
      throw;
    } catch (const Poco::Net::SSLException& e) {
      close();
      throw error(e.displayText(), false);
    } catch (const Poco::TimeoutException&) {
      close();
      throw error("no answer within " +
                      std::to_string(settings.timeout_seconds) + " s",
                  true);
    } catch (const Poco::IOException& e) {
      close();
      throw error(e.displayText(), true);
    } catch (const Poco::Exception& e) {
      close();
      throw error(e.displayText(), false);
    }
  }

  void require_open(const std::string& what) {
    if (open) return;
    step = what;
    throw error("the session has already ended", false);
  }
};

Pop3Mailbox::Pop3Mailbox(const Pop3Settings& settings)
    : impl_(std::make_unique<Impl>()) {
  impl_->settings = settings;
  if (settings.host.empty()) {
    throw MailboxError("no POP3 server is configured", false);
  }
  if (settings.tls) prepare_tls();

  impl_->run([this] {
    impl_->connect();
    if (impl_->settings.tls) impl_->start_tls();
    impl_->login();
  });
}

Pop3Mailbox::~Pop3Mailbox() {
  if (impl_->open) impl_->close();
}

std::vector<Pop3Mailbox::Entry> Pop3Mailbox::list() {
  impl_->require_open("listing messages");
  std::vector<Entry> entries;
  impl_->run([this, &entries] {
    impl_->step = "listing messages (LIST)";
    impl_->expect_ok("LIST");
    std::string first, second;
    for (const std::string& line : impl_->read_listing()) {
      Entry entry;
      if (split_pair(line, first, second)) {
        entry.number = static_cast<int>(parse_count(first));
        entry.size = parse_count(second);
      }
      if (entry.number <= 0 || entry.size < 0) {
        throw impl_->error("unreadable line \"" + line + "\"", false);
      }
      entries.push_back(entry);
    }

    impl_->step = "listing unique ids (UIDL)";
    const std::string reply = impl_->command("UIDL");
    if (!is_positive(reply)) {
      throw impl_->error(
          "the server does not give unique ids, so messages cannot be "
          "told apart from one run to the next (\"" + reply + "\")",
          is_temporary_refusal(reply));
    }
    std::map<long, std::string> uids;
    for (const std::string& line : impl_->read_listing()) {
      const long number =
          split_pair(line, first, second) ? parse_count(first) : -1;
      if (number <= 0) {
        throw impl_->error("unreadable line \"" + line + "\"", false);
      }
      uids[number] = second;
    }

    for (Entry& entry : entries) {
      const auto found = uids.find(entry.number);
      if (found == uids.end()) {
        throw impl_->error("message " + std::to_string(entry.number) +
                               " has no unique id",
                           false);
      }
      entry.uid = found->second;
    }
  });
  return entries;
}

std::string Pop3Mailbox::fetch(int number) {
  const std::string what = "fetching message " + std::to_string(number);
  impl_->require_open(what);
  std::string message;
  impl_->run([this, &message, &what, number] {
    impl_->step = what;
    impl_->expect_ok("RETR " + std::to_string(number));

    std::string line;
    while (true) {
      if (!impl_->read_line(line)) {
        throw impl_->error("the connection ended in the middle of the "
                           "message",
                           true);
      }
      if (line == ".") break;
      if (!line.empty() && line[0] == '.') line.erase(0, 1);
      message += line;
      message += "\r\n";
    }
  });
  return message;
}

void Pop3Mailbox::remove(int number) {
  const std::string what = "deleting message " + std::to_string(number);
  impl_->require_open(what);
  impl_->run([this, &what, number] {
    impl_->step = what;
    impl_->expect_ok("DELE " + std::to_string(number));
  });
}

void Pop3Mailbox::quit() {
  impl_->require_open("ending the session (QUIT)");
  impl_->run([this] {
    impl_->step = "ending the session (QUIT)";
    impl_->expect_ok("QUIT");
    impl_->close();
  });
}

}  // namespace danju
