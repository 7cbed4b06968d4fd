// Starting a libxlsxwriter workbook, and setting a sheet up for printing,
// the way Danju writes every spreadsheet.
//
// libxlsxwriter writes each part of a workbook to a scratch file of its own
// before it zips them: a dozen files made and removed per spreadsheet. On a
// disk that makes and removes thousands of files a night that costs more
// than the spreadsheet itself, so the scratch files go to /dev/shm (memory)
// when it is a writable folder, else where the library puts them (/tmp).
#pragma once

#include <xlsxwriter.h>

#include <string>

namespace danju {

// A new workbook to be written to path when closed; nullptr when it cannot
// be started (no memory, no scratch folder).
lxw_workbook* new_workbook(const std::string& path);

// How a sheet prints: on A4, one page wide and as many tall as it needs.
struct SheetPrinting {
  bool landscape = false;
  int repeated_row = -1;   // printed atop every page; -1 for none
  std::string left;        // page header, left (plain text, may be empty)
  std::string centre;      // page header, centre (plain text)
};

// Sets sheet up as printing says, with 第 x 页 共 y 页 centred in the
// footer. Returns libxlsxwriter's first error, LXW_NO_ERROR when none.
// Limitation: Excel keeps at most 255 bytes of a page header; when left
// and centre together are longer, the left part is left out.
lxw_error set_up_printing(lxw_worksheet* sheet, const SheetPrinting& printing);

}  // namespace danju
