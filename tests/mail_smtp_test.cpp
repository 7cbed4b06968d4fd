// SmtpSender against a real SMTP server (aiosmtpd) on 127.0.0.1.
#define BOOST_TEST_MODULE mail_smtp
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "fixtures/mail_reader.h"
#include "fixtures/smtp_fixture.h"
#include "mail/mail_message.h"
#include "mail/smtp_sender.h"
#include "fixtures/temp_folder.h"

using danju::testing::TempFolder;

using danju::testing::SmtpServerFixture;

namespace {

danju::SmtpSettings settings_for(const SmtpServerFixture& server) {
  danju::SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = server.port();
  settings.timeout_seconds = 20;
  return settings;
}

danju::MailMessage approval_mail(int number, const std::string& attachment) {
  danju::MailMessage message;
  message.message_id = "sp-" + std::to_string(number) + ".1@danju.example";
  message.date = "Thu, 15 Aug 2024 08:30:00 +0800";
  message.from = {"Danju 单据系统", "danju@danju.example"};
  message.to = {{"部门负责人 " + std::to_string(number),
                 "head" + std::to_string(number) + "@danju.example"}};
  message.cc = {{"法务", "legal@danju.example"}};
  message.subject = "ZD2024081" + std::to_string(number) +
                    " 合同审批：杭州某某家具有限公司";
  message.text_body = "请审批。\n";
  message.html_body = "<p>请审批。</p>";
  message.attachments = {{attachment,
                          "合同_ZD2024081" + std::to_string(number) + ".pdf",
                          "application/pdf"}};
  return message;
}

// A port on 127.0.0.1 where nothing listens: bound once by us to learn a
// free number, then released without ever listening.
int unused_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  BOOST_REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  BOOST_REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address),
                     sizeof address) == 0);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

std::string small_mime() {
  danju::MailMessage message;
  message.message_id = "t-1@danju.example";
  message.date = "Thu, 15 Aug 2024 08:30:00 +0800";
  message.from = {"", "danju@danju.example"};
  message.to = {{"", "head@danju.example"}};
  message.subject = "测试";
  message.text_body = "x";
  return danju::compose_mime(message);
}

}  // namespace

BOOST_AUTO_TEST_CASE(three_messages_over_one_session) {
  TempFolder folder("smtp");
  std::vector<std::string> hashes;
  std::vector<danju::MailMessage> messages;
  for (int number = 1; number <= 3; ++number) {
    const std::string path =
        folder.path + "/contract" + std::to_string(number) + ".pdf";
    std::string content = "%PDF-1.4\n";
    for (int i = 0; i < 5000 * number; ++i) {
      content += static_cast<char>((i * 7 + number) % 256);
    }
    danju::write_file_atomic(path, content);
    hashes.push_back(danju::sha256_hex(content));
    messages.push_back(approval_mail(number, path));
  }

  SmtpServerFixture server;
  {
    danju::SmtpSender sender(settings_for(server));
    for (const danju::MailMessage& message : messages) {
      sender.send(message.from.address,
                  {message.to[0].address, message.cc[0].address},
                  danju::compose_mime(message));
    }
  }

  const auto mails = server.received();
  BOOST_REQUIRE_EQUAL(mails.size(), 3u);
  for (std::size_t i = 0; i < mails.size(); ++i) {
    const std::string number = std::to_string(i + 1);
    BOOST_TEST(mails[i].envelope_from == "danju@danju.example");
    BOOST_TEST(mails[i].envelope_to ==
                   (std::vector<std::string>{"head" + number + "@danju.example",
                                             "legal@danju.example"}),
               boost::test_tools::per_element());
    BOOST_TEST(mails[i].peer == mails[0].peer);

    const auto facts = danju::testing::read_mail(mails[i].path);
    BOOST_TEST(facts.at("subject.default") ==
               "ZD2024081" + number + " 合同审批：杭州某某家具有限公司");
    BOOST_TEST(facts.at("to.addresses") == "head" + number + "@danju.example");
    BOOST_TEST(facts.at("to.names") == "部门负责人 " + number);
    BOOST_TEST(facts.at("cc.addresses") == "legal@danju.example");
    BOOST_TEST(facts.at("attachment.1.filename.default") ==
               "合同_ZD2024081" + number + ".pdf");
    BOOST_TEST(facts.at("attachment.1.sha256") == hashes[i]);
  }
}

BOOST_AUTO_TEST_CASE(login_when_a_user_is_set) {
  SmtpServerFixture server(true);
  danju::SmtpSettings settings = settings_for(server);
  settings.username = SmtpServerFixture::kUser;
  settings.password = SmtpServerFixture::kPassword;
  {
    danju::SmtpSender sender(settings);
    sender.send("danju@danju.example", {"head@danju.example"}, small_mime());
    sender.send("danju@danju.example", {"legal@danju.example"}, small_mime());
  }
  const auto mails = server.received();
  BOOST_REQUIRE_EQUAL(mails.size(), 2u);
  BOOST_TEST(mails[1].envelope_to[0] == "legal@danju.example");
  BOOST_TEST(mails[0].raw == small_mime());
}

BOOST_AUTO_TEST_CASE(wrong_password_is_permanent_and_not_shown) {
  SmtpServerFixture server(true);
  danju::SmtpSettings settings = settings_for(server);
  settings.username = SmtpServerFixture::kUser;
  settings.password = "wrong-secret-4711";
  danju::SmtpSender sender(settings);
  try {
    sender.send("danju@danju.example", {"head@danju.example"}, small_mime());
    BOOST_FAIL("a wrong password was accepted");
  } catch (const danju::SmtpError& e) {
    const std::string what = e.what();
    BOOST_TEST(!e.temporary(), what);
    BOOST_TEST(what.find("wrong-secret-4711") == std::string::npos, what);
    BOOST_TEST(what.find("127.0.0.1:" + std::to_string(server.port())) !=
                   std::string::npos,
               what);
  }
  BOOST_TEST(server.received().empty());
}

BOOST_AUTO_TEST_CASE(refused_connection_is_temporary) {
  danju::SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = unused_port();
  settings.timeout_seconds = 10;
  danju::SmtpSender sender(settings);
  try {
    sender.send("danju@danju.example", {"head@danju.example"}, small_mime());
    BOOST_FAIL("sending to a closed port succeeded");
  } catch (const danju::SmtpError& e) {
    BOOST_TEST(e.temporary(), e.what());
    BOOST_TEST(std::string(e.what()).find("connecting") != std::string::npos,
               e.what());
  }
}

BOOST_AUTO_TEST_CASE(refusals_say_whether_to_retry_and_the_next_send_works) {
  SmtpServerFixture server;
  danju::SmtpSender sender(settings_for(server));

  try {
    sender.send("danju@danju.example", {"reject5@danju.example"},
                small_mime());
    BOOST_FAIL("a refused recipient was accepted");
  } catch (const danju::SmtpError& e) {
    BOOST_TEST(!e.temporary(), e.what());
  }
  try {
    sender.send("danju@danju.example", {"reject4@danju.example"},
                small_mime());
    BOOST_FAIL("a deferred recipient was accepted");
  } catch (const danju::SmtpError& e) {
    BOOST_TEST(e.temporary(), e.what());
  }

  sender.send("danju@danju.example", {"head@danju.example"}, small_mime());
  const auto mails = server.received();
  BOOST_REQUIRE_EQUAL(mails.size(), 1u);
  BOOST_TEST(mails[0].envelope_to[0] == "head@danju.example");
}

BOOST_AUTO_TEST_CASE(forged_envelope_addresses_are_refused) {
  danju::SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = unused_port();
  danju::SmtpSender sender(settings);
  BOOST_CHECK_THROW(sender.send("danju@danju.example\r\nRCPT TO:<x@y.z>",
                                {"head@danju.example"}, small_mime()),
                    danju::SmtpError);
  BOOST_CHECK_THROW(sender.send("danju@danju.example",
                                {"head@danju.example>\r\nDATA"}, small_mime()),
                    danju::SmtpError);
  BOOST_CHECK_THROW(
      sender.send("danju@danju.example", {}, small_mime()), danju::SmtpError);
}
