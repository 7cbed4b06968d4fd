// 纸质单据核对码: the text a printed paper carries in its QR code, so that
// finance can hold a paper against the records and the archive.
//
// The text is
//   DANJU1|<document no>|v<order version>|<hash>
// where <hash> is the first 12 lower-case hex digits of the SHA-256 of the
// order version's content as the store keeps it (orders.content_hash, the
// hash of the canonical order text). It is not the hash of the PDF: the
// PDF holds the code, and the same content hash is known to the database
// for every version, printed or not.
//
// Limitation: the code is a check against the records, not a signature;
// whoever knows an order's content can compute its hash and print a code.
#pragma once

#include <string>
#include <string_view>

namespace danju {

inline constexpr const char* kPaperCodeTag = "DANJU1";
inline constexpr std::size_t kPaperHashDigits = 12;

struct PaperCode {
  std::string document_no;  // a checked identifier
  int version = 0;          // 1 or more
  std::string hash;         // 12 lower-case hex digits
};

// The text of a paper's code. document_no must be a safe identifier and
// content_hash at least 12 hex digits; throws std::invalid_argument
// otherwise.
std::string paper_code_text(const std::string& document_no, int version,
                            const std::string& content_hash);

// Reads a code's text as a scanner gives it (blanks and a line break around
// it are ignored, hex digits in either case). Returns false and sets *error
// to a sentence saying what is wrong when the text is not a Danju code.
bool parse_paper_code(std::string_view text, PaperCode* code,
                      std::string* error);

}  // namespace danju
