// Reading the values of a template file: text that may hold placeholders,
// numbers within a range, alignments. Shared by the document templates and
// the pre-printed form templates; each mistake is a TemplateError
// "file:line: what is wrong".
#pragma once

#include <string>

#include "jobs/toml.h"
#include "render/document_template.h"

namespace danju {

// "file:line: " of a value or a table, to start a message with.
std::string template_where(const toml::Value& value);
std::string template_where(const toml::Table& table);

// The string at key, its placeholders checked against scopes (field_values.h);
// fallback when the key is absent. path names the table in messages
// ("header.").
std::string template_text(const toml::Table& table, const std::string& key,
                          const std::string& path, unsigned scopes,
                          const std::string& fallback);

// The number at key, which must lie in [low, high]; fallback when absent.
double template_number(const toml::Table& table, const std::string& key,
                       const std::string& path, double low, double high,
                       double fallback);

// "align": left (the default), center or right.
Align template_align(const toml::Table& table, const std::string& path);

}  // namespace danju
