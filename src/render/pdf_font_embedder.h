// The fonts of one PDF document: which glyphs of which face the document
// uses, and, when the document is finished, one embedded subset font per
// face used (Type0 with Identity-H encoding over a CIDFontType2 with the
// subset TrueType program, its widths and a ToUnicode map).
//
// Glyph ids change when a face is subset, so content that names glyphs is
// written after embed(), with new_glyph(). Use from one thread; the fonts
// must outlive the embedder.
#pragma once

#include <podofo/podofo.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/font_set.h"

namespace danju {

class PdfFontEmbedder {
 public:
  explicit PdfFontEmbedder(const FontSet& fonts);

  // Notes the glyphs of run (and the characters they stand for) as used.
  void use(const GlyphRun& run);

  // Subsets every face used and writes its font objects into objects.
  // Call once. Throws std::runtime_error naming the font on failure.
  void embed(PoDoFo::PdfVecObjects& objects);

  // After embed(): the id in the embedded font of glyph (an id of the
  // original face), and the font object to put in a page's resources.
  std::uint32_t new_glyph(int face, std::uint32_t glyph) const;
  PoDoFo::PdfReference font_reference(int face) const;

  // The name a page's resources give the font of face: "F0", "F1"...
  static std::string resource_name(int face);

 private:
  // Limitation: a glyph drawn for two characters (a face mapping both to
  // one outline) copies as the first of them.
  struct FaceUse {
    // Original glyph id -> the first character it was drawn for.
    std::unordered_map<std::uint32_t, char32_t> characters;
    std::unordered_map<std::uint32_t, std::uint32_t> new_glyph;
    PoDoFo::PdfReference font;
  };

  const FontSet& fonts_;
  std::vector<FaceUse> faces_;
};

}  // namespace danju
