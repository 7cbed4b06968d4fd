#include "mail/encoded_word.h"

#include <algorithm>
#include <stdexcept>

#include "core/text.h"
#include "mail/transfer_encoding.h"

namespace danju {

namespace {

// Room for one 4-byte character: 12 fixed characters and 8 of base64.
constexpr std::size_t kMinEncodedWord = 20;

// How many bytes the UTF-8 sequence starting with this lead byte takes.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

// The most UTF-8 bytes whose base64 fits a word of this many characters.
std::size_t payload_bytes(std::size_t word_limit) {
  return (word_limit - kEncodedWordOverhead) / 4 * 3;
}

}  // namespace

bool is_plain_header_text(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) return false;
  }
  return text.find("=?") == std::string_view::npos;
}

std::vector<std::string> encode_words(std::string_view text,
                                      std::size_t first_limit,
                                      std::size_t next_limit) {
  if (!is_valid_utf8(text)) {
    throw std::invalid_argument("header text is not valid UTF-8");
  }
  const auto clamp = [](std::size_t limit) {
    return std::clamp(limit, kMinEncodedWord, kMaxEncodedWord);
  };
  first_limit = clamp(first_limit);
  next_limit = clamp(next_limit);

  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t budget =
        payload_bytes(words.empty() ? first_limit : next_limit);

    // Take whole characters while they fit; the budget always holds one.
    std::size_t end = start;
    while (end < text.size()) {
      const auto length =
          sequence_length(static_cast<unsigned char>(text[end]));
      if (end + length - start > budget) break;
      end += length;
    }

    words.push_back("=?UTF-8?B?" +
                    base64_encode(text.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

}  // namespace danju
