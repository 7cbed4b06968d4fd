// Reading comma-separated text as Excel and most exporters write it
// (RFC 4180).
//
// Fields are separated by commas; a field in double quotes may hold commas,
// line breaks and doubled quotes (""). Records end at CRLF, LF or CR. Lines
// that are entirely empty are skipped. The first record is the header.
#pragma once

#include <memory>
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

// The records of a CSV text one at a time, from a table in memory or from
// a file as it is read.
class CsvSource {
 public:
  virtual ~CsvSource() = default;
  // The header record; empty when the text has no record.
  virtual const std::vector<std::string>& header() const = 0;
  virtual int header_line() const = 0;
  // The next record after the header; false at the end. Throws CsvError
  // (and for a file CharsetError, FileError).
  virtual bool next(CsvRecord* record) = 0;
  // Starts again at the first record after the header.
  virtual void rewind() = 0;
};

// A table's records. The table must outlive the source.
class CsvTableSource : public CsvSource {
 public:
  explicit CsvTableSource(const CsvTable& table) : table_(table) {}
  const std::vector<std::string>& header() const override {
    return table_.header;
  }
  int header_line() const override { return table_.header_line; }
  bool next(CsvRecord* record) override;
  void rewind() override { next_ = 0; }

 private:
  const CsvTable& table_;
  std::size_t next_ = 0;
};

// A CSV file read as read_csv(to_utf8(whole file)) reads it, a block at a
// time: memory for a block and a record, however big the file. Throws
// FileError, CharsetError (see FileDecoder) and CsvError, the last two
// from next() when the fault is further into the file.
class CsvFileSource : public CsvSource {
 public:
  explicit CsvFileSource(const std::string& path);
  ~CsvFileSource() override;
  const std::vector<std::string>& header() const override { return header_; }
  int header_line() const override { return header_line_; }
  bool next(CsvRecord* record) override;
  void rewind() override;

 private:
  bool read_record(CsvRecord* record);

  struct Decoder;
  std::unique_ptr<Decoder> decoder_;
  std::string text_;      // decoded, not yet read
  std::size_t at_ = 0;    // in text_
  int line_ = 1;
  bool first_block_ = true;
  bool at_end_ = false;
  std::vector<std::string> header_;
  int header_line_ = 0;
};

}  // namespace danju
