// A compact copy of one face holding only the glyphs a document uses, made
// with HarfBuzz's subsetter. Glyphs are renumbered from 0 (.notdef) up, so
// the program stays small however large the original face is.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/font_set_impl.h"

namespace danju {

struct FontSubset {
  std::string program;  // a TrueType font file, ready for /FontFile2
  // Original glyph id -> glyph id in the program, for every glyph asked for.
  std::unordered_map<std::uint32_t, std::uint32_t> new_glyph;
};

// The subset of face with glyphs (original ids; .notdef is always kept).
// Hinting and layout tables are dropped: a PDF needs outlines and advances
// only. Throws std::runtime_error naming the font if HarfBuzz fails.
FontSubset subset_face(const FontFace& face,
                       const std::vector<std::uint32_t>& glyphs);

}  // namespace danju
