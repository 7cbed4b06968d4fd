#include "render/pdf_font_embedder.h"

#include <utility>

#include "render/font_set_impl.h"
#include "render/pdf_font_program.h"

namespace danju {

PdfFontEmbedder::PdfFontEmbedder(const FontSet& fonts, const FontStock& stock)
    : fonts_(fonts), stock_(stock), faces_(fonts.impl().faces.size()) {}

std::vector<SlotPiece> PdfFontEmbedder::use(const GlyphRun& run) {
  FaceUse& face = faces_.at(static_cast<std::size_t>(run.face));
  std::vector<SlotPiece> pieces;
  for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
    const bool stock = stock_.holds(run.face, run.glyphs[i]);
    if (stock) {
      face.stock_used = true;
    } else {
      face.characters.emplace(run.glyphs[i], run.text[i]);
    }
    if (pieces.empty() || pieces.back().slot.stock != stock) {
      pieces.push_back({{run.face, stock}, i, i});
    }
    pieces.back().end = i + 1;
  }
  return pieces;
}

std::string PdfFontEmbedder::resource_name(FontSlot slot) {
  return (slot.stock ? "S" : "F") + std::to_string(slot.face);
}

std::uint32_t PdfFontEmbedder::new_glyph(FontSlot slot,
                                         std::uint32_t glyph) const {
  if (slot.stock) return stock_.font(slot.face)->new_glyph.at(glyph);
  return faces_.at(static_cast<std::size_t>(slot.face)).new_glyph.at(glyph);
}

PoDoFo::PdfReference PdfFontEmbedder::font_reference(FontSlot slot) const {
  const FaceUse& face = faces_.at(static_cast<std::size_t>(slot.face));
  return slot.stock ? face.stock_font : face.font;
}

void PdfFontEmbedder::embed(PoDoFo::PdfVecObjects& objects) {
  for (std::size_t index = 0; index < faces_.size(); ++index) {
    FaceUse& use = faces_[index];
    const FontFace& face = *fonts_.impl().faces[index];
    if (use.stock_used) {
      use.stock_font = write_font(objects, face,
                                  *stock_.font(static_cast<int>(index)));
    }
    if (use.characters.empty()) continue;

    PreparedFont own = prepare_font(face, use.characters, Deflate::fast);
    use.font = write_font(objects, face, own);
    use.new_glyph = std::move(own.new_glyph);
  }
}

}  // namespace danju
