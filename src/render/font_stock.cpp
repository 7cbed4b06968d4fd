#include "render/font_stock.h"

#include <stdexcept>
#include <unordered_map>

#include "render/font_set_impl.h"

namespace danju {

FontStock::FontStock(const FontSet& fonts,
                     const std::vector<std::string>& texts) {
  const std::size_t face_count = fonts.impl().faces.size();
  std::vector<std::unordered_map<std::uint32_t, char32_t>> characters(
      face_count);

  for (const std::string& text : texts) {
    std::vector<GlyphRun> runs;
    try {
      runs = fonts.shape(text, 10);
    } catch (const MissingGlyphError&) {
      continue;
    } catch (const std::invalid_argument&) {
      continue;
    }
    for (const GlyphRun& run : runs) {
      auto& used = characters.at(static_cast<std::size_t>(run.face));
      for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
        used.emplace(run.glyphs[i], run.text[i]);
      }
    }
  }

  faces_.resize(face_count);
  for (std::size_t face = 0; face < face_count; ++face) {
    if (characters[face].empty()) continue;
    faces_[face] = prepare_font(*fonts.impl().faces[face], characters[face],
                                 Deflate::smallest);
  }
}

bool FontStock::holds(int face, std::uint32_t glyph) const {
  const PreparedFont* prepared = font(face);
  return prepared != nullptr && prepared->new_glyph.count(glyph) != 0;
}

const PreparedFont* FontStock::font(int face) const {
  if (face < 0 || static_cast<std::size_t>(face) >= faces_.size()) {
    return nullptr;
  }
  const auto& prepared = faces_[static_cast<std::size_t>(face)];
  return prepared ? &*prepared : nullptr;
}

}  // namespace danju
