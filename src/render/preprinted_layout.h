// 套打 printing a document's values onto pre-printed forms: each value in
// its box of a PreprintedTemplate, moved by the printer's offsets, and
// nothing else: no lines, labels, bands or marks, since the form has them.
//
// A value is broken into lines inside its box by the rules of Chinese line
// breaking; one that needs more lines than the box holds is set smaller,
// down to the box's min_font_size, and is refused when it still does not
// fit. So nothing is ever printed outside its box. Line items fill the
// form's rows; more items than rows continue on the next form, each form a
// page, with {page.no} / {page.count} counting the forms.
#pragma once

#include "render/field_values.h"
#include "render/font_set.h"
#include "render/pdf_canvas.h"
#include "render/preprinted_template.h"

namespace danju {

// How far a printer misplaces what it prints, corrected by moving every
// position: x to the right, y down, in mm (negative: left, up).
struct PrintOffset {
  double x_mm = 0;
  double y_mm = 0;
};

// Draws every form of the document on canvas; returns the number of forms
// (pages). Throws RenderError naming the template line, the field and the
// value that does not fit its box, or a value no font can draw.
int draw_preprinted(const PreprintedTemplate& form, FieldValues values,
                    const FontSet& fonts, const PrintOffset& offset,
                    PdfCanvas* canvas);

// The forms a document with item_count items takes (at least one).
int preprinted_form_count(const PreprintedTemplate& form, int item_count);

}  // namespace danju
