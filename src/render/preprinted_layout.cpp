#include "render/preprinted_layout.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "render/document_renderer.h"
#include "render/line_breaker.h"

namespace danju {

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kShrinkStep = 0.5;  // points, when a value is set smaller

double mm(double millimetres) { return millimetres * kPointsPerMm; }

// A box on the form, in mm from its top-left corner.
struct Box {
  double x = 0, y = 0, width = 0;
  int lines = 1;
  double font_size = 10, min_font_size = 10;
  Align align = Align::left;
};

class FormPrinter {
 public:
  FormPrinter(const PreprintedTemplate& form, const FontSet& fonts,
              const PrintOffset& offset, PdfCanvas* canvas)
      : form_(form), fonts_(fonts), offset_(offset), canvas_(canvas) {}

  // Prints text in the box; line is the template line it came from.
  void print(const Box& box, const std::string& text, int line) {
    if (text.empty()) return;
    double size = box.font_size;
    std::vector<std::string> lines;
    while (true) {
      lines = break_lines(fonts_, text, size, mm(box.width));
      if (fits(lines, box, size)) break;
      if (size - kShrinkStep < box.min_font_size - 1e-9) {
        refuse(box, text, line, lines.size());
      }
      size -= kShrinkStep;
    }

    // The box's top is the top of the first line's glyphs: its ascent.
    const double pitch = mm(preprinted_box_height(1, size));
    const double page_height = mm(form_.height);
    const double left = mm(box.x + offset_.x_mm);
    const double top = page_height - mm(box.y + offset_.y_mm);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const double baseline = top - fonts_.ascent() * size - i * pitch;
      double x = left;
      if (box.align != Align::left) {
        const double spare = mm(box.width) - fonts_.width(lines[i], size);
        x += box.align == Align::right ? spare : spare / 2;
      }
      canvas_->text(x, baseline, size, lines[i]);
    }
  }

 private:
  bool fits(const std::vector<std::string>& lines, const Box& box,
            double size) const {
    if (static_cast<int>(lines.size()) > box.lines) return false;
    for (const std::string& text : lines) {
      // A single character wider than the box comes back on its own line.
      if (fonts_.width(text, size) > mm(box.width) + 0.01) return false;
    }
    return true;
  }

  [[noreturn]] void refuse(const Box& box, const std::string& text, int line,
                           std::size_t needed) const {
    std::ostringstream out;
    out << form_.file << ":" << line << ": \"" << text << "\" does not fit "
        << "its box (" << box.width << " mm wide, " << box.lines
        << (box.lines == 1 ? " line" : " lines") << ") even at "
        << box.min_font_size << " pt: it needs " << needed
        << (needed == 1 ? " line" : " lines")
        << "; widen the box, give it more lines or a smaller "
           "min_font_size";
    throw RenderError(out.str());
  }

  const PreprintedTemplate& form_;
  const FontSet& fonts_;
  PrintOffset offset_;
  PdfCanvas* canvas_;
};

bool on_form(FormPages pages, int number, int count) {
  switch (pages) {
    case FormPages::all: return true;
    case FormPages::last: return number == count;
    case FormPages::not_last: return number != count;
  }
  return true;
}

}  // namespace

int preprinted_form_count(const PreprintedTemplate& form, int item_count) {
  if (form.items.columns.empty() || item_count <= form.items.rows) return 1;
  return (item_count + form.items.rows - 1) / form.items.rows;
}

int draw_preprinted(const PreprintedTemplate& form, FieldValues values,
                    const FontSet& fonts, const PrintOffset& offset,
                    PdfCanvas* canvas) {
  const auto& items = values.request().order->items;
  const int count =
      preprinted_form_count(form, static_cast<int>(items.size()));
  FormPrinter printer(form, fonts, offset, canvas);

  for (int number = 1; number <= count; ++number) {
    canvas->begin_page(mm(form.width), mm(form.height));
    values.set_page(number, count);

    for (const PreprintedField& field : form.fields) {
      if (!on_form(field.pages, number, count)) continue;
      Box box{field.x, field.y, field.width, field.lines,
              field.font_size, field.min_font_size, field.align};
      printer.print(box, values.expand(field.value, &fonts), field.line);
    }

    // The rows of this form: items (number - 1) * rows onwards.
    const PreprintedItems& rows = form.items;
    if (rows.columns.empty()) continue;
    const std::size_t first = static_cast<std::size_t>(number - 1) * rows.rows;
    for (int row = 0; row < rows.rows; ++row) {
      const std::size_t index = first + row;
      if (index >= items.size()) break;
      values.set_item(&items[index], static_cast<int>(index) + 1);
      for (const PreprintedColumn& column : rows.columns) {
        Box box{column.x, rows.y + row * rows.row_pitch, column.width, 1,
                rows.font_size, rows.min_font_size, column.align};
        printer.print(box, values.expand(column.value, &fonts), column.line);
      }
    }
    values.set_item(nullptr, 0);
  }
  return count;
}

}  // namespace danju
