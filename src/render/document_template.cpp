#include "render/document_template.h"

#include <sstream>

#include "jobs/toml.h"
#include "render/document_renderer.h"
#include "render/field_values.h"

namespace danju {

namespace {

std::string where(const toml::Value& value) {
  return value.file() + ":" + std::to_string(value.line()) + ": ";
}

std::string where(const toml::Table& table) {
  return table.file() + ":" + std::to_string(table.line()) + ": ";
}

// A string that may hold placeholders of the given scopes.
std::string text_at(const toml::Table& table, const std::string& key,
                    const std::string& path, unsigned scopes,
                    const std::string& fallback) {
  const toml::Value* value = table.find(key);
  if (value == nullptr) return fallback;
  const std::string& text = value->as_string(path + key);
  check_placeholders(text, scopes, value->file(), value->line());
  return text;
}

double number_at(const toml::Table& table, const std::string& key,
                 const std::string& path, double low, double high,
                 double fallback) {
  const toml::Value* value = table.find(key);
  if (value == nullptr) return fallback;
  const double n = value->as_number(path + key);
  if (!(n >= low && n <= high)) {
    std::ostringstream out;
    out << where(*value) << path << key << " = " << n
        << " must be between " << low << " and " << high;
    throw TemplateError(out.str());
  }
  return n;
}

void read_page(const toml::Table& table, PageSetup* page) {
  table.check_keys({"size", "margin_top", "margin_bottom", "margin_left",
                    "margin_right", "font_size"},
                   "page");
  if (const toml::Value* size = table.find("size")) {
    const std::string& name = size->as_string("page.size");
    if (name == "A4") {
      page->width = 210, page->height = 297;
    } else if (name == "A5") {
      page->width = 148, page->height = 210;
    } else if (name == "241x280") {
      page->width = 241, page->height = 280;  // continuous multi-part paper
    } else if (name == "241x140") {
      page->width = 241, page->height = 140;  // the same, torn at half height
    } else {
      throw TemplateError(where(*size) + "page.size \"" + name +
                          "\" is not one of A4, A5, 241x280, 241x140");
    }
  }
  page->margin_top = number_at(table, "margin_top", "page.", 3, 60, 15);
  page->margin_bottom = number_at(table, "margin_bottom", "page.", 3, 60, 12);
  page->margin_left = number_at(table, "margin_left", "page.", 3, 60, 15);
  page->margin_right = number_at(table, "margin_right", "page.", 3, 60, 15);
  page->font_size = number_at(table, "font_size", "page.", 5, 30, 10);
}

void read_header(const toml::Table& table, HeaderTemplate* header) {
  table.check_keys({"company", "title", "number", "date", "company_size",
                    "title_size"},
                   "header");
  const unsigned scopes = kDocumentScope | kPageScope;
  header->company = text_at(table, "company", "header.", scopes,
                            header->company);
  header->title = text_at(table, "title", "header.", scopes, header->title);
  header->number = text_at(table, "number", "header.", scopes,
                           header->number);
  header->date = text_at(table, "date", "header.", scopes, header->date);
  header->company_size = number_at(table, "company_size", "header.", 6, 40,
                                   header->company_size);
  header->title_size = number_at(table, "title_size", "header.", 6, 40,
                                 header->title_size);
}

Align align_at(const toml::Table& table, const std::string& path) {
  const toml::Value* value = table.find("align");
  if (value == nullptr) return Align::left;
  const std::string& name = value->as_string(path + "align");
  if (name == "left") return Align::left;
  if (name == "center") return Align::center;
  if (name == "right") return Align::right;
  throw TemplateError(where(*value) + path + "align \"" + name +
                      "\" is not one of left, center, right");
}

NumberFormat format_at(const toml::Table& table, const std::string& path) {
  const toml::Value* value = table.find("format");
  if (value == nullptr) return NumberFormat::text;
  const std::string& name = value->as_string(path + "format");
  if (name == "text") return NumberFormat::text;
  if (name == "integer") return NumberFormat::integer;
  if (name == "money") return NumberFormat::money;
  if (name == "yuan") return NumberFormat::yuan;
  throw TemplateError(where(*value) + path + "format \"" + name +
                      "\" is not one of text, integer, money, yuan");
}

void read_fields(const toml::Table& table, const PageSetup& page,
                 Block* block) {
  table.check_keys({"type", "font_size", "columns", "label_width", "rows"},
                   "block");
  block->columns = static_cast<int>(
      number_at(table, "columns", "block.", 1, 4, 2));
  const double room = page.content_width() / block->columns;
  block->label_width = number_at(table, "label_width", "block.", 5,
                                 room - 10, 28);

  const toml::Value& rows = table.at("rows", "block.rows");
  for (const toml::Value& row : rows.as_array("block.rows")) {
    const toml::Array& cells = row.as_array("block.rows[]");
    if (cells.empty() || cells.size() % 2 != 0 ||
        cells.size() > 2u * block->columns) {
      throw TemplateError(where(row) +
                          "a row of a fields block lists label, value pairs:"
                          " 1 to " + std::to_string(block->columns) +
                          " of them");
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
  block->total_label = text_at(table, "total_label", "block.",
                               kDocumentScope, "");
  block->capitals_label = text_at(table, "capitals_label", "block.",
                                  kDocumentScope, "");
  block->capitals = text_at(table, "capitals", "block.", kDocumentScope, "");

  const toml::Value& columns = table.at("column", "block.column");
  double total_width = 0;
  for (const toml::Value& entry : columns.as_array("block.column")) {
    const toml::Table& column = entry.as_table("block.column");
    column.check_keys({"header", "value", "total", "width", "align",
                       "format"},
                      "block.column");
    ItemColumn out;
    out.header = text_at(column, "header", "block.column.", kDocumentScope,
                         "");
    out.value = text_at(column, "value", "block.column.",
                        kDocumentScope | kItemScope, "");
    out.total = text_at(column, "total", "block.column.", kDocumentScope,
                        "");
    const toml::Value& width = column.at("width", "block.column.width");
    out.width = width.as_number("block.column.width");
    if (!(out.width >= 5)) {
      std::ostringstream message;
      message << where(width) << "column \"" << out.header << "\" is "
              << out.width << " mm wide; a column needs at least 5 mm";
      throw TemplateError(message.str());
    }
    total_width += out.width;
    if (total_width > page.content_width() + 0.01) {
      std::ostringstream message;
      message << where(width) << "the columns up to \"" << out.header
              << "\" are " << total_width << " mm wide, more than the "
              << page.content_width() << " mm between the margins";
      throw TemplateError(message.str());
    }
    out.align = align_at(column, "block.column.");
    out.format = format_at(column, "block.column.");
    std::string name;
    if (out.format != NumberFormat::text &&
        !is_single_placeholder(out.value, &name)) {
      throw TemplateError(where(column) + "a column with a number format "
                          "shows exactly one placeholder, such as "
                          "{item.amount}");
    }
    block->item_columns.push_back(out);
  }
  if (block->item_columns.empty()) {
    throw TemplateError(where(table) + "an items block needs columns");
  }
}

void read_block(const toml::Table& table, const PageSetup& page,
                Block* block) {
  block->line = table.line();
  const std::string& type =
      table.at("type", "block.type").as_string("block.type");
  block->font_size = number_at(table, "font_size", "block.", 5, 30, 0);

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
    block->text = text_at(table, "text", "block.", kDocumentScope, "");
    block->align = align_at(table, "block.");
    if (const toml::Value* framed = table.find("framed")) {
      block->framed = framed->as_boolean("block.framed");
    }
  } else if (type == "approvals") {
    block->type = Block::Type::approvals;
    table.check_keys({"type", "font_size", "label_width", "box_height",
                      "pending", "decided"},
                     "block");
    block->label_width = number_at(table, "label_width", "block.", 10,
                                   page.content_width() - 20, 32);
    block->box_height = number_at(table, "box_height", "block.", 8, 120, 22);
    const unsigned scopes = kDocumentScope | kApprovalScope;
    block->pending = text_at(table, "pending", "block.", scopes,
                             block->pending);
    block->decided = text_at(table, "decided", "block.", scopes,
                             block->decided);
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
      throw TemplateError(where(boxes) + "block.boxes lists 1 to 8 boxes");
    }
    block->box_height = number_at(table, "box_height", "block.", 8, 80, 24);
    block->date_line = text_at(table, "date_line", "block.", kDocumentScope,
                               block->date_line);
  } else if (type == "space") {
    block->type = Block::Type::space;
    table.check_keys({"type", "height"}, "block");
    block->height = number_at(table, "height", "block.", 0, 100, 3);
  } else {
    throw TemplateError(where(table.at("type", "block.type")) +
                        "block.type \"" + type + "\" is not one of fields, "
                        "items, text, approvals, signatures, space");
  }
}

void read_copies(const toml::Value& value, std::vector<CopyTemplate>* out) {
  for (const toml::Value& entry : value.as_array("copy")) {
    const toml::Table& table = entry.as_table("copy");
    table.check_keys({"label", "colour"}, "copy");
    CopyTemplate copy;
    copy.label = text_at(table, "label", "copy.", kDocumentScope, "");
    if (copy.label.empty()) {
      throw TemplateError(where(table) + "a copy needs a label");
    }
    const toml::Value& colour = table.at("colour", "copy.colour");
    const std::string& hex = colour.as_string("copy.colour");
    try {
      copy.colour = Colour::from_hex(hex);
    } catch (const std::invalid_argument&) {
      throw TemplateError(where(colour) + "copy.colour \"" + hex +
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
    out.footer.left = text_at(table, "left", "footer.", scopes, "");
    out.footer.right = text_at(table, "right", "footer.", scopes,
                               out.footer.right);
    out.footer.font_size = number_at(table, "font_size", "footer.", 5, 14, 8);
  }
  if (const toml::Value* copies = root.find("copy")) {
    read_copies(*copies, &out.copies);
  }
  if (const toml::Value* xlsx = root.find("xlsx")) {
    const toml::Table& table = xlsx->as_table("xlsx");
    table.check_keys({"sheet"}, "xlsx");
    out.xlsx.sheet = text_at(table, "sheet", "xlsx.", kDocumentScope,
                             out.xlsx.sheet);
  }
  if (out.blocks.empty()) {
    throw TemplateError(out.file + ":1: a template needs at least one "
                        "[[block]]");
  }
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
