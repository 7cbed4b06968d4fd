#include "render/xlsx_workbook.h"

#include <unistd.h>

#include <cstdint>

namespace danju {

namespace {

// The memory-backed folder, when this machine has one Danju may write to.
char* scratch_folder() {
  static char shm[] = "/dev/shm";
  static const bool usable = ::access(shm, W_OK | X_OK) == 0;
  return usable ? shm : nullptr;
}

// Paper size 9 is A4 in a sheet's page setup.
constexpr std::uint8_t kPaperA4 = 9;

// Page header and footer text use '&' for codes; a literal one is "&&".
std::string escape_print_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '&') out += '&';
  }
  return out;
}

}  // namespace

lxw_workbook* new_workbook(const std::string& path) {
  lxw_workbook_options options{};
  options.tmpdir = scratch_folder();
  return workbook_new_opt(path.c_str(), &options);
}

}  // namespace danju

namespace danju {

lxw_error set_up_printing(lxw_worksheet* sheet,
                          const SheetPrinting& printing) {
  if (printing.landscape) worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, kPaperA4);
  worksheet_fit_to_pages(sheet, 1, 0);
  if (printing.repeated_row >= 0) {
    const lxw_error error = worksheet_repeat_rows(
        sheet, printing.repeated_row, printing.repeated_row);
    if (error != LXW_NO_ERROR) return error;
  }

  const std::string centre = "&C" + escape_print_text(printing.centre);
  std::string header = centre;
  if (!printing.left.empty()) {
    header = "&L" + escape_print_text(printing.left) + centre;
  }
  if (header.size() > 255) header = centre;
  const lxw_error error = worksheet_set_header(sheet, header.c_str());
  if (error != LXW_NO_ERROR) return error;
  return worksheet_set_footer(sheet, "&C第 &P 页 共 &N 页");
}

}  // namespace danju
