// Loading the fonts of a run and choosing a face per character.

#include "render/font_set.h"

#include <hb-ot.h>
#include <hb-subset.h>

#include <cstdlib>
#include <stdexcept>

#include "core/text.h"
#include "render/font_set_impl.h"

namespace danju {

namespace {

// Latin letters, digits and ASCII punctuation look right only in the Latin
// font: Basic Latin, Latin-1 and Latin Extended A and B, and the Latin
// Extended Additional block (Vietnamese letters).
bool prefers_latin_font(char32_t c) {
  return c <= 0x024F || (c >= 0x1E00 && c <= 0x1EFF);
}

std::int16_t read_int16(const char* data) {
  auto high = static_cast<unsigned char>(data[0]);
  auto low = static_cast<unsigned char>(data[1]);
  return static_cast<std::int16_t>((high << 8) | low);
}

// "file.ttc#2" names face 2 of a collection; a plain path is face 0.
void split_face_index(const std::string& spec, std::string& file,
                      unsigned& index) {
  file = spec;
  index = 0;
  auto hash = spec.rfind('#');
  if (hash == std::string::npos) return;

  std::string digits = spec.substr(hash + 1);
  char* end = nullptr;
  unsigned long value = std::strtoul(digits.c_str(), &end, 10);
  if (digits.empty() || *end != '\0') {
    throw std::runtime_error("font \"" + spec + "\": the face number after "
                             "'#' must be a whole number, as in file.ttc#1");
  }
  file = spec.substr(0, hash);
  index = static_cast<unsigned>(value);
}

std::string postscript_name_of(hb_face_t* face) {
  char buffer[128];
  unsigned size = sizeof buffer;
  hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
                      HB_LANGUAGE_INVALID, &size, buffer);

  // A PDF font name may hold no spaces, delimiters or non-ASCII bytes.
  std::string name;
  for (unsigned i = 0; i < size && buffer[i] != '\0'; ++i) {
    char c = buffer[i];
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 (c >= '0' && c <= '9') || c == '-';
    if (plain) name += c;
  }
  return name.empty() ? "Font" : name;
}

std::unique_ptr<FontFace> load_face(const std::string& spec) {
  std::string file;
  unsigned index = 0;
  split_face_index(spec, file, index);

  auto face = std::make_unique<FontFace>();
  face->path = spec;
  face->blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (face->blob == nullptr) {
    throw std::runtime_error("font file " + file +
                             " cannot be read (missing or not readable)");
  }
  unsigned count = hb_face_count(face->blob);
  if (index >= count) {
    throw std::runtime_error(
        "font file " + file + " has " + std::to_string(count) +
        " face(s), so face #" + std::to_string(index) + " does not exist" +
        (count == 0 ? "; it may not be a TrueType or OpenType font" : ""));
  }
  face->face = hb_face_create(face->blob, index);
  if (hb_face_get_glyph_count(face->face) == 0) {
    throw std::runtime_error("font " + spec + " has no glyphs; it may not "
                             "be a TrueType or OpenType font");
  }

  face->units_per_em = hb_face_get_upem(face->face);
  face->font = hb_font_create(face->face);
  hb_font_set_scale(face->font, face->units_per_em, face->units_per_em);
  face->postscript_name = postscript_name_of(face->face);

  hb_font_extents_t extents{};
  hb_font_get_h_extents(face->font, &extents);
  face->ascender = extents.ascender;
  face->descender = -extents.descender;
  hb_position_t cap_height = 0;
  face->cap_height =
      hb_ot_metrics_get_position(face->font, HB_OT_METRICS_TAG_CAP_HEIGHT,
                                 &cap_height)
          ? cap_height
          : face->ascender;

  // The bounding box lives only in the 'head' table: four 16-bit numbers
  // at byte 36.
  hb_blob_t* head = hb_face_reference_table(face->face,
                                            HB_TAG('h', 'e', 'a', 'd'));
  unsigned length = 0;
  const char* data = hb_blob_get_data(head, &length);
  if (length >= 44) {
    for (int i = 0; i < 4; ++i) {
      face->bounding_box[i] = read_int16(data + 36 + 2 * i);
    }
  }
  hb_blob_destroy(head);
  return face;
}

// The faces to try for a character, best first.
std::vector<int> face_order(std::size_t face_count, bool latin) {
  std::vector<int> order;
  if (latin) order.push_back(0);
  for (std::size_t i = 1; i < face_count; ++i) {
    order.push_back(static_cast<int>(i));
  }
  if (!latin) order.push_back(0);
  return order;
}

}  // namespace

FontFace::~FontFace() {
  hb_face_destroy(prepared_source_);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
}

hb_face_t* FontFace::subset_source() const {
  // Subsetting the same face for every document is much faster when the
  // face's tables are parsed once; a fallback face that no document needs
  // is never parsed.
  std::call_once(prepared_, [this] {
    prepared_source_ = hb_subset_preprocess(face);
  });
  return prepared_source_;
}

int FontFace::advance(std::uint32_t glyph) const {
  return hb_font_get_glyph_h_advance(font, glyph);
}

const GlyphChoice& FontSet::Impl::choice(char32_t code_point) const {
  static const GlyphChoice none;
  if (code_point < basic_plane.size()) return basic_plane[code_point];
  auto found = upper_planes.find(code_point);
  return found == upper_planes.end() ? none : found->second;
}

MissingGlyphError missing_glyph(char32_t code_point) {
  std::string name = code_point_name(code_point);

  // Show the character itself too, unless it is invisible or not a
  // character at all (a control code or a lone surrogate).
  bool printable = code_point >= 0x20 &&
                   !(code_point >= 0x7F && code_point <= 0x9F) &&
                   !(code_point >= 0xD800 && code_point <= 0xDFFF) &&
                   code_point <= 0x10FFFF;
  if (printable) {
    name += " (";
    append_utf8(name, code_point);
    name += ")";
  }
  return MissingGlyphError(
      code_point, "the character " + name +
                      " is in none of the configured fonts, so it cannot "
                      "be printed");
}

FontSet::FontSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontSet::~FontSet() = default;

std::shared_ptr<const FontSet> FontSet::load(
    const std::string& latin_path, const std::vector<std::string>& cjk_paths) {
  auto impl = std::make_unique<Impl>();
  impl->faces.push_back(load_face(latin_path));
  for (const auto& path : cjk_paths) impl->faces.push_back(load_face(path));
  if (impl->faces.size() > 0x7FFF) {
    throw std::runtime_error("too many fonts configured");
  }

  // Every character any face has, and which faces have it.
  std::vector<hb_set_t*> covered;
  hb_set_t* all = hb_set_create();
  for (const auto& face : impl->faces) {
    hb_set_t* set = hb_set_create();
    hb_face_collect_unicodes(face->face, set);
    hb_set_union(all, set);
    covered.push_back(set);
  }

  // Decide once, so that drawing needs only a table look-up.
  const auto latin_order = face_order(impl->faces.size(), true);
  const auto other_order = face_order(impl->faces.size(), false);
  impl->basic_plane.resize(0x10000);
  hb_codepoint_t c = HB_SET_VALUE_INVALID;
  while (hb_set_next(all, &c)) {
    const auto& order = prefers_latin_font(c) ? latin_order : other_order;
    for (int i : order) {
      if (!hb_set_has(covered[i], c)) continue;
      const FontFace& face = *impl->faces[i];
      hb_codepoint_t glyph = 0;
      if (!hb_font_get_nominal_glyph(face.font, c, &glyph) || glyph == 0) {
        continue;
      }

      GlyphChoice choice;
      choice.glyph = glyph;
      choice.advance = face.advance(glyph);
      choice.face = static_cast<std::int16_t>(i);
      if (c < 0x10000) {
        impl->basic_plane[c] = choice;
      } else {
        impl->upper_planes.emplace(static_cast<char32_t>(c), choice);
      }
      break;
    }
  }

  for (hb_set_t* set : covered) hb_set_destroy(set);
  hb_set_destroy(all);
  return std::shared_ptr<const FontSet>(new FontSet(std::move(impl)));
}

std::vector<GlyphRun> FontSet::shape(std::string_view utf8,
                                     double size) const {
  if (!is_valid_utf8(utf8)) {
    throw std::invalid_argument("text to print is not valid UTF-8");
  }

  std::vector<GlyphRun> runs;
  std::int64_t run_units = 0;  // advance of the current run in font units
  for (char32_t c : decode_utf8(utf8)) {
    const GlyphChoice& choice = impl_->choice(c);
    if (choice.face < 0) throw missing_glyph(c);

    if (runs.empty() || runs.back().face != choice.face) {
      if (!runs.empty()) {
        const FontFace& face = *impl_->faces[runs.back().face];
        runs.back().width = run_units * size / face.units_per_em;
      }
      runs.emplace_back();
      runs.back().face = choice.face;
      run_units = 0;
    }
    runs.back().glyphs.push_back(choice.glyph);
    runs.back().text.push_back(c);
    run_units += choice.advance;
  }
  if (!runs.empty()) {
    const FontFace& face = *impl_->faces[runs.back().face];
    runs.back().width = run_units * size / face.units_per_em;
  }
  return runs;
}

double FontSet::width(std::string_view utf8, double size) const {
  if (!is_valid_utf8(utf8)) {
    throw std::invalid_argument("text to print is not valid UTF-8");
  }

  double total = 0;
  for (char32_t c : decode_utf8(utf8)) {
    const GlyphChoice& choice = impl_->choice(c);
    if (choice.face < 0) throw missing_glyph(c);
    total += static_cast<double>(choice.advance) /
             impl_->faces[choice.face]->units_per_em;
  }
  return total * size;
}

double FontSet::advance(char32_t c, double size) const {
  const GlyphChoice& choice = impl_->choice(c);
  if (choice.face < 0) throw missing_glyph(c);
  return static_cast<double>(choice.advance) /
         impl_->faces[choice.face]->units_per_em * size;
}

char32_t FontSet::first_missing(std::string_view utf8) const {
  for (char32_t c : decode_utf8(utf8)) {
    if (impl_->choice(c).face < 0) return c;
  }
  return 0;
}

double FontSet::ascent() const {
  const FontFace& face = *impl_->faces[impl_->faces.size() > 1 ? 1 : 0];
  return static_cast<double>(face.ascender) / face.units_per_em;
}

double FontSet::descent() const {
  const FontFace& face = *impl_->faces[impl_->faces.size() > 1 ? 1 : 0];
  return static_cast<double>(face.descender) / face.units_per_em;
}

}  // namespace danju
