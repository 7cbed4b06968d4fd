#include "archive/filing_pdf.h"

#include <podofo/podofo.h>

namespace danju {

namespace {

// PoDoFo prints a line per renumbered object to standard error while it
// appends; the operator's log has no use for them.
class QuietPodofo {
 public:
  QuietPodofo()
      : debug_(PoDoFo::PdfError::DebugEnabled()),
        logging_(PoDoFo::PdfError::LoggingEnabled()) {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  }
  ~QuietPodofo() {
    PoDoFo::PdfError::EnableDebug(debug_);
    PoDoFo::PdfError::EnableLogging(logging_);
  }

 private:
  bool debug_;
  bool logging_;
};

}  // namespace

std::string join_pdfs(const std::string& first, const std::string& second) {
  // Limitation: the switch is process-wide; PoDoFo debug output of another
  // thread is muted too while a join runs.
  QuietPodofo quiet;
  const char* step = "reading the approved PDF";
  try {
    PoDoFo::PdfMemDocument joined;
    joined.LoadFromBuffer(first.data(), static_cast<long>(first.size()));
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
    joined.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  } catch (const PoDoFo::PdfError& error) {
    throw PdfJoinError(std::string(step) + " failed: " +
                       PoDoFo::PdfError::ErrorMessage(error.GetError()));
  }
}

}  // namespace danju
