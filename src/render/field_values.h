// Placeholders: how template text is bound to order data.
//
// Template text names data in braces, "客户：{customer.name}"; "{{" and "}}"
// stand for literal braces. Which names exist depends on where the text is:
// document fields everywhere, {item.*} only in line-item columns,
// {approval.*} only in approval boxes, {page.*} only in header and footer.
// Templates are checked against these lists when they are read, so a typo
// is a TemplateError before any order is touched.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "render/document_request.h"
#include "render/font_set.h"

namespace danju {

// Where a piece of template text sits, as a set of bits: what it may name.
enum PlaceholderScope : unsigned {
  kDocumentScope = 1,  // company, customer, order, document, copy
  kItemScope = 2,      // item.* (one line item)
  kApprovalScope = 4,  // approval.* (one approval box)
  kPageScope = 8,      // page.no, page.count
};

// A value a placeholder stands for: the text printed, and for amounts and
// counts also the number, so that a spreadsheet cell can hold a number.
struct FieldValue {
  enum class Number { none, money, integer };
  std::string text;
  Number number = Number::none;
  std::int64_t amount = 0;  // 分 for money, the count for integer
};

// Throws TemplateError "file:line: ..." for a placeholder not known in
// scopes, or for a brace that opens no placeholder.
void check_placeholders(const std::string& text, unsigned scopes,
                        const std::string& file, int line);

// The placeholder names in text, in order of appearance.
std::vector<std::string> placeholder_names(std::string_view text);

// text with its placeholders left out ("{{" and "}}" kept as braces): the
// template's own wording in it.
std::string literal_text(std::string_view text);

// Whether text is exactly one placeholder and nothing else; sets *name.
bool is_single_placeholder(std::string_view text, std::string* name);

// The values of one document request. Cheap to copy; one per render call,
// so worker threads share nothing. The request must outlive it.
class FieldValues {
 public:
  // Throws RenderError for an order date that is not YYYY-MM-DD.
  explicit FieldValues(const DocumentRequest& request);

  // Set what item.*, approval.*, page.* and copy.* stand for next.
  void set_item(const LineItem* item, int number);
  void set_approval(const ApprovalBox* box);
  void set_page(int number, int count);
  void set_copy(int number, int count, const std::string& label);

  // The value of a placeholder name (already checked by the template).
  FieldValue value(const std::string& name) const;

  // text with each placeholder replaced. When fonts is given, every value
  // is checked to be drawable, and RenderError names the field and the code
  // point of the first character no font has.
  std::string expand(const std::string& text,
                     const FontSet* fonts = nullptr) const;

  const DocumentRequest& request() const { return *request_; }

 private:
  const DocumentRequest* request_;
  std::string document_date_;
  const LineItem* item_ = nullptr;
  int item_number_ = 0;
  const ApprovalBox* approval_ = nullptr;
  int page_number_ = 0;
  int page_count_ = 0;
  int copy_number_ = 1;
  int copy_count_ = 1;
  std::string copy_label_;
};

// "customer.name: character U+20BB7 (𠮷) is in none of the configured
// fonts": what RenderError says for a character no font draws.
std::string missing_glyph_message(const std::string& field,
                                  char32_t code_point);

}  // namespace danju
