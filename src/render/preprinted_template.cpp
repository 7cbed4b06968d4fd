#include "render/preprinted_template.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "jobs/toml.h"
#include "render/document_renderer.h"
#include "render/field_values.h"
#include "render/paper_size.h"
#include "render/template_reading.h"

namespace danju {

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kLeading = 1.25;  // line pitch as a multiple of the size

std::string mm_text(double mm) {
  std::ostringstream out;
  out << std::round(mm * 10) / 10 << " mm";
  return out.str();
}

// The box [x, x + width] × [y, y + height] must lie on the paper.
void check_on_paper(const toml::Table& table, const std::string& what,
                    double x, double y, double width, double height,
                    const PreprintedTemplate& form) {
  std::string problem;
  if (x + width > form.width + 0.01) {
    problem = "runs past the right edge: x " + mm_text(x) + " + width " +
              mm_text(width) + " is more than the form's " +
              mm_text(form.width);
  } else if (y + height > form.height + 0.01) {
    problem = "runs past the bottom edge: y " + mm_text(y) + " + " +
              mm_text(height) + " of text is more than the form's " +
              mm_text(form.height);
  }
  if (!problem.empty()) {
    throw TemplateError(template_where(table) + what + " " + problem);
  }
}

// font_size and min_font_size of a table, defaulting to the form's.
void read_sizes(const toml::Table& table, const std::string& path,
                double form_size, double form_min, double* size,
                double* min_size) {
  *size = template_number(table, "font_size", path, 5, 30, form_size);
  *min_size = template_number(table, "min_font_size", path, 4, *size,
                              std::min(form_min, *size));
}

PreprintedField read_field(const toml::Table& table,
                           const PreprintedTemplate& form, double form_size,
                           double form_min) {
  table.check_keys({"value", "x", "y", "width", "lines", "font_size",
                    "min_font_size", "align", "pages"},
                   "field");
  PreprintedField field;
  field.line = table.line();
  table.at("value", "field.value");
  field.value = template_text(table, "value", "field.",
                              kDocumentScope | kPageScope, "");
  table.at("x", "field.x");
  table.at("y", "field.y");
  table.at("width", "field.width");
  field.x = template_number(table, "x", "field.", 0, form.width, 0);
  field.y = template_number(table, "y", "field.", 0, form.height, 0);
  field.width = template_number(table, "width", "field.", 3, form.width, 3);
  field.lines = static_cast<int>(
      template_number(table, "lines", "field.", 1, 20, 1));
  read_sizes(table, "field.", form_size, form_min, &field.font_size,
             &field.min_font_size);
  field.align = template_align(table, "field.");

  if (const toml::Value* pages = table.find("pages")) {
    const std::string& name = pages->as_string("field.pages");
    if (name == "all") {
      field.pages = FormPages::all;
    } else if (name == "last") {
      field.pages = FormPages::last;
    } else if (name == "not_last") {
      field.pages = FormPages::not_last;
    } else {
      throw TemplateError(template_where(*pages) + "field.pages \"" + name +
                          "\" is not one of all, last, not_last");
    }
  }

  check_on_paper(table, "the box of " + field.value, field.x, field.y,
                 field.width,
                 preprinted_box_height(field.lines, field.font_size), form);
  return field;
}

void read_items(const toml::Table& table, const PreprintedTemplate& form,
                double form_size, double form_min, PreprintedItems* items) {
  table.check_keys({"y", "row_pitch", "rows", "font_size", "min_font_size",
                    "column"},
                   "items");
  read_sizes(table, "items.", form_size, form_min, &items->font_size,
             &items->min_font_size);
  const double row_height = preprinted_box_height(1, items->font_size);
  table.at("y", "items.y");
  table.at("row_pitch", "items.row_pitch");
  table.at("rows", "items.rows");
  items->y = template_number(table, "y", "items.", 0, form.height, 0);
  items->row_pitch = template_number(table, "row_pitch", "items.",
                                     row_height, form.height, row_height);
  items->rows = static_cast<int>(
      template_number(table, "rows", "items.", 1, 100, 1));
  check_on_paper(table, "the last item row", 0,
                 items->y + (items->rows - 1) * items->row_pitch, 0,
                 row_height, form);

  const toml::Value& columns = table.at("column", "items.column");
  for (const toml::Value& entry : columns.as_array("items.column")) {
    const toml::Table& column = entry.as_table("items.column");
    column.check_keys({"value", "x", "width", "align"}, "items.column");
    PreprintedColumn out;
    out.line = column.line();
    column.at("value", "items.column.value");
    column.at("x", "items.column.x");
    column.at("width", "items.column.width");
    out.value = template_text(column, "value", "items.column.",
                              kDocumentScope | kItemScope, "");
    out.x = template_number(column, "x", "items.column.", 0, form.width, 0);
    out.width = template_number(column, "width", "items.column.", 3,
                                form.width, 3);
    out.align = template_align(column, "items.column.");
    check_on_paper(column, "the column " + out.value, out.x, items->y,
                   out.width, row_height, form);
    items->columns.push_back(out);
  }

  // Columns side by side may touch but not overlap, or values would print
  // over each other.
  std::vector<const PreprintedColumn*> by_x;
  for (const PreprintedColumn& column : items->columns) by_x.push_back(&column);
  std::sort(by_x.begin(), by_x.end(),
            [](const PreprintedColumn* a, const PreprintedColumn* b) {
              return a->x < b->x;
            });
  for (std::size_t k = 1; k < by_x.size(); ++k) {
    const PreprintedColumn& left = *by_x[k - 1];
    const PreprintedColumn& right = *by_x[k];
    if (left.x + left.width > right.x + 0.01) {
      throw TemplateError(form.file + ":" + std::to_string(right.line) +
                          ": the column " + right.value + " at x " +
                          mm_text(right.x) + " overlaps the column " +
                          left.value + " (line " +
                          std::to_string(left.line) + "), which ends at " +
                          mm_text(left.x + left.width));
    }
  }
}

PreprintedTemplate read_template(const toml::Table& root) {
  PreprintedTemplate out;
  out.file = root.file();
  root.check_keys({"form", "field", "items"}, "");

  // The form comes first: every position is checked against its paper.
  const toml::Table& form = root.at("form", "form").as_table("form");
  form.check_keys({"size", "font_size", "min_font_size"}, "form");
  const toml::Value& size = form.at("size", "form.size");
  const std::string& name = size.as_string("form.size");
  if (!paper_size(name, &out.width, &out.height)) {
    throw TemplateError(template_where(size) + "form.size \"" + name +
                        "\" is not one of " + kPaperSizeNames);
  }
  double form_size = 10, form_min = 10;
  read_sizes(form, "form.", 10, 1000, &form_size, &form_min);

  if (const toml::Value* fields = root.find("field")) {
    for (const toml::Value& entry : fields->as_array("field")) {
      out.fields.push_back(read_field(entry.as_table("field"), out,
                                      form_size, form_min));
    }
  }
  if (const toml::Value* items = root.find("items")) {
    read_items(items->as_table("items"), out, form_size, form_min,
               &out.items);
  }
  if (out.fields.empty() && out.items.columns.empty()) {
    throw TemplateError(out.file + ":1: a pre-printed form template needs "
                        "at least one [[field]] or [[items.column]]");
  }
  return out;
}

}  // namespace

double preprinted_box_height(int lines, double size) {
  return lines * size * kLeading / kPointsPerMm;
}

PreprintedTemplate parse_preprinted_template(const std::string& text,
                                             const std::string& file) {
  try {
    return read_template(toml::parse(text, file));
  } catch (const toml::Error& e) {
    throw TemplateError(e.what());
  }
}

PreprintedTemplate load_preprinted_template(const std::string& path) {
  try {
    return read_template(toml::parse_file(path));
  } catch (const toml::Error& e) {
    throw TemplateError(e.what());
  }
}

}  // namespace danju
