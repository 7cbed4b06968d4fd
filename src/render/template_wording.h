// A template's own wording: every piece of text it prints whatever the
// order, with the placeholders left out. What the template's font stock is
// made of (see font_stock.h).
#pragma once

#include <string>
#include <vector>

#include "render/document_template.h"

namespace danju {

// Titles, labels, column heads, clauses, box wording, footer and copy
// labels of document. Limitation: text a template shows only for some
// documents (an approval box's wording before and after the decision) is
// included, so a document may embed a few stock glyphs it does not draw.
std::vector<std::string> template_wording(const DocumentTemplate& document);

}  // namespace danju
