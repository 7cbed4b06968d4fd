// The text of a paper's code: written from a document's number, version
// and content hash, and read back as a scanner gives it.
#define BOOST_TEST_MODULE core_paper_code
#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

#include "core/paper_code.h"

using danju::PaperCode;

namespace {

const std::string kHash =
    "1A23ABB8A4A25A0F9F012421DEC6741E598B2D5F6577AFEF8081FF57089C68AB";

std::string rejection(const std::string& text) {
  PaperCode code;
  std::string error;
  BOOST_CHECK_MESSAGE(!danju::parse_paper_code(text, &code, &error),
                      text + " was read as a paper code");
  return error;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_text_names_number_version_and_twelve_hex) {
  BOOST_TEST(danju::paper_code_text("SP-HT-2026-00001", 3, kHash) ==
             "DANJU1|SP-HT-2026-00001|v3|1a23abb8a4a2");
}

BOOST_AUTO_TEST_CASE(what_cannot_be_a_code_is_refused_when_written) {
  BOOST_CHECK_THROW(danju::paper_code_text("SP|1", 1, kHash),
                    std::invalid_argument);
  BOOST_CHECK_THROW(danju::paper_code_text("SP-1", 0, kHash),
                    std::invalid_argument);
  BOOST_CHECK_THROW(danju::paper_code_text("SP-1", 1, ""),
                    std::invalid_argument);
  BOOST_CHECK_THROW(danju::paper_code_text("SP-1", 1, "xyz0123456789"),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_scanned_code_is_read_back) {
  PaperCode code;
  std::string error;
  // Desk scanners often end what they read with a line break.
  BOOST_REQUIRE(danju::parse_paper_code(
      " DANJU1|FH-LP002|v12|1A23abb8a4a2\r\n", &code, &error));
  BOOST_TEST(code.document_no == "FH-LP002");
  BOOST_TEST(code.version == 12);
  BOOST_TEST(code.hash == "1a23abb8a4a2");
}

BOOST_AUTO_TEST_CASE(other_texts_say_what_is_wrong) {
  BOOST_TEST(rejection("https://example.com/").find("not a Danju paper "
                                                    "code") !=
             std::string::npos);
  BOOST_TEST(rejection("DANJU2|FH-1|v1|1a23abb8a4a2").find("not a Danju") !=
             std::string::npos);
  BOOST_TEST(rejection("DANJU1|FH/1|v1|1a23abb8a4a2").find("FH/1") !=
             std::string::npos);
  BOOST_TEST(rejection("DANJU1|FH-1|1|1a23abb8a4a2").find("not a version") !=
             std::string::npos);
  BOOST_TEST(rejection("DANJU1|FH-1|v0|1a23abb8a4a2").find("not a version") !=
             std::string::npos);
  BOOST_TEST(rejection("DANJU1|FH-1|v1|1a23abb8a4").find("12 hex") !=
             std::string::npos);
  BOOST_TEST(rejection("DANJU1|FH-1|v1|1a23abb8a4a2|x").find("not a Danju") !=
             std::string::npos);
}
