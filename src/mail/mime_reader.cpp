#include "mail/mime_reader.h"

#include "core/text.h"

#include <cctype>
#include <utility>

#include "mail/mime_reader_charset.h"
#include "mail/mime_reader_transfer.h"

namespace danju {

namespace {

constexpr int kMaxDepth = 16;

// Blanks and line ends removed from both ends, byte by byte: the text may
// not be UTF-8 yet, so core's trim (which reads UTF-8) cannot be used.
std::string trim_bytes(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Every line end as \n.
std::string lf_line_ends(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    } else {
      out.push_back(raw[i]);
    }
  }
  return out;
}

// Length of the field name when line starts "Name:", else 0. A name is
// printable ASCII without ":" and blanks (RFC 5322 2.2).
std::size_t field_name_length(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] > ' ' && line[i] < 0x7F && line[i] != ':') {
    ++i;
  }
  // Blanks before the colon are obsolete syntax but still sent.
  std::size_t colon = i;
  while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t')) {
    ++colon;
  }
  if (i == 0 || colon >= line.size() || line[colon] != ':') return 0;
  return i;
}

// Reads header fields from text (\n line ends) up to the empty line; sets
// body_start to the first byte of the body. False when the first line is
// no header field.
bool read_headers(std::string_view text, std::vector<HeaderField>* headers,
                  std::size_t* body_start) {
  std::size_t i = 0;
  bool first = true;

  while (i < text.size()) {
    std::size_t end = text.find('\n', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(i, end - i);
    const std::size_t next = end < text.size() ? end + 1 : end;

    if (line.empty()) {
      *body_start = next;
      return !first;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      // A fold: the field goes on (RFC 5322 2.2.3).
      if (!headers->empty()) {
        headers->back().value += std::string(line);
      }
    } else if (const std::size_t length = field_name_length(line)) {
      const std::size_t colon = line.find(':');
      headers->push_back({std::string(line.substr(0, length)),
                          std::string(line.substr(colon + 1))});
    } else if (first) {
      return false;
    }
    // Limitation: a line that is neither a field nor a fold is skipped.
    first = false;
    i = next;
  }
  *body_start = text.size();
  return !first;
}

// The parameters after the first ";" of a structured field, names lower
// case.
std::vector<std::pair<std::string, std::string>> parameters(
    std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = value.find(';');

  while (i != std::string_view::npos && i < value.size()) {
    ++i;  // past ';'
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    const std::size_t name_start = i;
    while (i < value.size() && value[i] != '=' && value[i] != ';') ++i;
    const std::string name =
        ascii_lower(trim_bytes(value.substr(name_start, i - name_start)));
    std::string parameter_value;
    if (i < value.size() && value[i] == '=') {
      ++i;
      while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
      if (i < value.size() && value[i] == '"') {
        ++i;
        while (i < value.size() && value[i] != '"') {
          if (value[i] == '\\' && i + 1 < value.size()) ++i;
          parameter_value.push_back(value[i]);
          ++i;
        }
        if (i < value.size()) ++i;  // closing quote
      } else {
        const std::size_t start = i;
        while (i < value.size() && value[i] != ';' && value[i] != ' ' &&
               value[i] != '\t' && value[i] != '(') {
          ++i;
        }
        parameter_value = std::string(value.substr(start, i - start));
      }
    }
    if (!name.empty()) out.emplace_back(name, parameter_value);
    i = value.find(';', i);
  }
  return out;
}

// The part of a structured field before its first ";", lower case.
std::string leading_token(std::string_view value) {
  const std::size_t semicolon = value.find(';');
  return ascii_lower(trim_bytes(value.substr(0, semicolon)));
}

// The pieces of a multipart body between its boundary lines.
std::vector<std::string_view> split_multipart(std::string_view body,
                                              const std::string& boundary) {
  std::vector<std::string_view> pieces;
  const std::string delimiter = "--" + boundary;
  std::size_t part_start = std::string_view::npos;
  std::size_t i = 0;

  while (i <= body.size()) {
    std::size_t end = body.find('\n', i);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(i, end - i);

    if (line.compare(0, delimiter.size(), delimiter) == 0) {
      const std::string rest = trim_bytes(line.substr(delimiter.size()));
      const bool closing = rest == "--";
      if (rest.empty() || closing) {
        if (part_start != std::string_view::npos) {
          // The line end before a boundary belongs to the boundary.
          const std::size_t part_end = i > part_start ? i - 1 : part_start;
          pieces.push_back(body.substr(part_start, part_end - part_start));
        }
        if (closing) return pieces;
        part_start = end + 1;
      }
    }
    if (end >= body.size()) break;
    i = end + 1;
  }
  if (part_start != std::string_view::npos && part_start < body.size()) {
    pieces.push_back(body.substr(part_start));
  }
  return pieces;
}

bool read_entity(std::string_view text, const std::string& default_type,
                 int depth, MimeEntity* entity) {
  std::size_t body_start = 0;
  if (!read_headers(text, &entity->headers, &body_start)) return false;
  for (HeaderField& field : entity->headers) {
    field.value = text_from_charset(trim_bytes(field.value), "");
  }

  const std::string content_type = entity->header("Content-Type");
  entity->media_type = leading_token(content_type);
  if (entity->media_type.find('/') == std::string::npos) {
    entity->media_type = default_type;
  }
  const std::string disposition = entity->header("Content-Disposition");
  entity->disposition = leading_token(disposition);
  for (const std::string& field : {content_type, disposition}) {
    for (const auto& parameter : parameters(field)) {
      if (parameter.first == "charset") {
        entity->charset = ascii_lower(parameter.second);
      }
      if (parameter.first.rfind("name", 0) == 0 ||
          parameter.first.rfind("filename", 0) == 0) {
        entity->has_file_name = true;
      }
    }
  }

  const std::string_view body = text.substr(body_start);
  const std::string boundary = header_parameter(content_type, "boundary");
  const bool multipart = entity->media_type.rfind("multipart/", 0) == 0;
  if (multipart && !boundary.empty() && depth < kMaxDepth) {
    // Parts of a multipart/digest are messages unless they say otherwise.
    const std::string part_default = entity->media_type == "multipart/digest"
                                         ? "message/rfc822"
                                         : "text/plain";
    for (std::string_view piece : split_multipart(body, boundary)) {
      MimeEntity part;
      // A part may start with its empty line: no fields, all defaults.
      if (!piece.empty() && piece[0] == '\n') {
        part.media_type = part_default;
        part.body = std::string(piece.substr(1));
        entity->parts.push_back(std::move(part));
      } else if (read_entity(piece, part_default, depth + 1, &part)) {
        entity->parts.push_back(std::move(part));
      }
    }
    return true;
  }

  const std::string encoding = entity->header("Content-Transfer-Encoding");
  entity->body = lf_line_ends(decode_transfer_encoding(body, encoding));
  return true;
}

}  // namespace

std::string MimeEntity::header(std::string_view name) const {
  for (const HeaderField& field : headers) {
    if (same_name(field.name, name)) return field.value;
  }
  return "";
}

std::vector<std::string> MimeEntity::headers_named(
    std::string_view name) const {
  std::vector<std::string> values;
  for (const HeaderField& field : headers) {
    if (same_name(field.name, name)) values.push_back(field.value);
  }
  return values;
}

bool read_mime_entity(std::string_view raw, MimeEntity* entity) {
  std::string text = lf_line_ends(raw);
  if (text.rfind("From ", 0) == 0) {
    const std::size_t end = text.find('\n');
    text.erase(0, end == std::string::npos ? text.size() : end + 1);
  }
  *entity = MimeEntity();
  return read_entity(text, "text/plain", 0, entity);
}

std::string header_parameter(std::string_view value, std::string_view name) {
  const std::string wanted = ascii_lower(name);
  for (const auto& parameter : parameters(value)) {
    if (parameter.first == wanted) return parameter.second;
  }
  return "";
}

}  // namespace danju
