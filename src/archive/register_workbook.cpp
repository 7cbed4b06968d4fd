#include "archive/register_workbook.h"

#include <xlsxwriter.h>

#include <cstdint>

#include "archive/register_staged_file.h"
#include "core/document_kind.h"
#include "render/xlsx_workbook.h"

namespace danju {

namespace {

// Column widths in characters, as wide as a Chinese character counts twice.
struct Column {
  const char* heading;
  double width;
};
constexpr Column kColumns[] = {
    {"日期", 11},     {"订单号", 14},   {"客户", 28},
    {"单据", 12},     {"单据编号", 20}, {"版本", 6},
    {"金额（元）", 15}, {"状态", 14},   {"审批人及日期", 34},
    {"文件", 40},     {"SHA-256", 66},
};
constexpr int kColumnCount = sizeof kColumns / sizeof kColumns[0];
constexpr int kAmountColumn = 6;

// "G" for column 6: the totals formula needs the column's letter.
char column_letter(int column) { return static_cast<char>('A' + column); }

class RegisterBook {
 public:
  RegisterBook(const std::string& path, const std::string& shown_path)
      : shown_path_(shown_path) {
    book_ = new_workbook(path);
    if (!book_) {
      throw RegisterError(shown_path_ + ": the workbook could not be "
                          "started (out of memory or no temporary folder)");
    }
  }
  ~RegisterBook() {
    // workbook_close also frees; after a failure the half-built workbook
    // is closed into the temporary file, which StagedFile removes.
    if (book_) workbook_close(book_);
  }

  void check(lxw_error error) const {
    if (error != LXW_NO_ERROR) {
      throw RegisterError(shown_path_ + ": register not written: " +
                          lxw_strerror(error));
    }
  }

  void close() {
    lxw_workbook* book = book_;
    book_ = nullptr;
    check(workbook_close(book));
  }

  lxw_workbook* book() { return book_; }

 private:
  lxw_workbook* book_ = nullptr;
  std::string shown_path_;
};

struct Formats {
  lxw_format* head = nullptr;
  lxw_format* text = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* yuan = nullptr;
  lxw_format* total_label = nullptr;
  lxw_format* total_yuan = nullptr;
};

lxw_format* cell_format(lxw_workbook* book) {
  lxw_format* format = workbook_add_format(book);
  format_set_border(format, LXW_BORDER_THIN);
  format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
  return format;
}

Formats make_formats(lxw_workbook* book) {
  Formats f;
  f.head = cell_format(book);
  format_set_bold(f.head);
  format_set_bg_color(f.head, 0xEEEEEE);
  format_set_align(f.head, LXW_ALIGN_CENTER);
  f.text = cell_format(book);
  f.integer = cell_format(book);
  format_set_num_format(f.integer, "0");
  f.yuan = cell_format(book);
  format_set_num_format(f.yuan, "\xC2\xA5#,##0.00");
  f.total_label = cell_format(book);
  format_set_bold(f.total_label);
  f.total_yuan = cell_format(book);
  format_set_bold(f.total_yuan);
  format_set_num_format(f.total_yuan, "\xC2\xA5#,##0.00");
  return f;
}

void set_up_register_printing(lxw_worksheet* sheet,
                              const RegisterSheet& data, int last_row,
                              const RegisterBook& book) {
  SheetPrinting printing;
  printing.landscape = true;
  printing.repeated_row = 0;
  printing.left = data.company;
  printing.centre = "单据台账 " + data.month.substr(0, 4) + "年" +
                    data.month.substr(5, 2) + "月";
  book.check(set_up_printing(sheet, printing));
  book.check(worksheet_print_area(sheet, 0, 0, last_row, kColumnCount - 1));
}

void write_row(lxw_worksheet* sheet, int r, const RegisterRow& row,
               const Formats& f, const RegisterBook& book) {
  const std::string cells[] = {
      row.business_date, row.order_no, row.customer,
      document_kind_title(row.kind), row.document_no};
  for (int c = 0; c < 5; ++c) {
    book.check(worksheet_write_string(sheet, r, c, cells[c].c_str(), f.text));
  }
  book.check(worksheet_write_number(sheet, r, 5, row.order_version,
                                    f.integer));
  book.check(worksheet_write_number(
      sheet, r, kAmountColumn, static_cast<double>(row.amount.fen()) / 100.0,
      f.yuan));
  const std::string rest[] = {register_state_title(row.state), row.approvals,
                              row.path, row.sha256};
  for (int c = 7; c < kColumnCount; ++c) {
    book.check(worksheet_write_string(sheet, r, c, rest[c - 7].c_str(),
                                      f.text));
  }
}

}  // namespace

void write_register_workbook(const RegisterSheet& data,
                             const std::string& path) {
  StagedFile file(path);
  {
    RegisterBook book(file.temp_path(), path);
    const Formats f = make_formats(book.book());
    const std::string name = "台账" + data.month;
    lxw_worksheet* sheet = workbook_add_worksheet(book.book(), name.c_str());
    if (!sheet) {
      throw RegisterError(path + ": register not written: the sheet " +
                          name + " could not be added");
    }

    for (int c = 0; c < kColumnCount; ++c) {
      book.check(worksheet_set_column(sheet, c, c, kColumns[c].width,
                                      nullptr));
      book.check(worksheet_write_string(sheet, 0, c, kColumns[c].heading,
                                        f.head));
    }

    int r = 1;
    Money total;
    for (const RegisterRow& row : data.rows) {
      write_row(sheet, r++, row, f, book);
      total += row.amount;
    }
    const int last_data_row = r - 1;

    // The totals row sits under the filter range, so filtering never
    // hides it; its SUM covers every data row.
    if (!data.rows.empty()) {
      const std::string label =
          "合计（" + std::to_string(data.rows.size()) + " 份）";
      book.check(worksheet_write_string(sheet, r, 0, label.c_str(),
                                        f.total_label));
      const char letter = column_letter(kAmountColumn);
      const std::string formula = std::string("=SUM(") + letter + "2:" +
                                  letter + std::to_string(last_data_row + 1) +
                                  ")";
      book.check(worksheet_write_formula_num(
          sheet, r, kAmountColumn, formula.c_str(), f.total_yuan,
          static_cast<double>(total.fen()) / 100.0));
      ++r;
    }

    worksheet_freeze_panes(sheet, 1, 0);
    book.check(worksheet_autofilter(sheet, 0, 0, last_data_row,
                                    kColumnCount - 1));
    set_up_register_printing(sheet, data, r - 1, book);
    book.close();
  }
  file.publish();
}

}  // namespace danju
