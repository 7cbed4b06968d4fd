// The fonts of one PDF document: which glyphs of which face the document
// uses, and, when the document is finished, the fonts embedded for them.
//
// Each face used gets up to two fonts: the template's stock (see
// font_stock.h), written from bytes prepared once per run, for the glyphs
// the stock holds; and the document's own compact subset for the rest. Both
// are Type0 with Identity-H encoding over a CIDFontType2 with a TrueType
// program, its widths and a ToUnicode map.
//
// Glyph ids change when a face is subset, so content that names glyphs is
// written after embed(), with new_glyph(). Use from one thread; the fonts
// and the stock must outlive the embedder.
#pragma once

#include <podofo/podofo.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/font_set.h"
#include "render/font_stock.h"

namespace danju {

// One font of a document: a face's own subset or the stock's.
struct FontSlot {
  int face = -1;
  bool stock = false;
  bool operator==(const FontSlot& other) const {
    return face == other.face && stock == other.stock;
  }
};

// A stretch [begin, end) of a run's glyphs that one font draws.
struct SlotPiece {
  FontSlot slot;
  std::size_t begin = 0, end = 0;
};

class PdfFontEmbedder {
 public:
  PdfFontEmbedder(const FontSet& fonts, const FontStock& stock);

  // Notes the glyphs of run (and the characters they stand for) as used,
  // and says which font draws which of them, in order.
  std::vector<SlotPiece> use(const GlyphRun& run);

  // Subsets every face used and writes its font objects into objects.
  // Call once. Throws std::runtime_error naming the font on failure.
  void embed(PoDoFo::PdfVecObjects& objects);

  // After embed(): the id in the embedded font of glyph (an id of the
  // original face), and the font object to put in a page's resources.
  std::uint32_t new_glyph(FontSlot slot, std::uint32_t glyph) const;
  PoDoFo::PdfReference font_reference(FontSlot slot) const;

  // The name a page's resources give the font: "F0", "F1"... for a face's
  // own subset, "S0", "S1"... for its stock.
  static std::string resource_name(FontSlot slot);

 private:
  // Limitation: a glyph drawn for two characters (a face mapping both to
  // one outline) copies as the first of them.
  struct FaceUse {
    // Original glyph id -> the first character it was drawn for.
    std::unordered_map<std::uint32_t, char32_t> characters;
    std::unordered_map<std::uint32_t, std::uint32_t> new_glyph;
    PoDoFo::PdfReference font;
    bool stock_used = false;
    PoDoFo::PdfReference stock_font;
  };

  const FontSet& fonts_;
  const FontStock& stock_;
  std::vector<FaceUse> faces_;
};

}  // namespace danju
