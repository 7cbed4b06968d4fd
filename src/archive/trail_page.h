// The 审批记录 page: the approval trail printed on A4, to be appended to the
// paper it approves (archive/filing_pdf.h) so that the archived PDF shows
// what was approved and who approved it in one file.
#pragma once

#include <string>

#include "archive/approval_trail.h"
#include "render/font_set.h"

namespace danju {

// The trail as a PDF of its own: one A4 page, more when the steps do not
// fit (continued pages are headed 审批记录（续）). The same trail and fonts
// give the same bytes. Prints every field of the trail except the source
// path; long evidence is wrapped. Throws MissingGlyphError when a name or
// evidence text has a character none of the fonts has.
std::string render_trail_pdf(const FontSet& fonts, const ApprovalTrail& trail);

}  // namespace danju
