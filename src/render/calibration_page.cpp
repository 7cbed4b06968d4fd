#include "render/calibration_page.h"

#include <cstdio>
#include <string>
#include <vector>

#include "render/line_breaker.h"

namespace danju {

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kMarkInset = 20;  // mm from the edges to the crosshairs

const Colour kGrid{0.82, 0.82, 0.82};
const Colour kBoxes{0.1, 0.3, 0.8};

double mm(double millimetres) { return millimetres * kPointsPerMm; }

std::string number(double value, const char* format) {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// Draws in mm from the form's top-left corner, moved by the offsets.
class FormPen {
 public:
  FormPen(const PreprintedTemplate& form, const PrintOffset& offset,
          PdfCanvas* canvas)
      : form_(form), offset_(offset), canvas_(canvas) {}

  double x(double mm_x) const { return mm(mm_x + offset_.x_mm); }
  double y(double mm_y) const {
    return mm(form_.height) - mm(mm_y + offset_.y_mm);
  }

  void line(double x1, double y1, double x2, double y2, double width,
            const Colour& colour = Colour{}) {
    canvas_->line(x(x1), y(y1), x(x2), y(y2), width, colour);
  }
  // A box with its top-left corner at (left, top).
  void box(double left, double top, double w, double h, const Colour& colour) {
    canvas_->stroke_rect(x(left), y(top + h), mm(w), mm(h), 0.5, colour);
  }
  // Text whose baseline starts at (left, baseline).
  void text(double left, double baseline, double size,
            const std::string& utf8, const Colour& colour = Colour{}) {
    canvas_->text(x(left), y(baseline), size, utf8, colour);
  }

 private:
  const PreprintedTemplate& form_;
  PrintOffset offset_;
  PdfCanvas* canvas_;
};

void draw_grid_and_rulers(const PreprintedTemplate& form, FormPen* pen) {
  // The grid: every 10 mm, light, so the boxes stand out.
  for (double x = 10; x < form.width; x += 10) {
    pen->line(x, 0, x, form.height, 0.25, kGrid);
  }
  for (double y = 10; y < form.height; y += 10) {
    pen->line(0, y, form.width, y, 0.25, kGrid);
  }

  // Rulers hang from a line 6 mm inside the top and the left edge, where
  // every printer reaches: a tick each mm, longer at 5 and 10, numbered at
  // each 10 mm from the form's edge.
  const double edge = 6;
  pen->line(0, edge, form.width, edge, 0.4);
  pen->line(edge, 0, edge, form.height, 0.4);
  for (int at = 1; at < form.width; ++at) {
    const double length = at % 10 == 0 ? 3 : at % 5 == 0 ? 2 : 1;
    pen->line(at, edge, at, edge + length, 0.3);
    if (at % 10 == 0) pen->text(at + 0.4, edge + 5.2, 5, std::to_string(at));
  }
  for (int at = 1; at < form.height; ++at) {
    const double length = at % 10 == 0 ? 3 : at % 5 == 0 ? 2 : 1;
    pen->line(edge, at, edge + length, at, 0.3);
    if (at % 10 == 0) pen->text(edge + 3.6, at + 2.2, 5, std::to_string(at));
  }
}

void draw_marks(const PreprintedTemplate& form, FormPen* pen) {
  for (const CalibrationMark& mark : calibration_marks(form)) {
    pen->line(mark.x - 6, mark.y, mark.x + 6, mark.y, 0.3);
    pen->line(mark.x, mark.y - 6, mark.x, mark.y + 6, 0.3);
    pen->box(mark.x - 1.5, mark.y - 1.5, 3, 3, Colour{});
    pen->text(mark.x + 1.5, mark.y + 4.5, 7,
              mark.name + " (" + number(mark.x, "%g") + ", " +
                  number(mark.y, "%g") + ")");
  }
}

// The label of a box: what it prints, cut to the box's width.
std::string fitted_label(const FontSet& fonts, const std::string& text,
                         double size, double width_mm) {
  const std::vector<std::string> lines =
      break_lines(fonts, text, size, mm(width_mm) - 2);
  return lines.empty() ? "" : lines.front();
}

void draw_boxes(const PreprintedTemplate& form, const FontSet& fonts,
                FormPen* pen) {
  const double label = 5;
  for (const PreprintedField& field : form.fields) {
    const double h = preprinted_box_height(field.lines, field.font_size);
    pen->box(field.x, field.y, field.width, h, kBoxes);
    pen->text(field.x + 0.4, field.y + 2, label,
              fitted_label(fonts, field.value, label, field.width), kBoxes);
  }
  const PreprintedItems& items = form.items;
  const double h = preprinted_box_height(1, items.font_size);
  for (int row = 0; row < items.rows; ++row) {
    const double top = items.y + row * items.row_pitch;
    for (const PreprintedColumn& column : items.columns) {
      pen->box(column.x, top, column.width, h, kBoxes);
      if (row == 0) {
        pen->text(column.x + 0.4, top + 2, label,
                  fitted_label(fonts, column.value, label, column.width),
                  kBoxes);
      }
    }
  }
}

std::string instructions(const PreprintedTemplate& form,
                         const std::string& printer,
                         const PrintOffset& offset) {
  const std::vector<CalibrationMark> marks = calibration_marks(form);
  const CalibrationMark& a = marks.front();
  const std::string ax = number(a.x, "%g"), ay = number(a.y, "%g");
  const std::string ox = number(offset.x_mm, "%+.1f");
  const std::string oy = number(offset.y_mm, "%+.1f");
  return "套打校准页　打印机 " + printer + "　纸张 " +
         number(form.width, "%g") + "×" + number(form.height, "%g") +
         " mm　模板 " + form.file + "\n" +
         "本页按当前偏移打印：offset_x_mm = " + ox + "，offset_y_mm = " + oy +
         "\n\n"
         "1. 用这台打印机、以正式套打时的送纸方式，把第1页打印在一张空白的"
         "预印表单上。\n"
         "2. 用直尺量十字 A 的中心：到纸张左边缘的距离 X、到上边缘的距离 Y"
         "（毫米）。正确时 X = " + ax + "，Y = " + ay + "。\n"
         "3. 新的偏移 = 当前偏移 + (应为 − 实测)：\n"
         "   offset_x_mm = " + ox + " + (" + ax + " − X)\n"
         "   offset_y_mm = " + oy + " + (" + ay + " − Y)\n"
         "4. 写入作业文件：\n"
         "   [printers." + printer + "]\n"
         "   offset_x_mm = 新的 X 偏移\n"
         "   offset_y_mm = 新的 Y 偏移\n"
         "5. 再打一张校准页核对：十字应落在标明的位置，蓝色字段框应落在"
         "表单的格子里。\n"
         "十字 B、C、D 的偏差与 A 不同，说明纸张歪斜或送纸打滑：先调整送纸"
         "导轨，再量偏移。字段框落在格子外而十字正确，说明模板的位置"
         "需要修改。";
}

void draw_instructions(const PreprintedTemplate& form, const FontSet& fonts,
                       const std::string& text, FormPen* pen) {
  const double size = 9;
  const double pitch = size * 1.5 / kPointsPerMm;
  double baseline = 15;
  for (const std::string& line :
       break_lines(fonts, text, size, mm(form.width - 30))) {
    if (baseline > form.height - 8) break;
    pen->text(15, baseline, size, line);
    baseline += pitch;
  }
}

}  // namespace

std::vector<CalibrationMark> calibration_marks(
    const PreprintedTemplate& form) {
  const double right = form.width - kMarkInset;
  const double bottom = form.height - kMarkInset;
  return {{"A", kMarkInset, kMarkInset},
          {"B", right, kMarkInset},
          {"C", kMarkInset, bottom},
          {"D", right, bottom}};
}

void draw_calibration(const PreprintedTemplate& form, const FontSet& fonts,
                      const std::string& printer, const PrintOffset& offset,
                      PdfCanvas* canvas) {
  FormPen pen(form, offset, canvas);

  canvas->begin_page(mm(form.width), mm(form.height));
  draw_grid_and_rulers(form, &pen);
  draw_boxes(form, fonts, &pen);
  draw_marks(form, &pen);

  canvas->begin_page(mm(form.width), mm(form.height));
  draw_instructions(form, fonts, instructions(form, printer, offset), &pen);
}

}  // namespace danju
