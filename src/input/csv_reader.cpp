#include "input/csv_reader.h"

#include "input/charset.h"

namespace danju {

namespace {

// Thrown when a record runs into the end of the text read so far, and more
// text may follow: the record is read again once there is more.
struct NeedMore {};

bool is_line_end(char c) { return c == '\r' || c == '\n'; }

// Steps over one CR, LF or CRLF at text[*i].
void skip_line_end(std::string_view text, std::size_t* i, bool more) {
  if (more && text[*i] == '\r' && *i + 1 == text.size()) throw NeedMore{};
  if (text[*i] == '\r' && *i + 1 < text.size() && text[*i + 1] == '\n') {
    *i += 2;
  } else {
    *i += 1;
  }
}

// Reads a quoted field starting at the opening quote text[*i]; leaves *i
// after the closing quote and counts the line breaks inside into *line.
std::string read_quoted(std::string_view text, std::size_t* i, int* line,
                        bool more) {
  const int opened = *line;
  std::string field;
  ++*i;
  for (;;) {
    if (*i >= text.size()) {
      if (more) throw NeedMore{};
      throw CsvError(opened, "a quoted field opened here is never closed");
    }
    const char c = text[*i];
    if (c == '"') {
      if (more && *i + 1 == text.size()) throw NeedMore{};
      if (*i + 1 < text.size() && text[*i + 1] == '"') {
        field.push_back('"');
        *i += 2;
        continue;
      }
      ++*i;
      break;
    }
    if (is_line_end(c)) {
      skip_line_end(text, i, more);
      ++*line;
      field.push_back('\n');
      continue;
    }
    field.push_back(c);
    ++*i;
  }

  if (*i < text.size() && text[*i] != ',' && !is_line_end(text[*i])) {
    throw CsvError(*line,
                   "text follows the closing quote of a field; a quote "
                   "inside a quoted field must be doubled (\"\")");
  }
  return field;
}

// Reads the record at text[*i], or the empty lines before it (then false).
// With more, a record that reaches the end of text throws NeedMore.
bool read_record(std::string_view text, std::size_t* i, int* line, bool more,
                 CsvRecord* record) {
  if (is_line_end(text[*i])) {
    skip_line_end(text, i, more);
    ++*line;
    return false;
  }

  record->line = *line;
  record->fields.clear();
  for (;;) {
    if (*i < text.size() && text[*i] == '"') {
      record->fields.push_back(read_quoted(text, i, line, more));
    } else {
      const std::size_t start = *i;
      while (*i < text.size() && text[*i] != ',' && !is_line_end(text[*i])) {
        ++*i;
      }
      record->fields.emplace_back(text.substr(start, *i - start));
    }

    if (*i >= text.size()) {
      if (more) throw NeedMore{};
      break;
    }
    if (text[*i] == ',') {
      ++*i;
      continue;
    }
    skip_line_end(text, i, more);
    ++*line;
    break;
  }
  return true;
}

}  // namespace

CsvTable read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  CsvTable table;
  int line = 1;
  std::size_t i = 0;
  CsvRecord record;
  while (i < text.size()) {
    if (!read_record(text, &i, &line, false, &record)) continue;
    if (table.header.empty() && table.header_line == 0) {
      table.header = std::move(record.fields);
      table.header_line = record.line;
    } else {
      table.records.push_back(std::move(record));
    }
  }
  return table;
}

bool CsvTableSource::next(CsvRecord* record) {
  if (next_ >= table_.records.size()) return false;
  *record = table_.records[next_++];
  return true;
}

struct CsvFileSource::Decoder {
  FileDecoder file;
  explicit Decoder(const std::string& path) : file(path) {}
};

CsvFileSource::CsvFileSource(const std::string& path)
    : decoder_(std::make_unique<Decoder>(path)) {
  CsvRecord first;
  if (read_record(&first)) {
    header_ = std::move(first.fields);
    header_line_ = first.line;
  }
}

CsvFileSource::~CsvFileSource() = default;

void CsvFileSource::rewind() {
  decoder_->file.rewind();
  text_.clear();
  at_ = 0;
  line_ = 1;
  first_block_ = true;
  at_end_ = false;
  CsvRecord header;
  read_record(&header);
}

bool CsvFileSource::next(CsvRecord* record) {
  if (header_line_ == 0) return false;
  return read_record(record);
}

bool CsvFileSource::read_record(CsvRecord* record) {
  for (;;) {
    if (at_ >= text_.size() && at_end_) return false;
    if (at_ < text_.size()) {
      const std::size_t from = at_;
      const int line = line_;
      try {
        if (::danju::read_record(text_, &at_, &line_, !at_end_, record)) {
          return true;
        }
        continue;
      } catch (const NeedMore&) {
        at_ = from;
        line_ = line;
      }
    }

    // More text: what is left of this block, then at least as much again.
    // A record that spans many blocks (a quoted cell of megabytes) is then
    // parsed again a few times, not once for every block it spans.
    text_.erase(0, at_);
    at_ = 0;
    const std::size_t left = text_.size();
    do {
      const std::string block = decoder_->file.next_block();
      if (block.empty()) {
        at_end_ = true;
        break;
      }
      text_ += block;
      if (first_block_ && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        text_.erase(0, 3);
      }
      first_block_ = false;
    } while (text_.size() < 2 * left);
  }
}

}  // namespace danju
