// The text a reader sees in an HTML mail body, for replies sent as HTML
// only.
#pragma once

#include <string>
#include <string_view>

namespace danju {

// The text of an HTML document (UTF-8 in, UTF-8 out, line ends \n).
// Markup is dropped, and with it the content of <head>, <style>, <script>
// and <title>; <br> and the ends of block elements (p, div, tr, li, h1-h6,
// table, blockquote) break lines; every line inside a <blockquote> starts
// with "> " once per level, the way a plain-text reply quotes, so that the
// quoted original can be told from the reply. Entities are decoded: named
// ones for the common cases (&nbsp; as a plain space, &amp;, &lt;, &gt;,
// &quot;, &apos;, &yen;, &middot;, &mdash;, &hellip; ...) and every
// numeric one; an unknown entity stays as written. Runs of blanks collapse
// to one space, as a browser shows them; a <pre> block keeps its own.
std::string html_to_text(std::string_view html);

}  // namespace danju
