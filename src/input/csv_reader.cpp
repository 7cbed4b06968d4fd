#include "input/csv_reader.h"

namespace danju {

namespace {

bool is_line_end(char c) { return c == '\r' || c == '\n'; }

// Steps over one CR, LF or CRLF at text[*i].
void skip_line_end(std::string_view text, std::size_t* i) {
  if (text[*i] == '\r' && *i + 1 < text.size() && text[*i + 1] == '\n') {
    *i += 2;
  } else {
    *i += 1;
  }
}

// Reads a quoted field starting at the opening quote text[*i]; leaves *i
// after the closing quote and counts the line breaks inside into *line.
std::string read_quoted(std::string_view text, std::size_t* i, int* line) {
  const int opened = *line;
  std::string field;
  ++*i;
  for (;;) {
    if (*i >= text.size()) {
      throw CsvError(opened, "a quoted field opened here is never closed");
    }
    const char c = text[*i];
    if (c == '"') {
      if (*i + 1 < text.size() && text[*i + 1] == '"') {
        field.push_back('"');
        *i += 2;
        continue;
      }
      ++*i;
      break;
    }
    if (is_line_end(c)) {
      skip_line_end(text, i);
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

}  // namespace

CsvTable read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::vector<CsvRecord> rows;
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_line_end(text[i])) {
      skip_line_end(text, &i);
      ++line;
      continue;
    }

    CsvRecord record;
    record.line = line;
    for (;;) {
      if (i < text.size() && text[i] == '"') {
        record.fields.push_back(read_quoted(text, &i, &line));
      } else {
        const std::size_t start = i;
        while (i < text.size() && text[i] != ',' && !is_line_end(text[i])) {
          ++i;
        }
        record.fields.emplace_back(text.substr(start, i - start));
      }

      if (i >= text.size()) break;
      if (text[i] == ',') {
        ++i;
        continue;
      }
      skip_line_end(text, &i);
      ++line;
      break;
    }
    rows.push_back(std::move(record));
  }

  CsvTable table;
  if (rows.empty()) return table;
  table.header = std::move(rows.front().fields);
  table.header_line = rows.front().line;
  table.records.assign(std::make_move_iterator(rows.begin() + 1),
                       std::make_move_iterator(rows.end()));
  return table;
}

}  // namespace danju
