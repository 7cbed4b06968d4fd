// Reading comma-separated text as Excel and most exporters write it
// (RFC 4180).
//
// Fields are separated by commas; a field in double quotes may hold commas,
// line breaks and doubled quotes (""). Records end at CRLF, LF or CR. Lines
// that are entirely empty are skipped. The first record is the header.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace danju {

// what() names the line: "line 7: a quoted field opened here is never
// closed". line() gives the number alone.
class CsvError : public std::runtime_error {
 public:
  CsvError(int line, const std::string& message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message),
        line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;  // empty when the text has no record
  int header_line = 0;
  std::vector<CsvRecord> records;  // the records after the header
};

// text must be UTF-8 (see input/charset.h); a leading U+FEFF is dropped.
// Field values are returned exactly as written, without trimming; a line
// break inside a quoted field comes back as "\n" whatever the file used.
// Throws CsvError for a quoted field that is never closed or is followed by
// anything but a comma or the end of the line.
//
// Limitation: only commas separate fields; a semicolon- or tab-separated
// export is read as one column per line.
CsvTable read_csv(std::string_view text);

}  // namespace danju
