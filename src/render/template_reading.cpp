#include "render/template_reading.h"

#include <sstream>

#include "render/document_renderer.h"
#include "render/field_values.h"

namespace danju {

std::string template_where(const toml::Value& value) {
  return value.file() + ":" + std::to_string(value.line()) + ": ";
}

std::string template_where(const toml::Table& table) {
  return table.file() + ":" + std::to_string(table.line()) + ": ";
}

std::string template_text(const toml::Table& table, const std::string& key,
                          const std::string& path, unsigned scopes,
                          const std::string& fallback) {
  const toml::Value* value = table.find(key);
  if (value == nullptr) return fallback;
  const std::string& text = value->as_string(path + key);
  check_placeholders(text, scopes, value->file(), value->line());
  return text;
}

double template_number(const toml::Table& table, const std::string& key,
                       const std::string& path, double low, double high,
                       double fallback) {
  const toml::Value* value = table.find(key);
  if (value == nullptr) return fallback;
  const double n = value->as_number(path + key);
  if (!(n >= low && n <= high)) {
    std::ostringstream out;
    out << template_where(*value) << path << key << " = " << n
        << " must be between " << low << " and " << high;
    throw TemplateError(out.str());
  }
  return n;
}

Align template_align(const toml::Table& table, const std::string& path) {
  const toml::Value* value = table.find("align");
  if (value == nullptr) return Align::left;
  const std::string& name = value->as_string(path + "align");
  if (name == "left") return Align::left;
  if (name == "center") return Align::center;
  if (name == "right") return Align::right;
  throw TemplateError(template_where(*value) + path + "align \"" + name +
                      "\" is not one of left, center, right");
}

}  // namespace danju
