#include "render/pdf_font_embedder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

#include "render/font_set_impl.h"
#include "render/pdf_deflate.h"
#include "render/pdf_font_subset.h"
#include "render/pdf_to_unicode.h"

namespace danju {

using PoDoFo::PdfArray;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::pdf_int64;

namespace {

// Six capital letters naming a subset, as PDF requires ("ABCDEF+Name").
// Derived from the face and its glyphs, so the same document always gets
// the same tag and different subsets rarely share one.
std::string subset_tag(const std::string& name,
                       const std::vector<std::uint32_t>& glyphs) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  auto mix = [&hash](std::uint64_t byte) {
    hash ^= byte;
    hash *= 1099511628211ull;
  };
  for (char c : name) mix(static_cast<unsigned char>(c));
  for (std::uint32_t glyph : glyphs) {
    for (int shift = 0; shift < 32; shift += 8) mix((glyph >> shift) & 0xFF);
  }

  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + hash % 26);
    hash /= 26;
  }
  return tag;
}

// A width in thousandths of an em, whole when it is whole.
PdfObject width_object(double width) {
  double whole = std::round(width);
  if (std::fabs(width - whole) < 1e-9) {
    return PdfObject(static_cast<pdf_int64>(whole));
  }
  return PdfObject(std::round(width * 1000) / 1000);
}

PdfObject font_units(const FontFace& face, int value) {
  return PdfObject(static_cast<pdf_int64>(
      std::lround(value * 1000.0 / face.units_per_em)));
}

// The /W array for glyphs 0..n-1 whose widths differ from the default
// width: runs of consecutive glyphs, as "first [w1 w2 ...]".
PdfArray widths_array(const std::vector<double>& widths, double default_width) {
  PdfArray array;
  std::size_t i = 0;
  while (i < widths.size()) {
    if (widths[i] == default_width) {
      ++i;
      continue;
    }
    PdfArray run;
    std::size_t first = i;
    while (i < widths.size() && widths[i] != default_width) {
      run.push_back(width_object(widths[i]));
      ++i;
    }
    array.push_back(PdfObject(static_cast<pdf_int64>(first)));
    array.push_back(PdfObject(run));
  }
  return array;
}

}  // namespace

PdfFontEmbedder::PdfFontEmbedder(const FontSet& fonts)
    : fonts_(fonts), faces_(fonts.impl().faces.size()) {}

void PdfFontEmbedder::use(const GlyphRun& run) {
  auto& characters = faces_.at(run.face).characters;
  for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
    characters.emplace(run.glyphs[i], run.text[i]);
  }
}

std::string PdfFontEmbedder::resource_name(int face) {
  return "F" + std::to_string(face);
}

std::uint32_t PdfFontEmbedder::new_glyph(int face,
                                         std::uint32_t glyph) const {
  return faces_.at(face).new_glyph.at(glyph);
}

PoDoFo::PdfReference PdfFontEmbedder::font_reference(int face) const {
  return faces_.at(face).font;
}

void PdfFontEmbedder::embed(PoDoFo::PdfVecObjects& objects) {
  for (std::size_t index = 0; index < faces_.size(); ++index) {
    FaceUse& use = faces_[index];
    if (use.characters.empty()) continue;
    const FontFace& face = *fonts_.impl().faces[index];

    std::vector<std::uint32_t> glyphs;
    glyphs.reserve(use.characters.size());
    for (const auto& entry : use.characters) glyphs.push_back(entry.first);
    std::sort(glyphs.begin(), glyphs.end());

    FontSubset subset = subset_face(face, glyphs);
    use.new_glyph = std::move(subset.new_glyph);

    // Widths and characters by new glyph id. Glyphs the text does not
    // name (parts of composite glyphs) need no width of their own.
    std::size_t glyph_count = 1;
    for (const auto& entry : use.new_glyph) {
      glyph_count = std::max<std::size_t>(glyph_count, entry.second + 1);
    }
    const double unnamed = -1;
    std::vector<double> widths(glyph_count, unnamed);
    std::vector<std::pair<std::uint32_t, char32_t>> characters;
    characters.reserve(glyphs.size());
    for (std::uint32_t glyph : glyphs) {
      std::uint32_t renumbered = use.new_glyph.at(glyph);
      widths[renumbered] = face.advance(glyph) * 1000.0 / face.units_per_em;
      characters.emplace_back(renumbered, use.characters.at(glyph));
    }
    std::sort(characters.begin(), characters.end());

    // The most common whole width becomes /DW, so that /W lists only the
    // rest (for Chinese text, nearly nothing). Poppler ignores a /DW that
    // is not a whole number.
    std::map<double, int> tally;
    for (double width : widths) {
      if (width != unnamed && width == std::round(width)) ++tally[width];
    }
    double default_width = 1000;
    int best = 0;
    for (const auto& entry : tally) {
      if (entry.second > best) {
        best = entry.second;
        default_width = entry.first;
      }
    }
    for (double& width : widths) {
      if (width == unnamed) width = default_width;
    }

    const std::string base_font =
        subset_tag(face.postscript_name, glyphs) + "+" + face.postscript_name;

    PdfObject* program = objects.CreateObject();
    set_deflated_stream(*program, subset.program);
    program->GetDictionary().AddKey(
        PdfName("Length1"),
        PdfObject(static_cast<pdf_int64>(subset.program.size())));

    PdfObject* descriptor = objects.CreateObject("FontDescriptor");
    auto& d = descriptor->GetDictionary();
    d.AddKey(PdfName("FontName"), PdfName(base_font));
    d.AddKey(PdfName("Flags"), PdfObject(static_cast<pdf_int64>(4)));
    PdfArray box;
    for (int value : face.bounding_box) box.push_back(font_units(face, value));
    d.AddKey(PdfName("FontBBox"), box);
    d.AddKey(PdfName("ItalicAngle"), PdfObject(static_cast<pdf_int64>(0)));
    d.AddKey(PdfName("Ascent"), font_units(face, face.ascender));
    d.AddKey(PdfName("Descent"), font_units(face, -face.descender));
    d.AddKey(PdfName("CapHeight"), font_units(face, face.cap_height));
    d.AddKey(PdfName("StemV"), PdfObject(static_cast<pdf_int64>(80)));
    d.AddKey(PdfName("FontFile2"), program->Reference());

    PdfObject* descendant = objects.CreateObject("Font");
    auto& c = descendant->GetDictionary();
    c.AddKey(PdfName("Subtype"), PdfName("CIDFontType2"));
    c.AddKey(PdfName("BaseFont"), PdfName(base_font));
    PoDoFo::PdfDictionary system_info;
    system_info.AddKey(PdfName("Registry"), PoDoFo::PdfString("Adobe"));
    system_info.AddKey(PdfName("Ordering"), PoDoFo::PdfString("Identity"));
    system_info.AddKey(PdfName("Supplement"),
                       PdfObject(static_cast<pdf_int64>(0)));
    c.AddKey(PdfName("CIDSystemInfo"), system_info);
    c.AddKey(PdfName("FontDescriptor"), descriptor->Reference());
    c.AddKey(PdfName("CIDToGIDMap"), PdfName("Identity"));
    c.AddKey(PdfName("DW"), width_object(default_width));
    PdfArray w = widths_array(widths, default_width);
    if (!w.empty()) c.AddKey(PdfName("W"), w);

    PdfObject* to_unicode = objects.CreateObject();
    set_deflated_stream(*to_unicode, to_unicode_cmap(characters));

    PdfObject* font = objects.CreateObject("Font");
    auto& f = font->GetDictionary();
    f.AddKey(PdfName("Subtype"), PdfName("Type0"));
    f.AddKey(PdfName("BaseFont"), PdfName(base_font));
    f.AddKey(PdfName("Encoding"), PdfName("Identity-H"));
    PdfArray descendants;
    descendants.push_back(descendant->Reference());
    f.AddKey(PdfName("DescendantFonts"), descendants);
    f.AddKey(PdfName("ToUnicode"), to_unicode->Reference());
    use.font = font->Reference();
  }
}

}  // namespace danju
