// read_reply_message against real replies: charsets mailers mislabel,
// encoded-words split inside a character, nested multiparts, HTML-only
// bodies, and the marks of automatic replies.
#define BOOST_TEST_MODULE mail_reply
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/text.h"
#include "mail/header_decoder.h"
#include "mail/mime_reader_charset.h"
#include "mail/mime_reader_html.h"
#include "mail/mime_reader_transfer.h"
#include "mail/reply_message.h"

namespace {

using danju::ReplyMessage;
using danju::read_reply_message;

std::string data_file(const std::string& name) {
  return danju::read_file(std::string(DANJU_TEST_DATA) + "/" + name);
}

ReplyMessage read_data(const std::string& name) {
  return read_reply_message(data_file(name));
}

// Line ends at the end removed, nothing else.
std::string without_final_line_ends(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

const std::string kReplacement = "\xEF\xBF\xBD";

void check_clean(const ReplyMessage& reply) {
  for (const std::string* field :
       {&reply.message_id, &reply.from_address, &reply.from_name,
        &reply.subject, &reply.date, &reply.text, &reply.automatic,
        &reply.authentication_results}) {
    BOOST_TEST(danju::is_valid_utf8(*field));
    BOOST_TEST(field->find(kReplacement) == std::string::npos);
  }
}

// A message a person wrote, with the given extra header lines.
std::string human_message(const std::string& extra_headers,
                          const std::string& subject = "Re: ZD20240815") {
  return "From: Approver <approver@example.com>\r\n"
         "To: orders@example.com\r\n"
         "Subject: " + subject + "\r\n" + extra_headers +
         "Message-ID: <x@example.com>\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n"
         "\r\n"
         "同意\r\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(gb2312_label_on_gbk_body_reads_as_gb18030) {
  const ReplyMessage reply = read_data("C10a_gb2312_label_gbk_body.eml");
  BOOST_TEST(without_final_line_ends(reply.text) == "同意。王喆");
  BOOST_TEST(reply.text == "同意。王喆\n");
  BOOST_TEST(reply.from_name == "王喆");
  BOOST_TEST(reply.from_address == "approver@example.com");
  BOOST_TEST(reply.message_id == "c10a@example.com");
  BOOST_TEST(reply.references ==
             std::vector<std::string>{"sp-0815@orders.example.com"},
             boost::test_tools::per_element());
  BOOST_TEST(reply.automatic == "");
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(subject_words_splitting_a_character_are_joined) {
  const ReplyMessage reply = read_data("C10c_split_gb2312_subject.eml");
  BOOST_TEST(reply.subject == "回复：审批单ZD20240815合同");
  BOOST_TEST(reply.text == "同意\n");
  BOOST_TEST(reply.from_name == "");
  BOOST_TEST(reply.from_address == "approver@example.com");
  BOOST_TEST(reply.message_id == "");
  BOOST_TEST(reply.references.empty());
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(quoted_originals_keep_their_text) {
  const ReplyMessage outlook = read_data("C08a_outlook_quote.eml");
  BOOST_TEST(outlook.subject == "Re: [SP-0815] ZD20240815");
  BOOST_TEST(outlook.text.find("-----原始邮件-----\n") != std::string::npos);
  BOOST_TEST(outlook.text.find('\r') == std::string::npos);
  check_clean(outlook);

  const ReplyMessage quoted = read_data("C08b_gt_quote.eml");
  BOOST_TEST(quoted.text.find("\n> ") != std::string::npos);
  check_clean(quoted);
}

BOOST_AUTO_TEST_CASE(quoted_printable_utf8_with_a_soft_break) {
  const ReplyMessage reply = read_data("reply_qp_utf8.eml");
  BOOST_TEST(reply.text == "同意，按新报价执行。\n\n王喆\n");
  BOOST_TEST(reply.subject == "Re: 审批单 ZD20240815");
  BOOST_TEST(reply.from_name == "王喆");
  BOOST_TEST(reply.from_address == "wang.zhe@example.com");
  BOOST_TEST(reply.date == "Mon, 1 Dec 2026 09:30:00 +0800");
  BOOST_TEST(reply.message_id == "qp-reply.1@mail.example.com");
  const std::vector<std::string> expected = {
      "sp-0815@orders.example.com", "first@orders.example.com",
      "second@orders.example.com"};
  BOOST_TEST(reply.references == expected, boost::test_tools::per_element());
  BOOST_TEST(reply.authentication_results ==
             "mx.example.com; spf=pass smtp.mailfrom=example.com; "
             "mx.example.com; dkim=pass header.d=example.com");
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(base64_gb18030_with_a_four_byte_character) {
  const ReplyMessage reply = read_data("reply_base64_gb18030.eml");
  BOOST_TEST(reply.text ==
             "驳回：交货期太短，请重新报价\n\n\U00020BB7祥家居 王喆\n");
  BOOST_TEST(reply.subject == "回复：审批单");
  BOOST_TEST(reply.from_name == "王喆");
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(big5_body_and_headers) {
  const ReplyMessage reply = read_data("reply_big5.eml");
  BOOST_TEST(reply.text == "同意。\n陳經理\n");
  BOOST_TEST(reply.subject == "回覆：審批單");
  BOOST_TEST(reply.from_name == "陳經理");
  BOOST_TEST(reply.from_address == "chen@example.com.tw");
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(html_only_reply_becomes_text_with_quotes_marked) {
  const ReplyMessage reply = read_data("reply_html_only.eml");
  BOOST_TEST(reply.text ==
             "同意 & 谢谢\n"
             "王喆\n"
             "销售部<总部>\n"
             "在 2026年12月1日 09:00，订单系统 写道：\n"
             "> 请回复同意或驳回。\n"
             "> 合同号 ZD20240815");
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(alternative_prefers_the_plain_part) {
  const ReplyMessage reply = read_data("reply_alternative.eml");
  BOOST_TEST(reply.text == "OK, approved\n");
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(mixed_skips_attached_text) {
  const ReplyMessage reply = read_data("reply_mixed_attachment.eml");
  BOOST_TEST(reply.text == "不同意，价格太高\n");
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(nested_multiparts_are_searched) {
  const ReplyMessage reply = read_data("reply_nested.eml");
  BOOST_TEST(reply.text == "暂不同意。\n王喆");
  BOOST_TEST(reply.from_name == "王喆");
  check_clean(reply);
}

BOOST_AUTO_TEST_CASE(html_text_rules) {
  BOOST_TEST(danju::html_to_text("<p>a  b\n c</p><p>d</p>") == "a b c\nd");
  BOOST_TEST(danju::html_to_text("x<br><br/>y") == "x\n\ny");
  BOOST_TEST(danju::html_to_text("&#21516;&#x610F; &bogus; &amp;lt;") ==
             "同意 &bogus; &lt;");
  BOOST_TEST(danju::html_to_text(
                 "<div>ok</div><blockquote>a<blockquote>b</blockquote>"
                 "</blockquote><!-- 同意 --><script>同意</script>") ==
             "ok\n> a\n> > b");
}

BOOST_AUTO_TEST_CASE(header_words) {
  // Blanks between encoded-words go; blanks beside plain text stay.
  BOOST_TEST(danju::decode_header_text("=?utf-8?q?a?= =?utf-8?q?b?= c") ==
             "ab c");
  BOOST_TEST(danju::decode_header_text("=?UTF-8*zh?Q?=E5=90=8C_=E6=84=8F?=") ==
             "同 意");
  // A malformed word stays as written; raw GBK bytes are read as GB18030.
  BOOST_TEST(danju::decode_header_text("=?utf-8?x?abc?=") == "=?utf-8?x?abc?=");
  BOOST_TEST(danju::decode_header_text("\xCD\xAC\xD2\xE2") == "同意");
  // Words of two charsets are decoded each in its own.
  BOOST_TEST(danju::decode_header_text("=?gbk?B?zazS4g==?= =?utf-8?B?"
                                       "546L5ZaG?=") == "同意王喆");
}

BOOST_AUTO_TEST_CASE(undecodable_bytes_are_dropped_not_replaced) {
  // A utf-8 label on a body with one GBK line and one broken byte.
  const std::string bytes = "ok\n\xCD\xAC\xD2\xE2\nA\xFF" "B\n";
  BOOST_TEST(danju::text_from_charset(bytes, "utf-8") == "ok\n同意\nAB\n");
  BOOST_TEST(danju::text_from_charset("\xCD\xAC\xD2\xE2", "x-unknown") ==
             "同意");
  BOOST_TEST(danju::text_from_charset("\xB1\xA1\xFF", "big5") == "情");
}

BOOST_AUTO_TEST_CASE(transfer_decoders) {
  BOOST_TEST(danju::base64_decode_loose("5ZCM\r\n5oSP") == "同意");
  BOOST_TEST(danju::base64_decode_loose("YWI") == "ab");
  BOOST_TEST(danju::quoted_printable_decode("a=3Db =\nc  \nd=zz") ==
             "a=b c\nd=zz");
}

BOOST_AUTO_TEST_CASE(automatic_replies_are_named) {
  struct Case {
    std::string headers;
    std::string subject;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"Auto-Submitted: auto-replied\r\n", "Re: ZD20240815",
       "Auto-Submitted: auto-replied"},
      {"X-Autoreply: yes\r\n", "Re: ZD20240815", "X-Autoreply: yes"},
      {"X-Autorespond: ZD20240815\r\n", "Re: ZD20240815",
       "X-Autorespond: ZD20240815"},
      {"Precedence: auto_reply\r\n", "Re: ZD20240815",
       "Precedence: auto_reply"},
      {"Precedence: bulk\r\n", "Re: ZD20240815", "Precedence: bulk"},
      {"Precedence: junk\r\n", "Re: ZD20240815", "Precedence: junk"},
      {"", "自动回复：审批单",
       "an automatic reply's subject: 自动回复：审批单"},
      {"", "=?utf-8?B?6Ieq5Yqo5Zue5aSNOiDlrqHmibnljZU=?=",
       "an automatic reply's subject: 自动回复: 审批单"},
      {"", "Automatic reply: ZD20240815",
       "an automatic reply's subject: Automatic reply: ZD20240815"},
      {"", "Auto: ZD20240815",
       "an automatic reply's subject: Auto: ZD20240815"},
      {"", "Out of Office: ZD20240815",
       "an automatic reply's subject: Out of Office: ZD20240815"},
      {"", "【外出】12月1日至5日",
       "an automatic reply's subject: 【外出】12月1日至5日"},
  };
  for (const Case& c : cases) {
    const ReplyMessage reply =
        read_reply_message(human_message(c.headers, c.subject));
    BOOST_TEST(reply.automatic == c.reason);
  }

  BOOST_TEST(read_reply_message(human_message("Auto-Submitted: no\r\n"))
                 .automatic == "");
  BOOST_TEST(read_reply_message(human_message("Precedence: list\r\n"))
                 .automatic == "");
  BOOST_TEST(read_reply_message(human_message("", "Re: 外出采购审批")).automatic
             == "");
}

BOOST_AUTO_TEST_CASE(delivery_reports_and_daemons_are_automatic) {
  const std::string report =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\n"
      "To: orders@example.com\r\n"
      "Subject: Undelivered Mail Returned to Sender\r\n"
      "Content-Type: multipart/report; report-type=delivery-status;\r\n"
      "\tboundary=\"rep\"\r\n"
      "\r\n"
      "--rep\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n"
      "This is the mail system.\r\n"
      "--rep\r\n"
      "Content-Type: message/delivery-status\r\n"
      "\r\n"
      "Action: failed\r\n"
      "--rep--\r\n";
  const ReplyMessage bounce = read_reply_message(report);
  BOOST_TEST(bounce.automatic ==
             "a delivery or read report (multipart/report; delivery-status)");
  BOOST_TEST(bounce.text == "This is the mail system.");
  BOOST_TEST(bounce.from_address == "mailer-daemon@mx.example.com");

  const std::string daemon =
      "From: postmaster@example.com\r\nSubject: Notice\r\n\r\nhello\r\n";
  BOOST_TEST(read_reply_message(daemon).automatic ==
             "sent by postmaster@example.com");
}

BOOST_AUTO_TEST_CASE(mailbox_forms) {
  const ReplyMessage comment = read_reply_message(
      "From: Approver@Example.com (=?utf-8?B?546L5ZaG?=)\r\n\r\nok\r\n");
  BOOST_TEST(comment.from_address == "approver@example.com");
  BOOST_TEST(comment.from_name == "王喆");

  const ReplyMessage quoted = read_reply_message(
      "From: \"Wang, Zhe\" <wz@example.com>, other@example.com\r\n"
      "In-Reply-To: bare-id@example.com\r\n\r\nok\r\n");
  BOOST_TEST(quoted.from_address == "wz@example.com");
  BOOST_TEST(quoted.from_name == "Wang, Zhe");
  BOOST_TEST(quoted.references ==
             std::vector<std::string>{"bare-id@example.com"},
             boost::test_tools::per_element());
  BOOST_TEST(quoted.text == "ok\n");

  // A client that sends the name as raw GBK bytes, not encoded-words.
  const ReplyMessage raw_name = read_reply_message(
      "From: \xCD\xF5\x86\xB4 <wz@example.com>\r\n"
      "Date: Mon, 1 Dec 2026\r\n 09:00:00 +0800\r\n\r\nok\r\n");
  BOOST_TEST(raw_name.from_name == "王喆");
  BOOST_TEST(raw_name.date == "Mon, 1 Dec 2026 09:00:00 +0800");
}

BOOST_AUTO_TEST_CASE(what_is_not_a_message_is_refused) {
  BOOST_CHECK_THROW(read_reply_message(""), danju::ReplyError);
  BOOST_CHECK_THROW(read_reply_message("\r\n\r\n"), danju::ReplyError);
  BOOST_CHECK_THROW(read_reply_message("%PDF-1.4\n%\xE2\xE3\n"),
                    danju::ReplyError);
  BOOST_CHECK_THROW(read_reply_message("X-Thing: 1\r\n\r\nbody"),
                    danju::ReplyError);
}
