// What an approver meant: the decision read from the reply's own words.
#pragma once

#include <string>

namespace danju {

// The reply's own new text: the quoted original (lines starting with '>',
// a "-----原始邮件-----" / "-----Original Message-----" block, "在…写道：",
// "On … wrote:", Outlook's From:/Sent:/To:/Subject: header block and what
// follows it) and the signature (after "-- ", or a line of dashes or
// underscores) are cut off.
std::string own_words(const std::string& text);

enum class Intent { approve, reject, unclear };

struct ReadIntent {
  Intent intent = Intent::unclear;
  std::string reason;  // for a rejection: the rest of the text, may be empty
};

// Reads the decision from own_words() output. Approve words (同意, 批准,
// 通过, 可以, OK, approve(d), yes) and reject words (不同意, 驳回, 拒绝, 否决,
// reject(ed), no) count as intent, not as substrings: 不同意 and 暂不同意
// reject; a question (同意吗？, 能否同意?) or both kinds of word decide
// nothing; an empty text decides nothing. Latin words match whole words
// without regard to case ("No." rejects, "Noted" decides nothing); a
// negation just before an approve word (不太同意, 无法同意, "not ok")
// rejects. Other text beside a single kind of decision is a remark:
// "同意，但请注意交期" approves.
//
// The reason is the text after the first reject word, on one line, with the
// punctuation and blanks at its ends removed: "驳回：交货期太短，请重新报价"
// gives "交货期太短，请重新报价".
//
// Limitation: a sign-off under a rejection ("暂不同意。\n王喆") becomes part
// of the reason, since a name cannot be told from a reason.
ReadIntent read_intent(const std::string& own_text);

}  // namespace danju
