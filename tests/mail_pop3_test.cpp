// Pop3Mailbox against a real POP3 server (dovecot) on 127.0.0.1.
//
// Every message is delivered with CRLF line ends, as it would arrive by
// SMTP, and compared byte for byte with what fetch() returns: nothing is
// normalised before comparing.
#define BOOST_TEST_MODULE mail_pop3
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "fixtures/pop3_fixture.h"
#include "mail/pop3_mailbox.h"

using danju::MailboxError;
using danju::Pop3Mailbox;
using danju::testing::Pop3ServerFixture;

namespace {

danju::Pop3Settings settings_for(const Pop3ServerFixture& server) {
  danju::Pop3Settings settings;
  settings.host = "127.0.0.1";
  settings.port = server.port();
  settings.username = server.user();
  settings.password = server.password();
  settings.timeout_seconds = 20;
  return settings;
}

std::string chinese_reply() {
  return "From: =?UTF-8?B?546L57uP55CG?= <wang@danju.example>\r\n"
         "To: danju@danju.example\r\n"
         "Subject: 回复：发货单 GD-2026-0107 审批\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: 8bit\r\n"
         "\r\n"
         "同意。请按时发货，金额 ¥12,800.00 无误。\r\n"
         "——王经理\r\n";
}

// Lines that POP3 must dot-stuff: a lone "." (which would otherwise end
// the message), lines starting with ".." and ".", and a body that starts
// with a dot right after the blank line.
std::string dotted_reply() {
  return "From: li@danju.example\r\n"
         "To: danju@danju.example\r\n"
         "Subject: dots\r\n"
         "\r\n"
         ".first body line starts with a dot\r\n"
         "above the lone dot\r\n"
         ".\r\n"
         "..two dots start this line\r\n"
         "...three\r\n"
         "last line\r\n";
}

std::string base64(const std::string& bytes) {
  static const char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) {
      value |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    if (i + 2 < bytes.size()) value |= static_cast<unsigned char>(bytes[i + 2]);
    out += kDigits[(value >> 18) & 63];
    out += kDigits[(value >> 12) & 63];
    out += i + 1 < bytes.size() ? kDigits[(value >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kDigits[value & 63] : '=';
    if (out.size() % 78 == 76) out += "\r\n";
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) {
    out += "\r\n";
  }
  return out;
}

// About 200 KB: a reply carrying a scanned, signed copy as an attachment.
std::string large_reply() {
  std::string pdf(150 * 1024, '\0');
  unsigned state = 12345;
  for (char& c : pdf) {
    state = state * 1103515245u + 12345u;
    c = static_cast<char>(state >> 16);
  }
  return "From: zhao@danju.example\r\n"
         "To: danju@danju.example\r\n"
         "Subject: signed copy\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
         "\r\n"
         "--b1\r\n"
         "Content-Type: text/plain; charset=UTF-8\r\n"
         "\r\n"
         "see attachment\r\n"
         "--b1\r\n"
         "Content-Type: application/pdf; name=\"signed.pdf\"\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "\r\n" +
         base64(pdf) + "--b1--\r\n";
}

// Reads the whole mailbox in one session: uid -> message.
std::map<std::string, std::string> read_all(
    const danju::Pop3Settings& settings,
    std::vector<Pop3Mailbox::Entry>* entries = nullptr) {
  Pop3Mailbox mailbox(settings);
  std::vector<Pop3Mailbox::Entry> listed = mailbox.list();
  std::map<std::string, std::string> messages;
  for (const auto& entry : listed) {
    messages[entry.uid] = mailbox.fetch(entry.number);
  }
  mailbox.quit();
  if (entries) *entries = listed;
  return messages;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lists_and_fetches_exact_bytes_with_stable_uids) {
  Pop3ServerFixture server;
  const std::vector<std::string> delivered = {chinese_reply(), dotted_reply(),
                                              large_reply()};
  BOOST_REQUIRE_GT(delivered[2].size(), 190u * 1024);
  for (const std::string& raw : delivered) server.deliver(raw);

  std::vector<Pop3Mailbox::Entry> first;
  const auto messages = read_all(settings_for(server), &first);
  BOOST_REQUIRE_EQUAL(first.size(), 3u);
  BOOST_REQUIRE_EQUAL(messages.size(), 3u);  // the uids are distinct
  for (const auto& entry : first) {
    BOOST_TEST(!entry.uid.empty());
    BOOST_TEST(entry.number >= 1);
    BOOST_TEST(entry.size ==
               static_cast<long>(messages.at(entry.uid).size()));
  }

  // Each delivered message comes back once, byte for byte.
  for (const std::string& raw : delivered) {
    const auto same = [&raw](const auto& item) { return item.second == raw; };
    BOOST_TEST(std::count_if(messages.begin(), messages.end(), same) == 1);
  }

  // A second session sees the same numbers, uids and bytes.
  std::vector<Pop3Mailbox::Entry> second;
  const auto again = read_all(settings_for(server), &second);
  BOOST_REQUIRE_EQUAL(second.size(), first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    BOOST_TEST(second[i].number == first[i].number);
    BOOST_TEST(second[i].uid == first[i].uid);
  }
  BOOST_TEST((again == messages));
}

BOOST_AUTO_TEST_CASE(keeps_bytes_that_text_streams_take_for_the_end) {
  Pop3ServerFixture server;
  // 0xFF is EOF when a signed char is widened to int; Latin-1 "ÿ" is one.
  const std::string latin1 =
      "Subject: latin-1\r\n"
      "Content-Type: text/plain; charset=ISO-8859-1\r\n"
      "\r\n"
      "caf\xe9 \xff and after\r\n"
      "next line\r\n";
  server.deliver(latin1);
  // POP3 cannot carry a message whose last line has no line end.
  server.deliver("Subject: open end\r\n\r\nno line end");

  Pop3Mailbox mailbox(settings_for(server));
  const auto entries = mailbox.list();
  BOOST_REQUIRE_EQUAL(entries.size(), 2u);
  std::vector<std::string> fetched;
  for (const auto& entry : entries) {
    fetched.push_back(mailbox.fetch(entry.number));
  }
  std::sort(fetched.begin(), fetched.end());
  BOOST_TEST(fetched[0] == "Subject: latin-1\r\n"
                           "Content-Type: text/plain; charset=ISO-8859-1\r\n"
                           "\r\n"
                           "caf\xe9 \xff and after\r\n"
                           "next line\r\n");
  BOOST_TEST(fetched[1] == "Subject: open end\r\n\r\nno line end\r\n");

  // The session is still in step with the server after those messages.
  BOOST_TEST(mailbox.list().size() == 2u);
  mailbox.quit();
}

BOOST_AUTO_TEST_CASE(removed_messages_go_at_quit_and_only_then) {
  Pop3ServerFixture server;
  server.deliver(chinese_reply());
  server.deliver(dotted_reply());
  const auto settings = settings_for(server);

  std::vector<Pop3Mailbox::Entry> before;
  read_all(settings, &before);
  BOOST_REQUIRE_EQUAL(before.size(), 2u);

  // Without quit() the server forgets the removal.
  {
    Pop3Mailbox mailbox(settings);
    mailbox.remove(before[0].number);
  }
  std::vector<Pop3Mailbox::Entry> kept;
  read_all(settings, &kept);
  BOOST_TEST(kept.size() == 2u);

  {
    Pop3Mailbox mailbox(settings);
    mailbox.remove(before[0].number);
    mailbox.quit();
    BOOST_CHECK_THROW(mailbox.list(), MailboxError);
  }
  std::vector<Pop3Mailbox::Entry> after;
  const auto messages = read_all(settings, &after);
  BOOST_REQUIRE_EQUAL(after.size(), 1u);
  BOOST_TEST(after[0].uid == before[1].uid);
  BOOST_TEST(messages.at(after[0].uid) == dotted_reply());
}

BOOST_AUTO_TEST_CASE(refusals_are_permanent_and_never_show_the_password) {
  Pop3ServerFixture server;
  server.deliver(chinese_reply());

  // A message that does not exist is refused, and the session ends.
  {
    Pop3Mailbox mailbox(settings_for(server));
    try {
      mailbox.fetch(99);
      BOOST_FAIL("message 99 was fetched");
    } catch (const MailboxError& e) {
      BOOST_TEST_MESSAGE(e.what());
      BOOST_TEST(!e.temporary());
      BOOST_TEST(std::string(e.what()).find("message 99") !=
                 std::string::npos);
    }
    BOOST_CHECK_THROW(mailbox.list(), MailboxError);
  }

  // A server without TLS cannot be made to use it.
  auto tls = settings_for(server);
  tls.tls = true;
  try {
    Pop3Mailbox mailbox(tls);
    BOOST_FAIL("STLS was accepted by a server without TLS");
  } catch (const MailboxError& e) {
    BOOST_TEST_MESSAGE(e.what());
    BOOST_TEST(!e.temporary());
    BOOST_TEST(std::string(e.what()).find("STLS") != std::string::npos);
  }

  // Last: after a failed login dovecot makes later logins from the same
  // address wait a few seconds.
  auto wrong = settings_for(server);
  wrong.password = "not-the-password-7731";
  try {
    Pop3Mailbox mailbox(wrong);
    BOOST_FAIL("a wrong password was accepted");
  } catch (const MailboxError& e) {
    BOOST_TEST_MESSAGE(e.what());
    const std::string what = e.what();
    BOOST_TEST(!e.temporary());
    BOOST_TEST(what.find("not-the-password-7731") == std::string::npos);
    BOOST_TEST(what.find(server.password()) == std::string::npos);
    BOOST_TEST(what.find("127.0.0.1:" + std::to_string(server.port())) !=
               std::string::npos);
    BOOST_TEST(what.find("login") != std::string::npos);
    BOOST_TEST(what.find(server.user()) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(no_server_is_a_temporary_error) {
  danju::Pop3Settings settings;
  settings.host = "127.0.0.1";
  settings.port = Pop3ServerFixture::unused_port();
  settings.username = "approver-1";
  settings.password = "pop3-secret-1";
  try {
    Pop3Mailbox mailbox(settings);
    BOOST_FAIL("connected to a port nobody listens on");
  } catch (const MailboxError& e) {
    BOOST_TEST_MESSAGE(e.what());
    BOOST_TEST(e.temporary());
    BOOST_TEST(std::string(e.what()).find("connecting") != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("pop3-secret-1") ==
               std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_server_that_never_greets_times_out_temporarily) {
  // The kernel completes the connection for a listening socket even though
  // nobody ever accepts it, so the client waits for a greeting in vain.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  BOOST_REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  BOOST_REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address),
                     length) == 0);
  BOOST_REQUIRE(listen(listener, 4) == 0);
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);

  danju::Pop3Settings settings;
  settings.host = "127.0.0.1";
  settings.port = ntohs(address.sin_port);
  settings.username = "approver-1";
  settings.password = "pop3-secret-1";
  settings.timeout_seconds = 1;
  try {
    Pop3Mailbox mailbox(settings);
    BOOST_FAIL("a silent server was taken for a POP3 server");
  } catch (const MailboxError& e) {
    BOOST_TEST_MESSAGE(e.what());
    BOOST_TEST(e.temporary());
    BOOST_TEST(std::string(e.what()).find("greeting") != std::string::npos);
  }
  close(listener);
}

BOOST_AUTO_TEST_CASE(stls_with_a_trusted_certificate) {
  Pop3ServerFixture server(true);
  server.deliver(chinese_reply());
  server.deliver(large_reply());

  auto settings = settings_for(server);
  settings.tls = true;
  settings.ca_file = server.ca_file();
  const auto messages = read_all(settings);
  BOOST_REQUIRE_EQUAL(messages.size(), 2u);
  std::vector<std::string> fetched;
  for (const auto& item : messages) fetched.push_back(item.second);
  std::sort(fetched.begin(), fetched.end());
  std::vector<std::string> delivered = {chinese_reply(), large_reply()};
  std::sort(delivered.begin(), delivered.end());
  BOOST_TEST((fetched == delivered));

  // The self-signed certificate is not among the system's CAs.
  settings.ca_file.clear();
  try {
    Pop3Mailbox mailbox(settings);
    BOOST_FAIL("an untrusted certificate was accepted");
  } catch (const MailboxError& e) {
    BOOST_TEST_MESSAGE(e.what());
    BOOST_TEST(!e.temporary());
    BOOST_TEST(std::string(e.what()).find("TLS") != std::string::npos);
  }

  // A CA file that is not there is a setting to fix, not a passing fault.
  settings.ca_file = server.folder() + "/missing.pem";
  try {
    Pop3Mailbox mailbox(settings);
    BOOST_FAIL("a missing CA file was accepted");
  } catch (const MailboxError& e) {
    BOOST_TEST_MESSAGE(e.what());
    BOOST_TEST(!e.temporary());
    BOOST_TEST(std::string(e.what()).find("missing.pem") !=
               std::string::npos);
  }
}
