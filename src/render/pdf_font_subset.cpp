#include "render/pdf_font_subset.h"

#include <hb-subset.h>

#include <stdexcept>

namespace danju {

namespace {

// Tables a PDF viewer never reads for a CID-keyed TrueType font: the PDF
// names glyphs by id, so neither the character map nor glyph names are
// needed, nor layout, hinting or bitmap tables.
const hb_tag_t kDroppedTables[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
    HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
    HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G'),
    HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'),
    HB_TAG('V', 'D', 'M', 'X'), HB_TAG('v', 'h', 'e', 'a'),
    HB_TAG('v', 'm', 't', 'x'), HB_TAG('g', 'a', 's', 'p'),
    HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'),
    HB_TAG('E', 'B', 'S', 'C'), HB_TAG('F', 'F', 'T', 'M'),
    HB_TAG('c', 'm', 'a', 'p'), HB_TAG('p', 'o', 's', 't'),
};

}  // namespace

FontSubset subset_face(const FontFace& face,
                       const std::vector<std::uint32_t>& glyphs) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) {
    throw std::runtime_error("out of memory subsetting font " + face.path);
  }
  hb_set_t* wanted = hb_subset_input_glyph_set(input);
  hb_set_add(wanted, 0);
  for (std::uint32_t glyph : glyphs) hb_set_add(wanted, glyph);
  hb_set_t* dropped =
      hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag : kDroppedTables) hb_set_add(dropped, tag);
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);

  hb_subset_plan_t* plan =
      hb_subset_plan_create_or_fail(face.subset_source(), input);
  hb_subset_input_destroy(input);
  if (plan == nullptr) {
    throw std::runtime_error("font " + face.path +
                             " could not be subset (HarfBuzz refused it)");
  }

  FontSubset subset;
  const hb_map_t* mapping = hb_subset_plan_old_to_new_glyph_mapping(plan);
  subset.new_glyph.reserve(glyphs.size());
  for (std::uint32_t glyph : glyphs) {
    hb_codepoint_t renumbered = hb_map_get(mapping, glyph);
    if (renumbered == HB_MAP_VALUE_INVALID) {
      hb_subset_plan_destroy(plan);
      throw std::runtime_error("font " + face.path + " lost glyph " +
                               std::to_string(glyph) + " while subsetting");
    }
    subset.new_glyph.emplace(glyph, renumbered);
  }

  hb_face_t* result = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
  if (result == nullptr) {
    throw std::runtime_error("font " + face.path +
                             " could not be subset (HarfBuzz failed)");
  }
  hb_blob_t* blob = hb_face_reference_blob(result);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  subset.program.assign(data, length);
  hb_blob_destroy(blob);
  hb_face_destroy(result);
  return subset;
}

}  // namespace danju
