// The fonts of a run: a Latin font and CJK fonts with per-character fallback.
//
// Loaded once per run (the font files are mapped, not copied) and shared
// read-only by every worker thread. For each character the set picks the
// face that draws it: for Latin letters, digits and ASCII punctuation the
// Latin font first, for everything else the CJK fonts in order, then the
// other fonts. A character no face has is an error, never a .notdef box.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace danju {

// A character that none of the fonts has. what() names the code point.
class MissingGlyphError : public std::runtime_error {
 public:
  MissingGlyphError(char32_t code_point, const std::string& what)
      : std::runtime_error(what), code_point_(code_point) {}
  char32_t code_point() const { return code_point_; }

 private:
  char32_t code_point_;
};

// One piece of text that one face draws: what the PDF writer emits as one
// run of glyph ids.
struct GlyphRun {
  int face = 0;                    // index into FontSet faces
  std::vector<std::uint32_t> glyphs;  // glyph ids in that face
  std::u32string text;             // the characters, for ToUnicode
  double width = 0;                // advance in points at the given size
};

class FontSet {
 public:
  // paths: Latin font first, then the CJK fonts in fallback order. A path
  // may name a face of a collection as "file.ttc#1". Throws
  // std::runtime_error naming the file when a font cannot be read.
  static std::shared_ptr<const FontSet> load(
      const std::string& latin_path, const std::vector<std::string>& cjk_paths);
  ~FontSet();

  // The characters of text in runs of one face each, with advances at size
  // points. Throws MissingGlyphError for the first character no face has,
  // std::invalid_argument when text is not well-formed UTF-8.
  std::vector<GlyphRun> shape(std::string_view utf8, double size) const;

  // Advance width in points of text at size points (same rules as shape).
  double width(std::string_view utf8, double size) const;

  // Advance width in points of one character at size points; width() is
  // the sum of these. Throws MissingGlyphError.
  double advance(char32_t c, double size) const;

  // The first character of text that no face has, or 0 when all are drawn.
  char32_t first_missing(std::string_view utf8) const;

  // Font metrics in units of the size: ascent above and descent below the
  // baseline (positive numbers), from the first CJK face.
  double ascent() const;
  double descent() const;

  struct Impl;  // font data, used by the PDF writer in this folder
  const Impl& impl() const { return *impl_; }

 private:
  explicit FontSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace danju
