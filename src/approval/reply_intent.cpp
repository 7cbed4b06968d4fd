// read_intent(): the decision words of a reply, read as words.
#include "approval/reply_intent.h"

#include <cctype>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace danju {

namespace {

// One decision word or phrase. Latin ones are matched as whole words
// without regard to case, Chinese ones wherever they stand.
struct DecisionWord {
  std::u32string_view text;
  Intent intent;
};

// Longer words first where one contains another: 不同意 before 同意.
constexpr DecisionWord kWords[] = {
    {U"不同意", Intent::reject},     {U"不批准", Intent::reject},
    {U"不通过", Intent::reject},     {U"不可以", Intent::reject},
    {U"不予批准", Intent::reject},   {U"不行", Intent::reject},
    {U"驳回", Intent::reject},       {U"拒绝", Intent::reject},
    {U"否决", Intent::reject},       {U"同意", Intent::approve},
    {U"批准", Intent::approve},      {U"通过", Intent::approve},
    {U"可以", Intent::approve},      {U"not approved", Intent::reject},
    {U"not approve", Intent::reject}, {U"not ok", Intent::reject},
    {U"no problem", Intent::approve}, {U"rejected", Intent::reject},
    {U"reject", Intent::reject},     {U"declined", Intent::reject},
    {U"decline", Intent::reject},    {U"no", Intent::reject},
    {U"approved", Intent::approve},  {U"approve", Intent::approve},
    {U"okay", Intent::approve},      {U"ok", Intent::approve},
    {U"yes", Intent::approve},       {U"agreed", Intent::approve},
    {U"agree", Intent::approve},
};

// Words before a decision word that make it a question: 能否同意.
constexpr std::u32string_view kAskingBefore[] = {
    U"能否", U"可否", U"是否", U"能不能", U"是不是", U"请问"};

// Words right after a decision word that make it a question: 同意吗.
constexpr std::u32string_view kAskingAfter[] = {U"吗", U"么", U"否"};

// Words shortly before an approve word that turn it round: 不太同意,
// 无法同意, 未批准.
constexpr std::u32string_view kNegations[] = {U"不", U"未", U"没", U"无法",
                                              U"别"};

struct Found {
  std::size_t start;
  std::size_t end;
  Intent intent;
};

bool is_latin(char32_t c) {
  return c < 0x80 && std::isalnum(static_cast<int>(c));
}

bool is_latin_word(std::u32string_view word) { return is_latin(word[0]); }

// The text compared: full-width forms as ASCII, ASCII letters lower case.
// One code point in, one out, so positions are the same as in the text.
std::u32string comparable(const std::u32string& text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c == 0x3000) c = ' ';
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    out.push_back(c);
  }
  return out;
}

bool matches_at(const std::u32string& text, std::size_t at,
                std::u32string_view word) {
  if (text.compare(at, word.size(), word) != 0) return false;
  if (!is_latin_word(word)) return true;
  const bool starts_word = at == 0 || !is_latin(text[at - 1]);
  const std::size_t end = at + word.size();
  const bool ends_word = end == text.size() || !is_latin(text[end]);
  return starts_word && ends_word;
}

bool preceded_by(const std::u32string& text, std::size_t at,
                 std::u32string_view word, std::size_t within) {
  for (std::size_t gap = 0; gap <= within; ++gap) {
    if (at < word.size() + gap) return false;
    const std::size_t start = at - word.size() - gap;
    if (text.compare(start, word.size(), word) == 0) return true;
  }
  return false;
}

bool is_sentence_end(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' ||
         c == U'\u3002';
}

bool is_clause_end(char32_t c) {
  return is_sentence_end(c) || c == ',' || c == ':' || c == U'\u3001';
}

// True when the decision word at [start, end) is asked about, not given.
bool is_question(const std::u32string& text, const Found& word) {
  for (std::u32string_view asking : kAskingBefore) {
    if (preceded_by(text, word.start, asking, 1)) return true;
  }
  for (std::u32string_view asking : kAskingAfter) {
    if (text.compare(word.end, asking.size(), asking) == 0) return true;
  }
  std::size_t i = word.end;
  while (i < text.size() && !is_sentence_end(text[i])) ++i;
  return i < text.size() && text[i] == '?';
}

// True when a negation shortly before an approve word, in its clause,
// turns it into a rejection: 不太同意, "not ok" is a phrase of its own.
bool is_negated(const std::u32string& text, const Found& word) {
  std::size_t clause_start = word.start;
  while (clause_start > 0 && !is_clause_end(text[clause_start - 1]) &&
         word.start - clause_start < 2) {
    --clause_start;
  }
  const std::u32string before =
      text.substr(clause_start, word.start - clause_start);
  for (std::u32string_view negation : kNegations) {
    if (before.find(negation) != std::u32string::npos) return true;
  }
  if (is_latin(text[word.start])) {
    for (std::u32string_view negation : {std::u32string_view(U"not "),
                                         std::u32string_view(U"don't "),
                                         std::u32string_view(U"cannot ")}) {
      if (preceded_by(text, word.start, negation, 0)) return true;
    }
  }
  return false;
}

std::vector<Found> find_decision_words(const std::u32string& text) {
  std::vector<Found> found;
  std::size_t at = 0;
  while (at < text.size()) {
    bool matched = false;
    for (const DecisionWord& word : kWords) {
      if (matches_at(text, at, word.text)) {
        found.push_back({at, at + word.text.size(), word.intent});
        at += word.text.size();
        matched = true;
        break;
      }
    }
    if (!matched) ++at;
  }
  return found;
}

bool is_edge_mark(char32_t c) {
  static constexpr std::u32string_view kMarks =
      U" \t\n\r,.:;!-\u3000\u3001\u3002\uFF0C\uFF1A\uFF1B\uFF01\uFF0E"
      U"\u2014\u2026";
  return kMarks.find(c) != std::u32string_view::npos;
}

// The rest of the text after the decision word, one line, without the
// punctuation and blanks at its ends.
std::string reason_after(const std::u32string& text, std::size_t end) {
  std::size_t first = end;
  std::size_t last = text.size();
  while (first < last && is_edge_mark(text[first])) ++first;
  while (last > first && is_edge_mark(text[last - 1])) --last;
  return trim(one_line(encode_utf8(text.substr(first, last - first))));
}

}  // namespace

ReadIntent read_intent(const std::string& own_text) {
  ReadIntent result;
  const std::u32string text = decode_utf8(own_text);
  const std::u32string compared = comparable(text);

  bool approves = false;
  bool rejects = false;
  const Found* first_reject = nullptr;
  const std::vector<Found> words = find_decision_words(compared);
  for (const Found& word : words) {
    if (is_question(compared, word)) continue;
    Intent intent = word.intent;
    if (intent == Intent::approve && is_negated(compared, word)) {
      intent = Intent::reject;
    }
    if (intent == Intent::approve) approves = true;
    if (intent == Intent::reject) {
      rejects = true;
      if (first_reject == nullptr) first_reject = &word;
    }
  }

  // Both kinds, or none: a person must read it.
  if (approves == rejects) return result;
  if (approves) {
    result.intent = Intent::approve;
    return result;
  }
  result.intent = Intent::reject;
  result.reason = reason_after(text, first_reject->end);
  return result;
}

}  // namespace danju
