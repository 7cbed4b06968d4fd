// 套打模板 a template for printing onto pre-printed forms: the form already
// carries the lines, labels and bands, so only the values are printed, each
// in a box at a position measured on the blank form.
//
// Positions are millimetres from the top-left corner of the form: a field's
// box has its top-left corner at (x, y), is width wide and holds lines
// lines of text. Line items are printed in rows of columns, the first row's
// top at items.y and each next row row_pitch lower; a form holds rows
// rows, and more items continue on the next form. The file format is
// described in templates/README.md.
//
// Reading checks what printing would later trip over: unknown keys and
// placeholders, boxes outside the paper, rows that overlap. Each mistake is
// a TemplateError "file:line: what is wrong".
#pragma once

#include <string>
#include <vector>

#include "render/document_template.h"

namespace danju {

// Which forms of a document a field is printed on: totals go on the last
// form only, "continued" notes on every other.
enum class FormPages { all, last, not_last };

// One value on the form.
struct PreprintedField {
  std::string value;  // template text: document fields and {page.*}
  double x = 0, y = 0, width = 0;  // mm
  int lines = 1;
  double font_size = 10;      // points
  double min_font_size = 10;  // a value too long is set smaller, down to this
  Align align = Align::left;
  FormPages pages = FormPages::all;
  int line = 0;  // where it is written in the file
};

// One column of the line-item rows; its boxes are one line high.
struct PreprintedColumn {
  std::string value;  // template text with {item.*}
  double x = 0, width = 0;  // mm
  Align align = Align::left;
  int line = 0;
};

struct PreprintedItems {
  double y = 0;          // mm, top of the first row
  double row_pitch = 7;  // mm from one row's top to the next
  int rows = 0;          // rows on one form; 0: the form has no item rows
  double font_size = 10;
  double min_font_size = 10;
  std::vector<PreprintedColumn> columns;
};

struct PreprintedTemplate {
  std::string file;
  double width = 241, height = 140;  // mm, the form's paper
  std::vector<PreprintedField> fields;
  PreprintedItems items;
};

// The height in mm of a box of lines lines at size points: the line pitch
// the values are set with.
double preprinted_box_height(int lines, double size);

// Reads and checks a template file. Throws TemplateError.
PreprintedTemplate load_preprinted_template(const std::string& path);

// The same from text already read; file names it in errors.
PreprintedTemplate parse_preprinted_template(const std::string& text,
                                             const std::string& file);

}  // namespace danju
