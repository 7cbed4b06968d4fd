#include "render/pdf_to_unicode.h"

#include <algorithm>

#include "render/pdf_number.h"

namespace danju {

namespace {

void append_utf16_hex(std::string& out, char32_t c) {
  if (c < 0x10000) {
    append_hex16(out, c);
    return;
  }
  char32_t offset = c - 0x10000;
  append_hex16(out, 0xD800 + (offset >> 10));
  append_hex16(out, 0xDC00 + (offset & 0x3FF));
}

}  // namespace

std::string to_unicode_cmap(
    const std::vector<std::pair<std::uint32_t, char32_t>>& mapping) {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >>"
      " def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";

  // A CMap section may hold at most 100 entries.
  for (std::size_t start = 0; start < mapping.size(); start += 100) {
    std::size_t end = std::min(mapping.size(), start + 100);
    out += std::to_string(end - start);
    out += " beginbfchar\n";
    for (std::size_t i = start; i < end; ++i) {
      out += '<';
      append_hex16(out, mapping[i].first);
      out += "> <";
      append_utf16_hex(out, mapping[i].second);
      out += ">\n";
    }
    out += "endbfchar\n";
  }

  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

}  // namespace danju
