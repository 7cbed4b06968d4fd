#include "render/document_template.h"

#include <algorithm>
#include <sstream>

#include "jobs/toml.h"
#include "render/document_renderer.h"
#include "render/field_values.h"
#include "render/page_layout.h"
#include "render/paper_size.h"
#include "render/template_reading.h"

namespace danju {

namespace {

// The header, the footer and the margins must leave the blocks a few rows
// of every page; otherwise no order could be printed with the template.
void check_content_room(const toml::Table& root,
                        const DocumentTemplate& document) {
  constexpr double kLeastRoom = 20;  // mm: a table's header and two rows
  const double room = content_room(document) * 25.4 / 72.0;
  if (room >= kLeastRoom) return;

  std::string where = document.file + ":1: ";
  if (const toml::Value* page = root.find("page")) {
    where = template_where(*page);
  } else if (const toml::Value* header = root.find("header")) {
    where = template_where(*header);
  }
  std::ostringstream message;
  message.precision(0);
  message << std::fixed << where << "the margins, the header"
          << (document.header.qr ? " with its QR code" : "")
          << " and the footer leave " << std::max(room, 0.0) << " mm of the "
          << document.page.height << " mm page for the blocks; at least "
          << kLeastRoom << " mm are needed (lower the margins, the header's "
          << "sizes or qr_size)";
  throw TemplateError(message.str());
}

void read_page(const toml::Table& table, PageSetup* page) {
  table.check_keys({"size", "margin_top", "margin_bottom", "margin_left",
                    "margin_right", "font_size"},
                   "page");
  if (const toml::Value* size = table.find("size")) {
    const std::string& name = size->as_string("page.size");
    if (!paper_size(name, &page->width, &page->height)) {
      throw TemplateError(template_where(*size) + "page.size \"" + name +
                          "\" is not one of " + kPaperSizeNames);
    }
  }
  page->margin_top = template_number(table, "margin_top", "page.", 3, 60, 15);
  page->margin_bottom =
      template_number(table, "margin_bottom", "page.", 3, 60, 12);
  page->margin_left = template_number(table, "margin_left", "page.", 3, 60, 15);
  page->margin_right =
      template_number(table, "margin_right", "page.", 3, 60, 15);
  page->font_size = template_number(table, "font_size", "page.", 5, 30, 10);
}

void read_header(const toml::Table& table, HeaderTemplate* header) {
  table.check_keys({"company", "title", "number", "date", "company_size",
                    "title_size", "qr", "qr_size"},
                   "header");
  const unsigned scopes = kDocumentScope | kPageScope;
  header->company =
      template_text(table, "company", "header.", scopes, header->company);
  header->title =
      template_text(table, "title", "header.", scopes, header->title);
  header->number =
      template_text(table, "number", "header.", scopes, header->number);
  header->date = template_text(table, "date", "header.", scopes, header->date);
  header->company_size = template_number(table, "company_size", "header.", 6,
                                         40, header->company_size);
  header->title_size = template_number(table, "title_size", "header.", 6, 40,
                                       header->title_size);
  if (const toml::Value* qr = table.find("qr")) {
    header->qr = qr->as_boolean("header.qr");
  }
  // Below 12 mm the modules of a long code get too small for a 300 dpi
  // scan; above 40 mm the code crowds the title.
  header->qr_size =
      template_number(table, "qr_size", "header.", 12, 40, header->qr_size);
}

NumberFormat format_at(const toml::Table& table, const std::string& path) {
  const toml::Value* value = table.find("format");
  if (value == nullptr) return NumberFormat::text;
  const std::string& name = value->as_string(path + "format");
  if (name == "text") return NumberFormat::text;
  if (name == "integer") return NumberFormat::integer;
  if (name == "money") return NumberFormat::money;
  if (name == "yuan") return NumberFormat::yuan;
  throw TemplateError(template_where(*value) + path + "format \"" + name +
                      "\" is not one of text, integer, money, yuan");
}

void read_fields(const toml::Table& table, const PageSetup& page,
                 Block* block) {
  table.check_keys({"type", "font_size", "columns", "label_width", "rows"},
                   "block");
  block->columns =
      static_cast<int>(template_number(table, "columns", "block.", 1, 4, 2));
  const double room = page.content_width() / block->columns;
  // Each pair needs a label of 5 mm and a value of 10 mm at least. Without
  // a label_width of its own a block takes 28 mm, or less on narrow paper.
  if (room < 15) {
    const toml::Value* columns = table.find("columns");
    std::ostringstream message;
    message.precision(1);
    message << std::fixed
            << (columns ? template_where(*columns) : template_where(table))
            << block->columns << " label, value pairs a row leave "
            << room << " mm each between the margins; at least 15 mm are "
            << "needed (fewer columns, or smaller margins)";
    throw TemplateError(message.str());
  }
  block->label_width = template_number(table, "label_width", "block.", 5,
                                       room - 10, std::min(28.0, room * 0.4));

  const toml::Value& rows = table.at("rows", "block.rows");
  for (const toml::Value& row : rows.as_array("block.rows")) {
    const toml::Array& cells = row.as_array("block.rows[]");
    if (cells.empty() || cells.size() % 2 != 0 ||
        cells.size() > 2u * block->columns) {
      throw TemplateError(template_where(row) +
                          "a row of a fields block lists label, value pairs:"
                          " 1 to " +
                          std::to_string(block->columns) + " of them");
    }
    std::vector<FieldCell> pairs;
    for (std::size_t k = 0; k < cells.size(); k += 2) {
      FieldCell cell;
      cell.label = cells[k].as_string("block.rows[] label");
      cell.value = cells[k + 1].as_string("block.rows[] value");
      check_placeholders(cell.label, kDocumentScope, cells[k].file(),
                         cells[k].line());
      check_placeholders(cell.value, kDocumentScope, cells[k + 1].file(),
                         cells[k + 1].line());
      pairs.push_back(cell);
    }
    block->rows.push_back(pairs);
  }
}

void read_items(const toml::Table& table, const PageSetup& page,
                Block* block) {
  table.check_keys({"type", "font_size", "column", "total_label",
                    "capitals_label", "capitals"},
                   "block");
  block->total_label =
      template_text(table, "total_label", "block.", kDocumentScope, "");
  block->capitals_label =
      template_text(table, "capitals_label", "block.", kDocumentScope, "");
  block->capitals =
      template_text(table, "capitals", "block.", kDocumentScope, "");

  const toml::Value& columns = table.at("column", "block.column");
  double total_width = 0;
  for (const toml::Value& entry : columns.as_array("block.column")) {
    const toml::Table& column = entry.as_table("block.column");
    column.check_keys({"header", "value", "total", "width", "align",
                       "format"},
                      "block.column");
    ItemColumn out;
    out.header =
        template_text(column, "header", "block.column.", kDocumentScope, "");
    out.value = template_text(column, "value", "block.column.",
                              kDocumentScope | kItemScope, "");
    out.total =
        template_text(column, "total", "block.column.", kDocumentScope, "");
    const toml::Value& width = column.at("width", "block.column.width");
    out.width = width.as_number("block.column.width");
    if (!(out.width >= 5)) {
      std::ostringstream message;
      message << template_where(width) << "column \"" << out.header << "\" is "
              << out.width << " mm wide; a column needs at least 5 mm";
      throw TemplateError(message.str());
    }
    total_width += out.width;
    if (total_width > page.content_width() + 0.01) {
      std::ostringstream message;
      message << template_where(width) << "the columns up to \"" << out.header
              << "\" are " << total_width << " mm wide, more than the "
              << page.content_width() << " mm between the margins";
      throw TemplateError(message.str());
    }
    out.align = template_align(column, "block.column.");
    out.format = format_at(column, "block.column.");
    std::string name;
    if (out.format != NumberFormat::text &&
        !is_single_placeholder(out.value, &name)) {
      throw TemplateError(template_where(column) +
                          "a column with a number format "
                          "shows exactly one placeholder, such as "
                          "{item.amount}");
    }
    block->item_columns.push_back(out);
  }
  if (block->item_columns.empty()) {
    throw TemplateError(template_where(table) + "an items block needs columns");
  }
}

void read_block(const toml::Table& table, const PageSetup& page,
                Block* block) {
  block->line = table.line();
  const std::string& type =
      table.at("type", "block.type").as_string("block.type");
  block->font_size = template_number(table, "font_size", "block.", 5, 30, 0);

  if (type == "fields") {
    block->type = Block::Type::fields;
    read_fields(table, page, block);
  } else if (type == "items") {
    block->type = Block::Type::items;
    read_items(table, page, block);
  } else if (type == "text") {
    block->type = Block::Type::text;
    table.check_keys({"type", "font_size", "text", "align", "framed"},
                     "block");
    block->text = template_text(table, "text", "block.", kDocumentScope, "");
    block->align = template_align(table, "block.");
    if (const toml::Value* framed = table.find("framed")) {
      block->framed = framed->as_boolean("block.framed");
    }
  } else if (type == "approvals") {
    block->type = Block::Type::approvals;
    table.check_keys({"type", "font_size", "label_width", "box_height",
                      "pending", "decided"},
                     "block");
    block->label_width = template_number(table, "label_width", "block.", 10,
                                         page.content_width() - 20, 32);
    block->box_height =
        template_number(table, "box_height", "block.", 8, 120, 22);
    const unsigned scopes = kDocumentScope | kApprovalScope;
    block->pending =
        template_text(table, "pending", "block.", scopes, block->pending);
    block->decided =
        template_text(table, "decided", "block.", scopes, block->decided);
  } else if (type == "signatures") {
    block->type = Block::Type::signatures;
    table.check_keys({"type", "font_size", "boxes", "box_height",
                      "date_line"},
                     "block");
    const toml::Value& boxes = table.at("boxes", "block.boxes");
    for (const toml::Value& box : boxes.as_array("block.boxes")) {
      block->boxes.push_back(box.as_string("block.boxes[]"));
      check_placeholders(block->boxes.back(), kDocumentScope, box.file(),
                         box.line());
    }
    if (block->boxes.empty() || block->boxes.size() > 8) {
      throw TemplateError(template_where(boxes) +
                          "block.boxes lists 1 to 8 boxes");
    }
    block->box_height =
        template_number(table, "box_height", "block.", 8, 80, 24);
    block->date_line = template_text(table, "date_line", "block.",
                                     kDocumentScope, block->date_line);
  } else if (type == "space") {
    block->type = Block::Type::space;
    table.check_keys({"type", "height"}, "block");
    block->height = template_number(table, "height", "block.", 0, 100, 3);
  } else {
    throw TemplateError(template_where(table.at("type", "block.type")) +
                        "block.type \"" + type +
                        "\" is not one of fields, "
                        "items, text, approvals, signatures, space");
  }
}

void read_copies(const toml::Value& value, std::vector<CopyTemplate>* out) {
  for (const toml::Value& entry : value.as_array("copy")) {
    const toml::Table& table = entry.as_table("copy");
    table.check_keys({"label", "colour"}, "copy");
    CopyTemplate copy;
    copy.label = template_text(table, "label", "copy.", kDocumentScope, "");
    if (copy.label.empty()) {
      throw TemplateError(template_where(table) + "a copy needs a label");
    }
    const toml::Value& colour = table.at("colour", "copy.colour");
    const std::string& hex = colour.as_string("copy.colour");
    try {
      copy.colour = Colour::from_hex(hex);
    } catch (const std::invalid_argument&) {
      throw TemplateError(template_where(colour) + "copy.colour \"" + hex +
                          "\" is not a colour written #rrggbb");
    }
    out->push_back(copy);
  }
}

DocumentTemplate read_template(const toml::Table& root) {
  DocumentTemplate out;
  out.file = root.file();
  root.check_keys({"page", "header", "block", "footer", "copy", "xlsx"}, "");

  // The page comes first: widths of the blocks are checked against it.
  if (const toml::Value* page = root.find("page")) {
    read_page(page->as_table("page"), &out.page);
  }
  if (const toml::Value* header = root.find("header")) {
    read_header(header->as_table("header"), &out.header);
  }
  if (const toml::Value* blocks = root.find("block")) {
    for (const toml::Value& entry : blocks->as_array("block")) {
      Block block;
      read_block(entry.as_table("block"), out.page, &block);
      out.blocks.push_back(block);
    }
  }
  if (const toml::Value* footer = root.find("footer")) {
    const toml::Table& table = footer->as_table("footer");
    table.check_keys({"left", "right", "font_size"}, "footer");
    const unsigned scopes = kDocumentScope | kPageScope;
    out.footer.left = template_text(table, "left", "footer.", scopes, "");
    out.footer.right =
        template_text(table, "right", "footer.", scopes, out.footer.right);
    out.footer.font_size =
        template_number(table, "font_size", "footer.", 5, 14, 8);
  }
  if (const toml::Value* copies = root.find("copy")) {
    read_copies(*copies, &out.copies);
  }
  if (const toml::Value* xlsx = root.find("xlsx")) {
    const toml::Table& table = xlsx->as_table("xlsx");
    table.check_keys({"sheet"}, "xlsx");
    out.xlsx.sheet =
        template_text(table, "sheet", "xlsx.", kDocumentScope, out.xlsx.sheet);
  }
  if (out.blocks.empty()) {
    throw TemplateError(out.file + ":1: a template needs at least one "
                        "[[block]]");
  }
  check_content_room(root, out);
  return out;
}

}  // namespace

DocumentTemplate parse_document_template(const std::string& text,
                                         const std::string& file) {
  try {
    return read_template(toml::parse(text, file));
  } catch (const toml::Error& e) {
    throw TemplateError(e.what());
  }
}

DocumentTemplate load_document_template(const std::string& path) {
  try {
    return read_template(toml::parse_file(path));
  } catch (const toml::Error& e) {
    throw TemplateError(e.what());
  }
}

}  // namespace danju
