#include "core/paper_code.h"

#include <cctype>
#include <stdexcept>

#include "core/identifier.h"
#include "core/text.h"

namespace danju {

namespace {

bool is_hex(std::string_view text) {
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return !text.empty();
}

}  // namespace

std::string paper_code_text(const std::string& document_no, int version,
                            const std::string& content_hash) {
  if (!is_safe_identifier(document_no)) {
    throw std::invalid_argument("paper code: \"" + document_no +
                                "\" is not a document number");
  }
  if (version < 1) {
    throw std::invalid_argument("paper code: version " +
                                std::to_string(version) + " of " +
                                document_no + " is not 1 or more");
  }
  if (content_hash.size() < kPaperHashDigits || !is_hex(content_hash)) {
    throw std::invalid_argument("paper code: " + document_no +
                                " has no content hash to print");
  }
  return std::string(kPaperCodeTag) + "|" + document_no + "|v" +
         std::to_string(version) + "|" +
         ascii_lower(content_hash.substr(0, kPaperHashDigits));
}

bool parse_paper_code(std::string_view text, PaperCode* code,
                      std::string* error) {
  const std::vector<std::string> parts = split(trim(text), '|');
  if (parts.size() != 4 || parts[0] != kPaperCodeTag) {
    *error = "not a Danju paper code (it reads DANJU1|document no|vN|"
             "12 hex digits)";
    return false;
  }
  if (!is_safe_identifier(parts[1])) {
    *error = "\"" + parts[1] + "\" is not a document number";
    return false;
  }
  const std::string& version = parts[2];
  bool digits = version.size() >= 2 && version.size() <= 7 &&
                version[0] == 'v' && version[1] != '0';
  for (std::size_t i = 1; digits && i < version.size(); ++i) {
    digits = std::isdigit(static_cast<unsigned char>(version[i])) != 0;
  }
  if (!digits) {
    *error = "\"" + version + "\" is not a version (v1, v2, ...)";
    return false;
  }
  if (parts[3].size() != kPaperHashDigits || !is_hex(parts[3])) {
    *error = "\"" + parts[3] + "\" is not a hash of " +
             std::to_string(kPaperHashDigits) + " hex digits";
    return false;
  }
  code->document_no = parts[1];
  code->version = std::stoi(version.substr(1));
  code->hash = ascii_lower(parts[3]);
  return true;
}

}  // namespace danju
