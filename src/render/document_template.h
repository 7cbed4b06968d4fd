// A document template: the layout and wording of one kind of document, read
// from a TOML file at run time (the format is described in
// templates/README.md). Lengths are millimetres, font sizes points.
//
// Reading checks everything a render would later trip over: unknown keys,
// unknown placeholders, widths that do not fit the page, bad colours. Each
// mistake is a TemplateError "file:line: what is wrong".
#pragma once

#include <string>
#include <vector>

#include "render/pdf_canvas.h"

namespace danju {

enum class Align { left, center, right };

// How a line-item column's value is printed and stored in a spreadsheet.
enum class NumberFormat {
  text,     // as written
  integer,  // 1,500 (a number in XLSX, #,##0)
  money,    // 12,345.60 (a number in XLSX, #,##0.00)
  yuan,     // ¥12,345.60 (a number in XLSX, ¥#,##0.00)
};

struct PageSetup {
  double width = 210, height = 297;  // A4 unless the template says A5 ...
  double margin_top = 15, margin_bottom = 12;
  double margin_left = 15, margin_right = 15;
  double font_size = 10;  // body text; blocks may set their own
  double content_width() const { return width - margin_left - margin_right; }
};

// 表头: company, title, document number and date at the top of each page.
struct HeaderTemplate {
  std::string company = "{company.name}";
  std::string title;
  std::string number = "编号：{document.no}";
  std::string date = "日期：{document.date}";
  double company_size = 14;
  double title_size = 20;
  // The paper code ({document.code}) as a QR code in the top left corner of
  // every page, qr_size mm square with its quiet zone.
  bool qr = false;
  double qr_size = 18;
};

// One label/value pair of a fields block.
struct FieldCell {
  std::string label;
  std::string value;
};

// One column of the line-item table.
struct ItemColumn {
  std::string header;
  std::string value;  // text with {item.*} placeholders
  std::string total;  // what the totals row shows under it, may be empty
  double width = 20;
  Align align = Align::left;
  NumberFormat format = NumberFormat::text;
};

struct Block {
  enum class Type { fields, items, text, approvals, signatures, space };
  Type type = Type::text;
  int line = 0;        // where the block starts in the file
  double font_size = 0;  // 0: the page's font size

  // fields: rows of label/value pairs; a row with fewer pairs than columns
  // lets its last value span the rest of the row.
  int columns = 2;
  double label_width = 28;
  std::vector<std::vector<FieldCell>> rows;

  // items
  std::vector<ItemColumn> item_columns;
  std::string total_label;     // "合计": first cell of the totals row
  std::string capitals_label;  // "金额大写"
  std::string capitals;        // "人民币{order.total_capitals}"

  // text: a paragraph, optionally framed
  std::string text;
  Align align = Align::left;
  bool framed = false;

  // approvals: one box per approval step of the request
  double box_height = 22;
  std::string pending = "签字：＿＿＿＿＿＿　　日期：　　年　　月　　日";
  std::string decided =
      "{approval.decision}　　审批人：{approval.approver}　　"
      "时间：{approval.time}";

  // signatures: boxes side by side, label at the top, a date line below
  std::vector<std::string> boxes;
  std::string date_line = "日期：　　年　　月　　日";

  // space
  double height = 3;
};

// One part of a multi-part form (一式四联).
struct CopyTemplate {
  std::string label;  // "第一联 财务记账联"
  Colour colour;
};

struct FooterTemplate {
  std::string left;
  std::string right = "第 {page.no} 页 共 {page.count} 页";
  double font_size = 8;
};

struct XlsxTemplate {
  std::string sheet = "{document.title}";  // made a valid sheet name
};

struct DocumentTemplate {
  std::string file;
  PageSetup page;
  HeaderTemplate header;
  std::vector<Block> blocks;
  FooterTemplate footer;
  std::vector<CopyTemplate> copies;  // empty: a single document
  XlsxTemplate xlsx;
};

// Reads and checks a template file. Throws TemplateError.
DocumentTemplate load_document_template(const std::string& path);

// The same from text already read; file names it in errors.
DocumentTemplate parse_document_template(const std::string& text,
                                         const std::string& file);

}  // namespace danju
