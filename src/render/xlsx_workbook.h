// Starting a libxlsxwriter workbook the way Danju writes every spreadsheet.
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

}  // namespace danju
