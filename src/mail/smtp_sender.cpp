#include "mail/smtp_sender.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <cctype>
#include <mutex>

#include "core/text.h"
#include "mail/mail_message.h"
#include "mail/smtp_data.h"

namespace danju {

namespace {

using Poco::Net::SMTPClientSession;
using Poco::Net::SecureSMTPClientSession;

// OpenSSL and Poco's certificate handling are set up once per process: no
// client certificate, the system's CA list, a peer that fails
// verification is refused.
// Limitation: this sets Poco's process-wide default client context, and the
// STARTTLS path has not yet been run against a TLS server; a company server
// with a private CA cannot be trusted until a CA file setting exists.
void prepare_tls() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    Poco::Net::Context::Params params;
    params.loadDefaultCAs = true;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    Poco::Net::SSLManager::instance().initializeClient(
        nullptr, new Poco::Net::RejectCertificateHandler(false), context);
  });
}

// The mechanism to log in with, from the server's EHLO reply: PLAIN when
// offered, else LOGIN. Servers that list neither get PLAIN and a clear
// refusal from the server.
SMTPClientSession::LoginMethod login_method(const std::string& ehlo) {
  for (std::string upper : split(ehlo, '\n')) {
    for (char& c : upper) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (upper.find("AUTH") == std::string::npos) continue;
    if (upper.find("PLAIN") != std::string::npos) {
      return SMTPClientSession::AUTH_PLAIN;
    }
    if (upper.find("LOGIN") != std::string::npos) {
      return SMTPClientSession::AUTH_LOGIN;
    }
  }
  return SMTPClientSession::AUTH_PLAIN;
}

}  // namespace

struct SmtpSender::Impl {
  SmtpSettings settings;
  std::unique_ptr<SMTPClientSession> session;

  std::string server() const {
    return settings.host + ":" + std::to_string(settings.port);
  }

  bool transferring = false;  // the session is up; a message is going

  SmtpError error(const std::string& step, const std::string& reason,
                  bool temporary) const {
    return SmtpError("mail server " + server() + ": " + step + " failed: " +
                         one_line(reason),
                     temporary, transferring);
  }

  void open(std::string& step) {
    step = "connecting";
    const Poco::Timespan timeout(settings.timeout_seconds, 0);
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(settings.host, settings.port),
                   timeout);
    // Each command waits for its reply, so nothing is gained by holding
    // back a short last segment (Nagle's algorithm) and a round trip can be
    // lost to it.
    socket.setNoDelay(true);

    if (settings.starttls) {
      session = std::make_unique<SecureSMTPClientSession>(socket);
    } else {
      session = std::make_unique<SMTPClientSession>(socket);
    }
    session->setTimeout(timeout);

    step = "greeting";
    session->login(settings.helo_name);

    if (settings.starttls) {
      step = "STARTTLS";
      auto& secure = static_cast<SecureSMTPClientSession&>(*session);
      // Limitation: the certificate is checked against the system's CA
      // list but the session was made from a connected socket, so Poco
      // has no host name to match it against; only the chain is verified.
      Poco::Net::Context::Params params;
      params.loadDefaultCAs = settings.ca_file.empty();
      params.caLocation = settings.ca_file;
      params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
      Poco::Net::Context::Ptr context = new Poco::Net::Context(
          Poco::Net::Context::TLS_CLIENT_USE, params);
      if (!secure.startTLS(context)) {
        throw error(step, "the server does not offer STARTTLS", false);
      }
    }

    if (!settings.username.empty()) {
      step = "login as " + settings.username;
      std::string capabilities;
      session->sendCommand("EHLO", settings.helo_name, capabilities);
      session->login(settings.helo_name, login_method(capabilities),
                     settings.username, settings.password);
    }
  }

  void transfer(const std::string& envelope_from,
                const std::vector<std::string>& envelope_to,
                const std::string& mime, std::string& step) {
    step = "sending from " + envelope_from;
    session->sendAddresses(envelope_from, envelope_to);
    session->sendData();

    // The block ends in ".\r\n"; sendCommand adds the final CRLF itself.
    std::string block = smtp_data_block(mime);
    block.resize(block.size() - 2);
    std::string response;
    const int status = session->sendCommand(block, response);
    if (status / 100 != 2) {
      throw error(step, "message refused: " + response, status / 100 != 5);
    }
  }
};

SmtpSender::SmtpSender(const SmtpSettings& settings)
    : impl_(std::make_unique<Impl>()) {
  impl_->settings = settings;
  if (settings.starttls) prepare_tls();
}

SmtpSender::~SmtpSender() {
  if (!impl_->session) return;
  try {
    impl_->session->close();
  } catch (const Poco::Exception&) {
    // The server went away first; nothing is left to end.
  }
}

void SmtpSender::send(const std::string& envelope_from,
                      const std::vector<std::string>& envelope_to,
                      const std::string& mime) {
  if (impl_->settings.host.empty()) {
    throw SmtpError("no mail server is configured", false);
  }
  if (!is_valid_address(envelope_from)) {
    throw SmtpError("invalid sender address \"" + one_line(envelope_from) +
                        "\"",
                    false, true);
  }
  if (envelope_to.empty()) {
    throw SmtpError("a message has no recipient", false, true);
  }
  for (const std::string& address : envelope_to) {
    if (!is_valid_address(address)) {
      throw SmtpError("invalid recipient address \"" + one_line(address) +
                          "\"",
                      false, true);
    }
  }

  std::string step;
  try {
    impl_->transferring = false;
    if (!impl_->session) impl_->open(step);
    impl_->transferring = true;
    impl_->transfer(envelope_from, envelope_to, mime, step);
    return;
  } catch (const SmtpError&) {
    impl_->session.reset();
    throw;
  } catch (const Poco::Net::SMTPException& e) {
    impl_->session.reset();
    const bool temporary = e.code() < 500;
    throw impl_->error(step, e.displayText(), temporary);
  } catch (const Poco::Net::SSLException& e) {
    impl_->session.reset();
    throw impl_->error(step, e.displayText(), false);
  } catch (const Poco::TimeoutException& e) {
    impl_->session.reset();
    throw impl_->error(step, e.displayText(), true);
  } catch (const Poco::IOException& e) {
    impl_->session.reset();
    throw impl_->error(step, e.displayText(), true);
  } catch (const Poco::Exception& e) {
    impl_->session.reset();
    throw impl_->error(step, e.displayText(), false);
  }
}

}  // namespace danju
