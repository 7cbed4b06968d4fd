// Joining two PDFs into one: the approved paper followed by its trail page.
#pragma once

#include <stdexcept>
#include <string>

namespace danju {

// A PDF that PoDoFo cannot read or write. what() says which part failed.
class PdfJoinError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every page of first, then every page of second, as one PDF. The first
// document's info (title, dates) is kept; the pages of both are copied with
// their fonts, so the text of both stays extractable. The same inputs give
// the same bytes. Throws PdfJoinError.
// Limitation: outlines, form fields and signatures of the inputs are not
// carried over; Danju's papers have none.
std::string join_pdfs(const std::string& first, const std::string& second);

}  // namespace danju
