// The spreadsheet of a document (approval form, order sheet), written with
// libxlsxwriter from the same template as the PDF.
//
// Every value from order data is stored as a string, never as a formula, so
// "=HYPERLINK(...)" in a customer name stays text; amounts and counts are
// numbers with number formats (¥#,##0.00, #,##0). The sheet carries a merged
// title row, the field rows, the item table with its header frozen and
// repeated on each printed page, A4 print setup fitted to the page width,
// and page numbers in the footer.
#pragma once

#include <set>
#include <string>

#include "render/document_template.h"
#include "render/field_values.h"

namespace danju {

// Writes the workbook to path: first to a temporary file beside it, then
// renamed over path. Throws RenderError naming the file when it cannot.
void write_document_xlsx(const DocumentTemplate& document,
                         const FieldValues& values, const std::string& path);

// A sheet name Excel accepts, made from wanted: []:*?/\ become "_", leading
// and trailing apostrophes go, at most 31 characters (counted as Excel
// counts them), never empty, and unlike every name in used (compared without
// regard to ASCII case). The result is added to used.
std::string valid_sheet_name(const std::string& wanted,
                             std::set<std::string>* used);

}  // namespace danju
