// Breaking text into lines that fit a width, by the rules of Chinese
// typesetting: a line never starts with closing punctuation (，。、；：？！
// ）】》」』”’ and their ASCII forms) and never ends with opening punctuation
// (（【《「『“‘); runs of Latin letters and digits are not split unless a run
// alone is wider than the line. Explicit line breaks in the text are kept.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render/font_set.h"

namespace danju {

// Limitation: text is set left to right, character by character; a
// right-to-left script (Hebrew, Arabic) comes out in reverse order, and
// scripts that need shaping (Indic, Arabic joining) are not shaped.
//
// Lines of text, each at most max_width points wide at size points (except a
// single character wider than the width). Each "\n" (or "\r\n") ends a
// line; empty text gives no lines. Spaces where a line is broken are
// dropped. Throws MissingGlyphError.
std::vector<std::string> break_lines(const FontSet& fonts,
                                     std::string_view utf8, double size,
                                     double max_width);

}  // namespace danju
