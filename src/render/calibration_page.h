// 套打校准 the calibration page of a pre-printed form: printed on a blank
// form with a printer's current offsets, it shows how far that printer
// misplaces what it prints, and whether the boxes of the template fall
// into the form's cells.
//
// Page 1, on the form's paper size: a light 10 mm grid, millimetre rulers
// along the top and the left, crosshairs A to D at known positions, and the
// box of every field and item cell of the template labelled with what it
// prints. Page 2: how to measure and what to write in the job file. Both
// pages are moved by the offsets, exactly as a printed paper would be.
#pragma once

#include <string>
#include <vector>

#include "render/font_set.h"
#include "render/pdf_canvas.h"
#include "render/preprinted_layout.h"
#include "render/preprinted_template.h"

namespace danju {

// A crosshair of the calibration page: its letter and where its centre
// belongs, in mm from the form's top-left corner.
struct CalibrationMark {
  std::string name;  // "A"
  double x = 0, y = 0;
};

// The crosshairs of a form: A top left, B top right, C bottom left, D
// bottom right, each 20 mm in from the edges.
std::vector<CalibrationMark> calibration_marks(const PreprintedTemplate& form);

// Draws the two pages of the calibration page on canvas. printer names the
// printer on the page. Throws MissingGlyphError only for a template whose
// text no font draws.
void draw_calibration(const PreprintedTemplate& form, const FontSet& fonts,
                      const std::string& printer, const PrintOffset& offset,
                      PdfCanvas* canvas);

}  // namespace danju
