// The inside of a FontSet, shared by the files of this folder that draw
// with it (the PDF writer needs the faces themselves to subset them).
//
// Everything here is built by FontSet::load and only read afterwards (a
// face's subsetting tables are made once, on first use, under a once-flag),
// so any number of threads may use one FontSet at the same time.
#pragma once

#include <hb.h>

#include <array>
#include <mutex>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/font_set.h"

namespace danju {

// One face of a font file, as HarfBuzz sees it. Owns its HarfBuzz objects.
struct FontFace {
  FontFace() = default;
  FontFace(const FontFace&) = delete;
  FontFace& operator=(const FontFace&) = delete;
  ~FontFace();

  std::string path;             // as configured, "file.ttc#1" included
  hb_blob_t* blob = nullptr;    // the mapped file
  hb_face_t* face = nullptr;    // the face inside it
  hb_font_t* font = nullptr;    // scaled to font units (units per em)

  unsigned units_per_em = 1000;
  std::string postscript_name;  // letters, digits and '-' only

  // Metrics in font units: ascender and descender as positive distances
  // from the baseline, the height of capitals, the bounding box of all
  // glyphs (x min, y min, x max, y max).
  int ascender = 0;
  int descender = 0;
  int cap_height = 0;
  std::array<int, 4> bounding_box{};

  // Advance of one glyph in font units.
  int advance(std::uint32_t glyph) const;

  // The face prepared for fast subsetting, made on first use by whichever
  // thread needs it first.
  hb_face_t* subset_source() const;

 private:
  mutable std::once_flag prepared_;
  mutable hb_face_t* prepared_source_ = nullptr;
};

// Which face draws a character, with which glyph and advance.
struct GlyphChoice {
  std::uint32_t glyph = 0;
  std::int32_t advance = 0;  // font units of that face
  std::int16_t face = -1;    // -1: no face has the character
};

struct FontSet::Impl {
  std::vector<std::unique_ptr<FontFace>> faces;  // Latin first, then CJK

  // The choice for every character, decided at load time: a table for the
  // Basic Multilingual Plane and a map for the planes above it.
  std::vector<GlyphChoice> basic_plane;
  std::unordered_map<char32_t, GlyphChoice> upper_planes;

  const GlyphChoice& choice(char32_t code_point) const;
};

// The error for a character that no face has, naming it for the operator.
MissingGlyphError missing_glyph(char32_t code_point);

}  // namespace danju
