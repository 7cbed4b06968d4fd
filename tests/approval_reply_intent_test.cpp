// own_words and read_intent: what an approver decided, read from the words
// they wrote above the quoted original.
#define BOOST_TEST_MODULE approval_reply_intent
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "approval/reply_intent.h"
#include "core/file_io.h"
#include "mail/reply_message.h"

namespace danju {

std::ostream& operator<<(std::ostream& out, Intent intent) {
  switch (intent) {
    case Intent::approve: return out << "approve";
    case Intent::reject: return out << "reject";
    case Intent::unclear: return out << "unclear";
  }
  return out << "?";
}

}  // namespace danju

namespace {

using danju::Intent;
using danju::own_words;
using danju::read_intent;

std::string reply_text(const std::string& name) {
  const std::string raw =
      danju::read_file(std::string(DANJU_TEST_DATA) + "/" + name);
  return danju::read_reply_message(raw).text;
}

const std::string kReplacement = "\xEF\xBF\xBD";

}  // namespace

BOOST_AUTO_TEST_CASE(agreement_only_in_the_quoted_original_decides_nothing) {
  for (const char* name : {"C08a_outlook_quote.eml", "C08b_gt_quote.eml"}) {
    BOOST_TEST_CONTEXT(name) {
      const std::string own = own_words(reply_text(name));
      BOOST_TEST(own.find("同意") == std::string::npos);
      BOOST_TEST(!own.empty());
      BOOST_TEST(own.find(kReplacement) == std::string::npos);
      BOOST_TEST(read_intent(own).intent == Intent::unclear);
      BOOST_TEST(read_intent(own).reason == "");
    }
  }
  BOOST_TEST(own_words(reply_text("C08b_gt_quote.eml")) ==
             "好的，明天答复。");
}

BOOST_AUTO_TEST_CASE(mislabelled_gbk_reply_approves) {
  const std::string own =
      own_words(reply_text("C10a_gb2312_label_gbk_body.eml"));
  BOOST_TEST(own == "同意。王喆");
  BOOST_TEST(read_intent(own).intent == Intent::approve);
}

BOOST_AUTO_TEST_CASE(split_subject_reply_approves_from_its_body) {
  const std::string own =
      own_words(reply_text("C10c_split_gb2312_subject.eml"));
  BOOST_TEST(own == "同意");
  BOOST_TEST(read_intent(own).intent == Intent::approve);
}

BOOST_AUTO_TEST_CASE(replies_in_every_form) {
  struct Case {
    const char* file;
    std::string own;
    Intent intent;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"reply_qp_utf8.eml", "同意，按新报价执行。\n\n王喆", Intent::approve,
       ""},
      {"reply_base64_gb18030.eml",
       "驳回：交货期太短，请重新报价\n\n\U00020BB7祥家居 王喆", Intent::reject,
       // The reason is one line: its line ends became one blank.
       "交货期太短，请重新报价 \U00020BB7祥家居 王喆"},
      {"reply_big5.eml", "同意。\n陳經理", Intent::approve, ""},
      {"reply_html_only.eml", "同意 & 谢谢\n王喆\n销售部<总部>",
       Intent::approve, ""},
      {"reply_alternative.eml", "OK, approved", Intent::approve, ""},
      {"reply_mixed_attachment.eml", "不同意，价格太高", Intent::reject,
       "价格太高"},
      {"reply_nested.eml", "暂不同意。\n王喆", Intent::reject, "王喆"},
      {"reply_outlook_original.eml", "Approved.", Intent::approve, ""},
      {"reply_outlook_header_block.eml", "No.\n价格需要重新核算",
       Intent::reject, "价格需要重新核算"},
      {"reply_on_wrote.eml", "Yes", Intent::approve, ""},
      {"reply_zai_xiedao.eml", "同意", Intent::approve, ""},
      {"reply_signature.eml", "驳回：交货期太短，请重新报价", Intent::reject,
       "交货期太短，请重新报价"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.file) {
      const std::string own = own_words(reply_text(c.file));
      BOOST_TEST(own == c.own);
      const danju::ReadIntent read = read_intent(own);
      BOOST_TEST(read.intent == c.intent);
      BOOST_TEST(read.reason == c.reason);
    }
  }
}

BOOST_AUTO_TEST_CASE(quoted_blocks_are_cut) {
  BOOST_TEST(own_words("同意\n> 请回复驳回\n谢谢") == "同意\n谢谢");
  BOOST_TEST(own_words("Agreed\n\n________________________________\n"
                       "From: Orders\nSent: Monday\n驳回") == "Agreed");
  BOOST_TEST(own_words("OK\n*From:* Orders\n*Sent:* Monday\n驳回") == "OK");
  BOOST_TEST(own_words("同意\n发件人：订单系统\n"
                       "发送时间：2026年12月1日\n驳回") ==
             "同意");
  BOOST_TEST(own_words("ok\nOn Mon, 1 Dec 2026 at 09:00, Orders\n"
                       "<orders@example.com> wrote:\n> no") == "ok");
  BOOST_TEST(own_words("同意\n在 2026年12月1日 09:00，订单系统\n"
                       "<orders@example.com> 写道：\n驳回") == "同意");
  BOOST_TEST(own_words("同意\n------------------ 原始邮件 ------------------\n"
                       "驳回") == "同意");
  BOOST_TEST(own_words("同意\n-- \n驳回") == "同意");
  BOOST_TEST(own_words("同意\n--\n驳回") == "同意");
  // A From: line that is the approver's own text, with no header block.
  BOOST_TEST(own_words("From: 我\n同意") == "From: 我\n同意");
  BOOST_TEST(own_words("\n\n  同意  \n\n") == "同意");
  BOOST_TEST(own_words("") == "");
}

BOOST_AUTO_TEST_CASE(decisions_read_as_words) {
  struct Case {
    std::string text;
    Intent intent;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"同意", Intent::approve, ""},
      {"同意。", Intent::approve, ""},
      {"OK", Intent::approve, ""},
      {"ok, approved", Intent::approve, ""},
      {"Yes", Intent::approve, ""},
      {"批准", Intent::approve, ""},
      {"可以，通过", Intent::approve, ""},
      {"同意，但请注意交期", Intent::approve, ""},
      {"是否同意：同意", Intent::approve, ""},
      {"No.", Intent::reject, ""},
      {"不同意，价格太高", Intent::reject, "价格太高"},
      {"不同意,价格太高。", Intent::reject, "价格太高"},
      {"驳回：交货期太短，请重新报价", Intent::reject,
       "交货期太短，请重新报价"},
      {"暂不同意", Intent::reject, ""},
      {"不太同意这个价格", Intent::reject, "这个价格"},
      {"拒绝", Intent::reject, ""},
      {"否决。预算不足", Intent::reject, "预算不足"},
      {"Rejected: price too high", Intent::reject, "price too high"},
      {"not approved", Intent::reject, ""},
      {"同意吗？", Intent::unclear, ""},
      {"能否同意?", Intent::unclear, ""},
      {"OK?", Intent::unclear, ""},
      {"同意。\n驳回", Intent::unclear, ""},
      {"同意，驳回", Intent::unclear, ""},
      {"", Intent::unclear, ""},
      {"收到，明天答复", Intent::unclear, ""},
      // Words inside other words are no decision.
      {"Noted, booking the truck", Intent::unclear, ""},
      {"I know", Intent::unclear, ""},
      {"okra", Intent::unclear, ""},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) {
      const danju::ReadIntent read = read_intent(c.text);
      BOOST_TEST(read.intent == c.intent);
      BOOST_TEST(read.reason == c.reason);
    }
  }
}
