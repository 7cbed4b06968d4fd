// The glyphs of a template's own wording (titles, labels, column heads,
// clauses), subset and compressed once per run and then written as the same
// bytes into every document made from that template.
//
// A document draws a glyph from the stock when the stock holds it and from
// its own subset otherwise, so each document still embeds only the glyphs
// of its own values besides its template's wording. Read-only once built:
// any number of threads may use one stock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "render/font_set.h"
#include "render/pdf_font_program.h"

namespace danju {

class FontStock {
 public:
  // An empty stock: every glyph is a document's own.
  FontStock() = default;

  // Prepares, face by face, one subset of the glyphs fonts draws for texts.
  // A text with a character no font has, or that is not UTF-8, is left out
  // (rendering reports it). Throws std::runtime_error if subsetting fails.
  FontStock(const FontSet& fonts, const std::vector<std::string>& texts);

  // Whether the stock holds glyph (an id of the original face) of face.
  bool holds(int face, std::uint32_t glyph) const;

  // The prepared font of face; nullptr when the texts use nothing of it.
  const PreparedFont* font(int face) const;

 private:
  std::vector<std::optional<PreparedFont>> faces_;
};

}  // namespace danju
