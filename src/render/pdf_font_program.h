// A subset font made ready to embed: the compressed TrueType program, the
// widths and the ToUnicode map of the glyphs it holds, and the PDF objects
// written from them (Type0 with Identity-H encoding over a CIDFontType2).
//
// Preparing is the costly part (subsetting and compressing); writing copies
// the prepared bytes into a document, so one prepared font can be written
// into any number of documents, from any number of threads.
#pragma once

#include <podofo/podofo.h>

#include <cstdint>
#include <string>
#include <unordered_map>

#include "render/font_set_impl.h"
#include "render/pdf_deflate.h"

namespace danju {

struct PreparedFont {
  std::string base_font;  // "ABCDEF+PostScriptName"
  std::string program;    // the TrueType program, deflated
  std::size_t program_length = 0;  // its length before deflating
  std::string to_unicode;          // the ToUnicode CMap, deflated
  double default_width = 1000;     // thousandths of an em
  // Widths by glyph id in the program; -1 where the default applies.
  std::vector<double> widths;
  // Original glyph id -> glyph id in the program.
  std::unordered_map<std::uint32_t, std::uint32_t> new_glyph;
};

// Subsets face to the glyphs of characters (original glyph id -> the
// character it is drawn for) and compresses the result with effort. Throws
// std::runtime_error naming the font if subsetting fails.
PreparedFont prepare_font(
    const FontFace& face,
    const std::unordered_map<std::uint32_t, char32_t>& characters,
    Deflate effort);

// Writes the font's objects into objects and returns the Type0 font to put
// in page resources.
PoDoFo::PdfReference write_font(PoDoFo::PdfVecObjects& objects,
                                const FontFace& face,
                                const PreparedFont& font);

}  // namespace danju
