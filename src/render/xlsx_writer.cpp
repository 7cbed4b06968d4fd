#include "render/xlsx_writer.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include <xlsxwriter.h>

#include "core/file_io.h"
#include "core/text.h"
#include "render/document_renderer.h"
#include "render/xlsx_workbook.h"

namespace danju {

namespace {

// Excel measures sheet names in UTF-16 units; characters beyond the BMP
// count twice.
std::size_t excel_length(char32_t c) { return c > 0xFFFF ? 2 : 1; }

std::string fold_ascii_case(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string truncated(const std::u32string& text, std::size_t limit) {
  std::u32string out;
  std::size_t length = 0;
  for (char32_t c : text) {
    if (length + excel_length(c) > limit) break;
    out += c;
    length += excel_length(c);
  }
  return encode_utf8(out);
}

// The cell formats of one workbook.
struct Formats {
  lxw_format* title = nullptr;
  lxw_format* label = nullptr;
  lxw_format* text = nullptr;
  lxw_format* head = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* money = nullptr;
  lxw_format* yuan = nullptr;
};

lxw_format* bordered(lxw_workbook* book) {
  lxw_format* format = workbook_add_format(book);
  format_set_border(format, LXW_BORDER_THIN);
  format_set_text_wrap(format);
  format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
  return format;
}

Formats make_formats(lxw_workbook* book) {
  Formats f;
  f.title = workbook_add_format(book);
  format_set_bold(f.title);
  format_set_font_size(f.title, 18);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);

  f.label = bordered(book);
  format_set_bg_color(f.label, 0xEEEEEE);
  format_set_align(f.label, LXW_ALIGN_CENTER);
  f.head = bordered(book);
  format_set_bold(f.head);
  format_set_bg_color(f.head, 0xEEEEEE);
  format_set_align(f.head, LXW_ALIGN_CENTER);

  f.text = bordered(book);
  f.integer = bordered(book);
  format_set_num_format(f.integer, "#,##0");
  f.money = bordered(book);
  format_set_num_format(f.money, "#,##0.00");
  f.yuan = bordered(book);
  format_set_num_format(f.yuan, "\xC2\xA5#,##0.00");
  return f;
}

// Characters as a spreadsheet column counts them: Chinese ones twice.
double display_width(const std::string& text) {
  double width = 0;
  for (char32_t c : decode_utf8(text)) width += c >= 0x2E80 ? 2 : 1;
  return width;
}

class SheetWriter {
 public:
  SheetWriter(lxw_workbook* book, lxw_worksheet* sheet, const Formats& f,
              const FieldValues* values, const std::string& path)
      : book_(book), sheet_(sheet), f_(f), values_(values), path_(path) {}

  void check(lxw_error error) const {
    if (error != LXW_NO_ERROR) {
      throw RenderError(path_ + ": spreadsheet not written: " +
                        lxw_strerror(error));
    }
  }

  // A cell (or a merged range first..last) holding what text shows: a
  // number when text is exactly one amount or count, a string otherwise.
  void value(int row, int first, int last, const std::string& text,
             lxw_format* string_format, lxw_format* number_format) {
    std::string name;
    FieldValue v;
    const bool single = is_single_placeholder(text, &name);
    if (single) v = values_->value(name);
    const bool number = single && v.number != FieldValue::Number::none;
    const std::string shown = number ? "" : values_->expand(text);
    lxw_format* format = number ? number_format : string_format;

    if (last > first) {
      check(worksheet_merge_range(sheet_, row, first, row, last, "", format));
      // Excel does not grow a merged row to fit wrapped text: give it the
      // height of the lines the text needs.
      const double lines = std::ceil(display_width(shown) / merged_chars(
                                         first, last));
      if (lines > 1) {
        check(worksheet_set_row(sheet_, row, 15 * lines, nullptr));
      }
    }
    if (number) {
      const double n = v.number == FieldValue::Number::money
                           ? static_cast<double>(v.amount) / 100.0
                           : static_cast<double>(v.amount);
      check(worksheet_write_number(sheet_, row, first, n, format));
    } else {
      check(worksheet_write_string(sheet_, row, first, shown.c_str(),
                                   format));
    }
  }

  // Width of the merged columns in characters, as set on the sheet.
  double merged_chars(int first, int last) const {
    double chars = 0;
    for (int c = first; c <= last; ++c) chars += widths_[c];
    return std::max(chars, 1.0);
  }

  void set_width(int column, double chars) {
    if (column < static_cast<int>(widths_.size())) widths_[column] = chars;
    check(worksheet_set_column(sheet_, column, column, chars, nullptr));
  }

  void label(int row, int first, int last, const std::string& text) {
    value(row, first, last, text, f_.label, f_.label);
  }

  lxw_format* number_format(NumberFormat format) const {
    switch (format) {
      case NumberFormat::integer: return f_.integer;
      case NumberFormat::money: return f_.money;
      case NumberFormat::yuan: return f_.yuan;
      case NumberFormat::text: break;
    }
    return f_.text;
  }

  lxw_workbook* book_;
  lxw_worksheet* sheet_;
  const Formats& f_;
  const FieldValues* values_;  // what the placeholders stand for now
  std::string path_;
  std::vector<double> widths_ = std::vector<double>(32, 8.43);
};

int column_count(const DocumentTemplate& document) {
  int n = 4;
  for (const Block& block : document.blocks) {
    if (block.type == Block::Type::items) {
      n = std::max(n, static_cast<int>(block.item_columns.size()));
    }
    if (block.type == Block::Type::fields) n = std::max(n, 2 * block.columns);
  }
  return n;
}

void write_form(const DocumentTemplate& document, FieldValues values,
                SheetWriter* w) {
  const int columns = column_count(document);
  const int last = columns - 1;
  lxw_worksheet* sheet = w->sheet_;
  w->values_ = &values;  // this copy follows the item and approval
  int row = 0;

  // The merged title row, then the number and date.
  w->check(worksheet_set_row(sheet, row, 30, nullptr));
  w->value(row, 0, last, document.header.title, w->f_.title, w->f_.title);
  ++row;
  w->value(row, 0, columns / 2 - 1, document.header.number, nullptr, nullptr);
  w->value(row, columns / 2, last, document.header.date, nullptr, nullptr);
  ++row;

  // Without an item table the columns alternate label and value.
  const bool has_items = std::any_of(
      document.blocks.begin(), document.blocks.end(),
      [](const Block& b) { return b.type == Block::Type::items; });
  if (!has_items) {
    for (int c = 0; c < columns; ++c) {
      w->set_width(c, c % 2 == 0 ? 18 : 30);
    }
  }

  int header_row = -1;
  for (const Block& block : document.blocks) {
    switch (block.type) {
      case Block::Type::fields: {
        const int span = columns / block.columns;
        for (const auto& pairs : block.rows) {
          for (std::size_t k = 0; k < pairs.size(); ++k) {
            const int first = static_cast<int>(k) * span;
            const bool end = k + 1 == pairs.size();
            w->label(row, first, first, pairs[k].label);
            w->value(row, first + 1, end ? last : first + span - 1,
                     pairs[k].value, w->f_.text, w->f_.yuan);
          }
          ++row;
        }
        break;
      }
      case Block::Type::items: {
        const auto& cols = block.item_columns;
        header_row = row;
        for (std::size_t k = 0; k < cols.size(); ++k) {
          const int c = static_cast<int>(k);
          w->value(row, c, c, cols[k].header, w->f_.head, w->f_.head);
          w->set_width(c, cols[k].width / 2.0);
        }
        ++row;
        for (std::size_t i = 0; i < values.request().order->items.size();
             ++i) {
          values.set_item(&values.request().order->items[i],
                          static_cast<int>(i) + 1);
          for (std::size_t k = 0; k < cols.size(); ++k) {
            const int c = static_cast<int>(k);
            w->value(row, c, c, cols[k].value, w->f_.text,
                       w->number_format(cols[k].format));
          }
          ++row;
        }
        values.set_item(nullptr, 0);

        std::size_t span = cols.size();
        for (std::size_t k = 0; k < cols.size(); ++k) {
          if (!cols[k].total.empty()) {
            span = k;
            break;
          }
        }
        if (span == 0) span = 1;
        if (!block.total_label.empty() || span < cols.size()) {
          w->label(row, 0, static_cast<int>(span) - 1, block.total_label);
          for (std::size_t k = span; k < cols.size(); ++k) {
            const int c = static_cast<int>(k);
            lxw_format* number = cols[k].format == NumberFormat::text
                                     ? w->f_.yuan
                                     : w->number_format(cols[k].format);
            w->value(row, c, c, cols[k].total, w->f_.text, number);
          }
          ++row;
        }
        if (!block.capitals.empty()) {
          const int words_at = std::min(2, static_cast<int>(span));
          w->label(row, 0, words_at - 1, block.capitals_label);
          w->value(row, words_at, last, block.capitals,
                   w->f_.text, w->f_.yuan);
          ++row;
        }
        break;
      }
      case Block::Type::text:
        w->value(row, 0, last, block.text, w->f_.text, w->f_.text);
        ++row;
        break;
      case Block::Type::approvals:
        for (const ApprovalBox& box : values.request().approvals) {
          values.set_approval(&box);
          const bool decided = !box.approver.empty() || !box.decision.empty();
          w->label(row, 0, 0, "{approval.title}");
          w->value(row, 1, last, decided ? block.decided : "",
                     w->f_.text, w->f_.text);
          w->check(worksheet_set_row(sheet, row, 36, nullptr));
          ++row;
        }
        values.set_approval(nullptr);
        break;
      // Limitation: signature boxes and spaces are for paper and are left
      // out of the spreadsheet.
      case Block::Type::signatures:
      case Block::Type::space:
        break;
    }
  }

  // The item header stays in view and prints atop every page.
  if (header_row >= 0) worksheet_freeze_panes(sheet, header_row + 1, 0);
  SheetPrinting printing;
  printing.repeated_row = header_row;
  printing.centre = values.expand(document.header.title) + " " +
                    values.request().document_no;
  w->check(set_up_printing(sheet, printing));
}

}  // namespace

std::string valid_sheet_name(const std::string& wanted,
                             std::set<std::string>* used) {
  std::u32string name;
  for (char32_t c : decode_utf8(wanted)) {
    const bool forbidden = c == '[' || c == ']' || c == ':' || c == '*' ||
                           c == '?' || c == '/' || c == '\\' || c < 0x20;
    name += forbidden ? U'_' : c;
  }
  while (!name.empty() && name.front() == U'\'') name.erase(0, 1);
  while (!name.empty() && name.back() == U'\'') name.pop_back();
  if (name.empty()) name = U"Sheet";

  std::string candidate = truncated(name, 31);
  for (int n = 2; used->count(fold_ascii_case(candidate)); ++n) {
    const std::string suffix = "(" + std::to_string(n) + ")";
    candidate = truncated(name, 31 - suffix.size()) + suffix;
  }
  used->insert(fold_ascii_case(candidate));
  return candidate;
}

void write_document_xlsx(const DocumentTemplate& document,
                         const FieldValues& values, const std::string& path) {
  const std::string temp =
      path + ".tmp-" + std::to_string(::getpid()) + "-" +
      std::to_string(std::hash<std::thread::id>()(std::this_thread::get_id()));

  const auto slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "."
                             : slash == 0 ? "/" : path.substr(0, slash);
  if (!file_exists(folder)) {
    throw RenderError(path + ": spreadsheet not written: the folder " +
                      folder + " does not exist");
  }

  lxw_workbook* book = new_workbook(temp);
  if (book == nullptr) {
    throw RenderError(path + ": spreadsheet not started (cannot create " +
                      temp + ")");
  }
  try {
    std::set<std::string> used;
    const std::string form_name =
        valid_sheet_name(values.expand(document.xlsx.sheet), &used);
    lxw_worksheet* sheet = workbook_add_worksheet(book, form_name.c_str());
    if (sheet == nullptr) {
      throw RenderError(path + ": sheet \"" + form_name + "\" not added");
    }
    const Formats formats = make_formats(book);
    SheetWriter writer(book, sheet, formats, &values, path);
    write_form(document, values, &writer);
  } catch (...) {
    workbook_close(book);
    std::remove(temp.c_str());
    throw;
  }

  const lxw_error closed = workbook_close(book);
  if (closed != LXW_NO_ERROR) {
    std::remove(temp.c_str());
    throw RenderError(path + ": spreadsheet not written: " +
                      lxw_strerror(closed));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw RenderError(path + ": spreadsheet written but not moved into "
                      "place");
  }
}

}  // namespace danju
