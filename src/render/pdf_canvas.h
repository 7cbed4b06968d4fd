// A PDF being drawn: pages of text, lines and filled boxes, written with
// PoDoFo's object API. Fonts are embedded as compact subsets (only the
// glyphs the document uses), as Type0/CIDFontType2 with Identity-H encoding
// and a ToUnicode map, so the text is real text that pdftotext extracts.
//
// Coordinates are points (1/72 inch) from the bottom-left corner of the
// page. One canvas makes one document; use it from one thread. The fonts
// must outlive the canvas.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "render/font_set.h"
#include "render/font_stock.h"

namespace danju {

struct Colour {
  double r = 0, g = 0, b = 0;  // 0..1
  // "#rrggbb"; throws std::invalid_argument for anything else.
  static Colour from_hex(const std::string& hex);
};

struct DocumentInfo {
  std::string title;    // UTF-8
  std::string subject;  // UTF-8
  std::string creator = "Danju";
  std::string date;     // YYYY-MM-DD: CreationDate; none of the clock's time
};

// PoDoFo writes debug notes ("Fixing references ...") to the standard
// streams, which cron would mail to the operator. Its switches are
// process-wide, so they are turned off once, for good: call before any
// thread uses PoDoFo (building a DocumentRenderer does). Safe to call again.
void keep_pdf_library_quiet();

class PdfCanvas {
 public:
  explicit PdfCanvas(const FontSet& fonts);
  // The same, drawing the glyphs that stock holds from it (see
  // font_stock.h). The stock must outlive the canvas.
  PdfCanvas(const FontSet& fonts, const FontStock& stock);
  ~PdfCanvas();

  // Throws std::invalid_argument when info.date is neither empty nor
  // YYYY-MM-DD.
  void set_info(const DocumentInfo& info);

  // Starts a new page; the drawing calls below go to the current page.
  // Drawing before the first page or after finish() throws
  // std::logic_error.
  void begin_page(double width_pt, double height_pt);

  // Draws one line of text with its baseline starting at (x, y). Throws
  // MissingGlyphError. Returns the advance width drawn.
  double text(double x, double y, double size, std::string_view utf8,
              const Colour& colour = Colour{});

  // The same, turned counter-clockwise by degrees around (x, y): for the
  // 草稿 / 作废 marks across a page.
  double rotated_text(double x, double y, double size, std::string_view utf8,
                      const Colour& colour, double degrees);

  void line(double x1, double y1, double x2, double y2, double width,
            const Colour& colour = Colour{});
  // A rectangle with (x, y) its bottom-left corner, filled and/or stroked.
  void fill_rect(double x, double y, double w, double h, const Colour& fill);
  void stroke_rect(double x, double y, double w, double h, double width,
                   const Colour& colour = Colour{});

  // Drawing done once and shown on several pages (a PDF form XObject):
  // after begin_form(), the drawing calls record into a new form of the
  // current page's size until end_form(); place_form() shows a form on the
  // current page, at the point of the call in its drawing order. Returns
  // the form's number. Nesting, placing inside a form or before the form
  // is drawn throws std::logic_error.
  int begin_form();
  void end_form();
  void place_form(int form);

  // Ends the document and returns the whole PDF. The same drawing calls give
  // the same bytes. The canvas cannot be drawn on afterwards. Throws
  // std::logic_error without pages, std::runtime_error if writing fails.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace danju
