#include "render/template_wording.h"

#include "render/field_values.h"

namespace danju {

std::vector<std::string> template_wording(const DocumentTemplate& document) {
  std::vector<std::string> texts;
  auto add = [&texts](const std::string& text) {
    std::string literal = literal_text(text);
    if (!literal.empty()) texts.push_back(std::move(literal));
  };

  const HeaderTemplate& header = document.header;
  for (const std::string* text :
       {&header.company, &header.title, &header.number, &header.date}) {
    add(*text);
  }

  for (const Block& block : document.blocks) {
    switch (block.type) {
      case Block::Type::fields:
        for (const auto& row : block.rows) {
          for (const FieldCell& cell : row) {
            add(cell.label);
            add(cell.value);
          }
        }
        break;
      case Block::Type::items:
        for (const ItemColumn& column : block.item_columns) {
          add(column.header);
          add(column.value);
          add(column.total);
        }
        add(block.total_label);
        add(block.capitals_label);
        add(block.capitals);
        break;
      case Block::Type::text:
        add(block.text);
        break;
      case Block::Type::approvals:
        add(block.pending);
        add(block.decided);
        break;
      case Block::Type::signatures:
        for (const std::string& box : block.boxes) add(box);
        add(block.date_line);
        break;
      case Block::Type::space:
        break;
    }
  }

  add(document.footer.left);
  add(document.footer.right);
  for (const CopyTemplate& copy : document.copies) add(copy.label);
  return texts;
}

}  // namespace danju
