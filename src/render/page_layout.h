// The layout engine: a template filled with one request's values, flowed
// onto pages and drawn on a canvas.
//
// Blocks flow down the page in template order. Text wraps inside its cell
// by the rules of Chinese line breaking and a row grows to fit its tallest
// cell, so nothing overflows. A row that does not fit the rest of a page
// starts the next one; the line-item table then repeats its header row.
// Every page carries the header, the copy band of a multi-part form and the
// footer with 第 x 页 共 y 页, counted within each copy.
#pragma once

#include "render/document_template.h"
#include "render/field_values.h"
#include "render/font_set.h"
#include "render/pdf_canvas.h"

namespace danju {

// Draws all pages of the document (every copy in turn) on canvas. Returns
// the number of pages drawn. Throws RenderError for a value no font can draw
// or a single row taller than a page; MissingGlyphError for template text
// itself that no font has.
// The height in points that the header and a one-line footer leave for
// the blocks of each page, without the copy band, measured with the
// template's sizes alone (no font is needed).
double content_room(const DocumentTemplate& document);

int draw_document(const DocumentTemplate& document, FieldValues values,
                  const FontSet& fonts, PdfCanvas* canvas);

}  // namespace danju
