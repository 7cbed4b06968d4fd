#include "render/pdf_font_program.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

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

// The /W array: runs of consecutive glyphs whose widths differ from the
// default width, as "first [w1 w2 ...]".
PdfArray widths_array(const std::vector<double>& widths) {
  PdfArray array;
  std::size_t i = 0;
  while (i < widths.size()) {
    if (widths[i] < 0) {
      ++i;
      continue;
    }
    PdfArray run;
    std::size_t first = i;
    while (i < widths.size() && widths[i] >= 0) {
      run.push_back(width_object(widths[i]));
      ++i;
    }
    array.push_back(PdfObject(static_cast<pdf_int64>(first)));
    array.push_back(PdfObject(run));
  }
  return array;
}

// The most common whole width, so that /W lists only the rest (for Chinese
// text, nearly nothing). Poppler ignores a /DW that is not a whole number.
double most_common_width(const std::vector<double>& widths) {
  std::map<double, int> tally;
  for (double width : widths) {
    if (width >= 0 && width == std::round(width)) ++tally[width];
  }
  double common = 1000;
  int best = 0;
  for (const auto& entry : tally) {
    if (entry.second > best) {
      best = entry.second;
      common = entry.first;
    }
  }
  return common;
}

}  // namespace

PreparedFont prepare_font(
    const FontFace& face,
    const std::unordered_map<std::uint32_t, char32_t>& characters,
    Deflate effort) {
  std::vector<std::uint32_t> glyphs;
  glyphs.reserve(characters.size());
  for (const auto& entry : characters) glyphs.push_back(entry.first);
  std::sort(glyphs.begin(), glyphs.end());

  FontSubset subset = subset_face(face, glyphs);
  PreparedFont font;
  font.new_glyph = std::move(subset.new_glyph);
  font.base_font =
      subset_tag(face.postscript_name, glyphs) + "+" + face.postscript_name;

  // Widths and characters by new glyph id. Glyphs the text does not name
  // (parts of composite glyphs) need no width of their own.
  std::size_t glyph_count = 1;
  for (const auto& entry : font.new_glyph) {
    glyph_count = std::max<std::size_t>(glyph_count, entry.second + 1);
  }
  font.widths.assign(glyph_count, -1);
  std::vector<std::pair<std::uint32_t, char32_t>> mapping;
  mapping.reserve(glyphs.size());
  for (std::uint32_t glyph : glyphs) {
    const std::uint32_t renumbered = font.new_glyph.at(glyph);
    font.widths[renumbered] =
        face.advance(glyph) * 1000.0 / face.units_per_em;
    mapping.emplace_back(renumbered, characters.at(glyph));
  }
  std::sort(mapping.begin(), mapping.end());
  font.default_width = most_common_width(font.widths);
  for (double& width : font.widths) {
    if (width == font.default_width) width = -1;
  }

  font.program_length = subset.program.size();
  font.program = deflate_bytes(subset.program, effort);
  font.to_unicode = deflate_bytes(to_unicode_cmap(mapping), effort);
  return font;
}

PoDoFo::PdfReference write_font(PoDoFo::PdfVecObjects& objects,
                                const FontFace& face,
                                const PreparedFont& font) {
  PdfObject* program = objects.CreateObject();
  set_deflated_bytes(*program, font.program);
  program->GetDictionary().AddKey(
      PdfName("Length1"), PdfObject(static_cast<pdf_int64>(
                              font.program_length)));

  PdfObject* descriptor = objects.CreateObject("FontDescriptor");
  auto& d = descriptor->GetDictionary();
  d.AddKey(PdfName("FontName"), PdfName(font.base_font));
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
  c.AddKey(PdfName("BaseFont"), PdfName(font.base_font));
  PoDoFo::PdfDictionary system_info;
  system_info.AddKey(PdfName("Registry"), PoDoFo::PdfString("Adobe"));
  system_info.AddKey(PdfName("Ordering"), PoDoFo::PdfString("Identity"));
  system_info.AddKey(PdfName("Supplement"),
                     PdfObject(static_cast<pdf_int64>(0)));
  c.AddKey(PdfName("CIDSystemInfo"), system_info);
  c.AddKey(PdfName("FontDescriptor"), descriptor->Reference());
  c.AddKey(PdfName("CIDToGIDMap"), PdfName("Identity"));
  c.AddKey(PdfName("DW"), width_object(font.default_width));
  PdfArray w = widths_array(font.widths);
  if (!w.empty()) c.AddKey(PdfName("W"), w);

  PdfObject* to_unicode = objects.CreateObject();
  set_deflated_bytes(*to_unicode, font.to_unicode);

  PdfObject* type0 = objects.CreateObject("Font");
  auto& f = type0->GetDictionary();
  f.AddKey(PdfName("Subtype"), PdfName("Type0"));
  f.AddKey(PdfName("BaseFont"), PdfName(font.base_font));
  f.AddKey(PdfName("Encoding"), PdfName("Identity-H"));
  PdfArray descendants;
  descendants.push_back(descendant->Reference());
  f.AddKey(PdfName("DescendantFonts"), descendants);
  f.AddKey(PdfName("ToUnicode"), to_unicode->Reference());
  return type0->Reference();
}

}  // namespace danju
