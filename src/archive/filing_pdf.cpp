#include "archive/filing_pdf.h"

#include <podofo/podofo.h>

#include <cctype>
#include <string>

#include "core/file_io.h"
#include "render/pdf_canvas.h"

namespace danju {

namespace {

// PoDoFo stamps the clock's time as /ModDate (and a file identifier made
// from it) into a document it loaded and writes again, so the same two PDFs
// would join into different bytes each time, and a paper filed by a run
// that was killed before recording it could not be filed again by the next
// run. The stamp's fourteen digits are replaced, in place (the lengths, and
// so the offsets, stay), by those of the document's own /CreationDate, or by
// zeros without one. The first keep bytes (the approved PDF) are left as
// they are.
void keep_modification_date_out_of(std::string* pdf, std::size_t keep) {
  const std::string modified = "/ModDate(D:";
  const std::string created = "/CreationDate(D:";
  constexpr std::size_t kDigits = 14;
  std::string digits(kDigits, '0');
  const auto creation = pdf->find(created);
  if (creation != std::string::npos &&
      creation + created.size() + kDigits <= pdf->size()) {
    const std::string found = pdf->substr(creation + created.size(), kDigits);
    if (found.find_first_not_of("0123456789") == std::string::npos) {
      digits = found;
    }
  }
  for (auto at = pdf->find(modified, keep); at != std::string::npos;
       at = pdf->find(modified, at + 1)) {
    if (at + modified.size() + kDigits > pdf->size()) break;
    pdf->replace(at + modified.size(), kDigits, digits);
  }

  // The file identifier PoDoFo made from that time goes the same way: both
  // halves of /ID[<32 hex><32 hex>] become the start of the SHA-256 of the
  // document with them zeroed, so equal documents get equal identifiers.
  const std::string id = "/ID[<";
  constexpr std::size_t kHex = 32;
  const auto at = pdf->rfind(id);
  const std::size_t first = at + id.size();
  const std::size_t second = first + kHex + 2;
  if (at == std::string::npos || at < keep || second + kHex > pdf->size() ||
      pdf->compare(first + kHex, 2, "><") != 0) {
    return;
  }
  const std::string zeros(kHex, '0');
  pdf->replace(first, kHex, zeros);
  pdf->replace(second, kHex, zeros);
  std::string hash = sha256_hex(*pdf).substr(0, kHex);
  for (char& c : hash) c = static_cast<char>(std::toupper(c));
  pdf->replace(first, kHex, hash);
  pdf->replace(second, kHex, hash);
}

}  // namespace

std::string join_pdfs(const std::string& first, const std::string& second) {
  keep_pdf_library_quiet();
  const char* step = "reading the approved PDF";
  try {
    // Loaded for an incremental update: what is written is first, byte for
    // byte, then only the objects the new pages add or change.
    PoDoFo::PdfMemDocument joined;
    joined.LoadFromBuffer(first.data(), static_cast<long>(first.size()),
                          true);
    step = "reading the trail PDF";
    PoDoFo::PdfMemDocument extra;
    extra.LoadFromBuffer(second.data(), static_cast<long>(second.size()));

    step = "appending the trail pages";
    joined.InsertPages(extra, 0, extra.GetPageCount());

    step = "writing the joined PDF";
    joined.SetWriteMode(PoDoFo::ePdfWriteMode_Compact);
    PoDoFo::PdfRefCountedBuffer buffer(
        static_cast<long>(first.size() + second.size() + 4096));
    PoDoFo::PdfOutputDevice device(&buffer);
    joined.WriteUpdate(&device, true);
    std::string pdf(buffer.GetBuffer(), device.GetLength());
    if (pdf.compare(0, first.size(), first) != 0) {
      throw PdfJoinError("writing the joined PDF changed the approved PDF's "
                         "own bytes");
    }
    keep_modification_date_out_of(&pdf, first.size());
    return pdf;
  } catch (const PoDoFo::PdfError& error) {
    throw PdfJoinError(std::string(step) + " failed: " +
                       PoDoFo::PdfError::ErrorMessage(error.GetError()));
  }
}

}  // namespace danju
