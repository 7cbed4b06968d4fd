// compose_mime against the raw RFC rules and against Python's email reader.
#define BOOST_TEST_MODULE mail_mime
#include <boost/test/unit_test.hpp>

#include <Poco/Base64Decoder.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/text.h"
#include "fixtures/mail_reader.h"
#include "fixtures/smtp_fixture.h"
#include "mail/encoded_word.h"
#include "mail/mail_message.h"
#include "mail/smtp_data.h"
#include "mail/smtp_sender.h"
#include "fixtures/temp_folder.h"

using danju::testing::TempFolder;

namespace {

const std::string kShortSubject =
    "ZD20240815 合同审批：杭州某某家具有限公司";

// Long enough for several encoded-words, with a 4-byte character (𠮷) and
// full-width punctuation among the CJK text.
const std::string kLongSubject =
    "ZD20240815 合同审批：杭州某某家具有限公司 关于二〇二四年度全屋定制家具"
    "（主卧衣柜、书房书柜、儿童房榻榻米）加单与补单的合同审批申请，"
    "请部门负责人、法务及总经理审阅 𠮷祥家居";

// A folder for one test's files, removed at the end.
danju::MailMessage sample_message() {
  danju::MailMessage message;
  message.message_id = "sp-12.3@danju.example";
  message.date = "Thu, 15 Aug 2024 08:30:00 +0800";
  message.from = {"Danju 单据系统", "danju@danju.example"};
  message.to = {{"王喆", "wang.zhe@customer.example"},
                {"", "legal@danju.example"}};
  message.cc = {{"李堃 (财务)", "li.kun@danju.example"}};
  message.subject = kShortSubject;
  message.text_body = "您好：\n请审批附件中的合同。\n";
  message.html_body = "<p>您好：</p><p>请审批附件中的合同。</p>";
  return message;
}

// Writes the composed message to a file and lets Python read it.
std::map<std::string, std::string> python_view(const std::string& mime,
                                               const TempFolder& folder) {
  const std::string path = folder.path + "/message.eml";
  danju::write_file_atomic(path, mime);
  return danju::testing::read_mail(path);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

std::string header_block(const std::string& mime) {
  return mime.substr(0, mime.find("\r\n\r\n") + 2);
}

// The raw field "Name: ..." with its folded lines, CRLF between them.
std::string raw_field(const std::string& mime, const std::string& name) {
  const std::string headers = header_block(mime);
  const std::size_t start = headers.find("\r\n" + name + ":");
  BOOST_REQUIRE_MESSAGE(start != std::string::npos, "no " + name + " field");
  std::size_t end = start + 2;
  while (true) {
    end = headers.find("\r\n", end);
    if (end + 2 >= headers.size() || headers[end + 2] != ' ') break;
    end += 2;
  }
  return headers.substr(start + 2, end - start - 2);
}

std::string base64_decode(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  std::ostringstream out;
  out << decoder.rdbuf();
  return out.str();
}

// Checks one folded field against RFC 2047 and RFC 5322 line rules and
// returns how many encoded-words it holds.
int check_folded_field(const std::string& field) {
  for (const std::string& line : lines_of(field)) {
    BOOST_TEST(line.size() <= 76u, "line of " << line.size() << ": " << line);
    BOOST_TEST(line.find_first_not_of(" \t") != std::string::npos,
               "whitespace-only line in " << field);
  }

  const std::regex word("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");
  int words = 0;
  for (auto it = std::sregex_iterator(field.begin(), field.end(), word);
       it != std::sregex_iterator(); ++it) {
    ++words;
    BOOST_TEST(it->length() <= 75, "word of " << it->length());
    const std::string bytes = base64_decode((*it)[1].str());
    BOOST_TEST(danju::is_valid_utf8(bytes),
               "word " << it->str() << " alone is not valid UTF-8");
  }
  return words;
}

}  // namespace

BOOST_AUTO_TEST_CASE(short_chinese_subject_decodes_exactly) {
  TempFolder folder("mime");
  const std::string mime = danju::compose_mime(sample_message());

  BOOST_TEST(check_folded_field(raw_field(mime, "Subject")) >= 1);
  const auto facts = python_view(mime, folder);
  BOOST_TEST(facts.at("subject.default") == kShortSubject);
  BOOST_TEST(facts.at("subject.compat32") == kShortSubject);
  BOOST_TEST(facts.at("defects") == "0");
}

BOOST_AUTO_TEST_CASE(long_chinese_subject_folds_without_splitting) {
  TempFolder folder("mime");
  danju::MailMessage message = sample_message();
  message.subject = kLongSubject;
  const std::string mime = danju::compose_mime(message);

  const std::string field = raw_field(mime, "Subject");
  BOOST_TEST(check_folded_field(field) >= 4);
  BOOST_TEST(lines_of(field).size() >= 4u);

  const auto facts = python_view(mime, folder);
  BOOST_TEST(facts.at("subject.default") == kLongSubject);
  BOOST_TEST(facts.at("subject.compat32") == kLongSubject);
}

BOOST_AUTO_TEST_CASE(words_hold_whole_characters_at_every_length) {
  // Every cut point of a text mixing 1-, 2-, 3- and 4-byte characters.
  const std::string text = "a¥合𠮷b同¥𠮷审批cd";
  for (std::size_t limit = 20; limit <= 75; ++limit) {
    const auto words = danju::encode_words(text, limit, limit);
    std::string joined;
    for (const std::string& word : words) {
      BOOST_TEST(word.size() <= limit);
      const std::string bytes =
          base64_decode(word.substr(10, word.size() - 12));
      BOOST_TEST(danju::is_valid_utf8(bytes));
      joined += bytes;
    }
    BOOST_TEST(joined == text);
  }
  BOOST_CHECK_THROW(danju::encode_words("\xE5\x90", 75, 75),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(display_names_and_addresses_read_back) {
  TempFolder folder("mime");
  const std::string mime = danju::compose_mime(sample_message());
  for (const char* name : {"From", "To", "Cc"}) {
    check_folded_field(raw_field(mime, name));
  }

  const auto facts = python_view(mime, folder);
  BOOST_TEST(facts.at("from.names") == "Danju 单据系统");
  BOOST_TEST(facts.at("to.addresses") ==
             "wang.zhe@customer.example,legal@danju.example");
  BOOST_TEST(facts.at("to.names") == "王喆|");
  BOOST_TEST(facts.at("cc.names") == "李堃 (财务)");
  BOOST_TEST(facts.at("cc.addresses") == "li.kun@danju.example");
}

BOOST_AUTO_TEST_CASE(chinese_attachment_name_reads_back_in_both_policies) {
  TempFolder folder("mime");
  const std::string pdf = folder.path + "/contract.pdf";
  const std::string content = "%PDF-1.4\n\x01\x02\xFF binary \r\n.\n";
  danju::write_file_atomic(pdf, content);

  const std::string long_name =
      "内部订货单_ZD20240815_杭州某某家具有限公司_主卧衣柜书房书柜_第三版.xlsx";
  danju::MailMessage message = sample_message();
  message.attachments = {
      {pdf, "合同_ZD20240815.pdf", "application/pdf"},
      {pdf, long_name, "application/vnd.openxmlformats-officedocument"
                       ".spreadsheetml.sheet"},
      {pdf, "plain-name.pdf", "application/pdf"}};
  const std::string mime = danju::compose_mime(message);

  BOOST_TEST(mime.find("filename*=UTF-8''%E5%90%88%E5%90%8C_ZD20240815.pdf") !=
             std::string::npos);
  BOOST_TEST(mime.find("name=\"=?UTF-8?B?") != std::string::npos);
  for (const std::string& line : lines_of(mime)) {
    BOOST_TEST(line.size() <= 76u, "line of " << line.size() << ": " << line);
  }

  const auto facts = python_view(mime, folder);
  BOOST_TEST(facts.at("attachments") == "3");
  BOOST_TEST(facts.at("attachment.1.filename.default") ==
             "合同_ZD20240815.pdf");
  BOOST_TEST(facts.at("attachment.1.filename.compat32") ==
             "合同_ZD20240815.pdf");
  BOOST_TEST(facts.at("attachment.2.filename.default") == long_name);
  BOOST_TEST(facts.at("attachment.2.filename.compat32") == long_name);
  BOOST_TEST(facts.at("attachment.3.filename.compat32") == "plain-name.pdf");
  BOOST_TEST(facts.at("attachment.1.type") == "application/pdf");
  BOOST_TEST(facts.at("attachment.1.sha256") == danju::sha256_hex(content));
  BOOST_TEST(facts.at("defects") == "0");
}

BOOST_AUTO_TEST_CASE(line_breaks_in_data_become_one_space) {
  TempFolder folder("mime");
  const std::string pdf = folder.path + "/contract.pdf";
  danju::write_file_atomic(pdf, "%PDF-1.4\n");

  danju::MailMessage message = sample_message();
  message.subject = "ZD20240815 合同审批：杭州某某家具\n有限公司";
  message.to = {{"杭州某某家具\r\n有限公司", "buyer@customer.example"}};
  message.cc = {{"Evil\r\nBcc: victim@evil.example", "cc@danju.example"}};
  message.attachments = {
      {pdf, "合同_杭州某某家具\n有限公司.pdf", "application/pdf"},
      {pdf, "x.pdf\r\nX-Injected: yes", "application/pdf"}};
  const std::string mime = danju::compose_mime(message);

  const auto facts = python_view(mime, folder);
  BOOST_TEST(facts.at("subject.default") ==
             "ZD20240815 合同审批：杭州某某家具 有限公司");
  BOOST_TEST(facts.at("to.names") == "杭州某某家具 有限公司");
  BOOST_TEST(facts.at("cc.names") == "Evil Bcc: victim@evil.example");
  BOOST_TEST(facts.at("attachment.1.filename.default") ==
             "合同_杭州某某家具 有限公司.pdf");
  BOOST_TEST(facts.at("attachment.2.filename.compat32") ==
             "x.pdf X-Injected: yes");
  BOOST_TEST(facts.at("headers") ==
             "Date,From,To,Cc,Subject,Message-ID,MIME-Version,"
             "Auto-Submitted,X-Mailer,Content-Type");
  BOOST_TEST(mime.find("\r\nX-Injected") == std::string::npos);
  BOOST_TEST(mime.find("\r\nBcc") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(plain_subject_with_line_break_forges_no_header) {
  TempFolder folder("mime");
  danju::MailMessage message = sample_message();
  message.subject = "Approval\r\nBcc: victim@evil.example";
  message.in_reply_to = "sp-11.1@danju.example";
  const std::string mime = danju::compose_mime(message);

  const auto facts = python_view(mime, folder);
  BOOST_TEST(facts.at("subject.default") ==
             "Approval Bcc: victim@evil.example");
  BOOST_TEST(facts.at("headers") ==
             "Date,From,To,Cc,Subject,Message-ID,In-Reply-To,References,"
             "MIME-Version,Auto-Submitted,X-Mailer,Content-Type");
  BOOST_TEST(raw_field(mime, "In-Reply-To") ==
             "In-Reply-To: <sp-11.1@danju.example>");
  BOOST_TEST(raw_field(mime, "Auto-Submitted") ==
             "Auto-Submitted: auto-generated");
}

BOOST_AUTO_TEST_CASE(long_one_line_html_is_encoded_in_short_lines) {
  TempFolder folder("mime");
  std::string html = "<table>";
  while (html.size() < 9000) {
    html += "<tr><td>杭州某某家具有限公司</td><td>¥12,345.60</td>"
            "<td>a=b &amp; c</td></tr>";
  }
  html += "</table>";
  BOOST_REQUIRE(html.size() >= 9000u);
  danju::MailMessage message = sample_message();
  message.html_body = html;
  const std::string mime = danju::compose_mime(message);

  std::size_t longest = 0;
  for (const std::string& line : lines_of(mime)) {
    longest = std::max(longest, line.size());
  }
  BOOST_TEST(longest <= 998u);
  BOOST_TEST(longest <= 76u);

  const auto facts = python_view(mime, folder);
  BOOST_TEST(facts.at("text.html.raw") == html);
  BOOST_TEST(facts.at("text.html") == html);
}

BOOST_AUTO_TEST_CASE(bare_line_feeds_become_crlf) {
  TempFolder folder("mime");
  danju::MailMessage message = sample_message();
  message.text_body = "第一行\n第二行\r\n第三行\r第四行 \n";
  const std::string mime = danju::compose_mime(message);

  for (std::size_t i = 0; i < mime.size(); ++i) {
    if (mime[i] == '\n') BOOST_REQUIRE(i > 0 && mime[i - 1] == '\r');
    if (mime[i] == '\r') BOOST_REQUIRE(i + 1 < mime.size() &&
                                       mime[i + 1] == '\n');
  }

  const auto facts = python_view(mime, folder);
  BOOST_TEST(facts.at("text.plain.raw") ==
             "第一行\r\n第二行\r\n第三行\r\n第四行 \r\n");
}

BOOST_AUTO_TEST_CASE(dot_lines_survive_smtp) {
  danju::MailMessage message = sample_message();
  message.text_body = "合同见附件。\n.\n...详见附件\n..\n.结尾";
  const std::string mime = danju::compose_mime(message);
  // The composed text really holds lines that need dot-stuffing.
  BOOST_TEST(mime.find("\r\n.\r\n") != std::string::npos);
  BOOST_TEST(mime.find("\r\n...=E8=AF=A6") != std::string::npos);

  danju::testing::SmtpServerFixture server;
  danju::SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = server.port();
  {
    danju::SmtpSender sender(settings);
    sender.send("danju@danju.example", {"wang.zhe@customer.example"}, mime);
  }

  const auto mails = server.received();
  BOOST_REQUIRE_EQUAL(mails.size(), 1u);
  BOOST_TEST(mails[0].raw == mime);
  const auto facts = danju::testing::read_mail(mails[0].path);
  BOOST_TEST(facts.at("text.plain.raw") ==
             "合同见附件。\r\n.\r\n...详见附件\r\n..\r\n.结尾");
}

BOOST_AUTO_TEST_CASE(data_block_stuffs_dots_and_ends_the_message) {
  BOOST_TEST(danju::smtp_data_block("a\r\n.\r\n..b\r\n") ==
             "a\r\n..\r\n...b\r\n.\r\n");
  BOOST_TEST(danju::smtp_data_block(".x\ny") == "..x\r\ny\r\n.\r\n");
}

BOOST_AUTO_TEST_CASE(same_message_gives_same_bytes) {
  const danju::MailMessage message = sample_message();
  const std::string first = danju::compose_mime(message);
  BOOST_TEST(first == danju::compose_mime(message));

  danju::MailMessage other = message;
  other.message_id = "sp-12.4@danju.example";
  const std::string second = danju::compose_mime(other);
  const auto boundary_of = [](const std::string& mime) {
    const std::size_t start = mime.find("boundary=\"") + 10;
    return mime.substr(start, mime.find('"', start) - start);
  };
  BOOST_TEST(boundary_of(first) != boundary_of(second));
}

BOOST_AUTO_TEST_CASE(bad_addresses_and_ids_are_refused) {
  for (const char* address :
       {"no-at-sign", "two words@danju.example", "a@b\r\nBcc: c@d.example",
        "<a@danju.example>", "a..b@danju.example", "a@-danju.example",
        "@danju.example", "王@danju.example", ""}) {
    BOOST_TEST(!danju::is_valid_address(address), address);
    danju::MailMessage message = sample_message();
    message.to = {{"", address}};
    BOOST_CHECK_THROW(danju::compose_mime(message), std::invalid_argument);
  }
  for (const char* address :
       {"wang.zhe@customer.example", "a+tag@localhost", "x_y-z@a-b.c.d"}) {
    BOOST_TEST(danju::is_valid_address(address), address);
  }

  for (const char* id : {"", "no-at", "a@b\r\nBcc: x@y", "<a@b>", "a b@c"}) {
    danju::MailMessage message = sample_message();
    message.message_id = id;
    BOOST_CHECK_THROW(danju::compose_mime(message), std::invalid_argument);
  }

  danju::MailMessage missing = sample_message();
  missing.attachments = {{"/nonexistent/danju/x.pdf", "x.pdf",
                          "application/pdf"}};
  BOOST_CHECK_THROW(danju::compose_mime(missing), danju::FileError);
}
