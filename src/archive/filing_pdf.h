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

// Every page of first, then every page of second, as one PDF: the bytes of
// first unchanged, followed by an incremental update (PDF 1.7, 7.5.6) that
// adds the pages of second with their fonts and the page tree that lists
// them. So the joined file begins with exactly the approved PDF, and
// cutting it at first's length gives that PDF back; a reader shows every
// page, the text of both stays extractable. The same inputs give the same
// bytes. Throws PdfJoinError.
// Limitation: outlines, form fields and signatures of second are not
// carried over; Danju's papers have none.
std::string join_pdfs(const std::string& first, const std::string& second);

}  // namespace danju
