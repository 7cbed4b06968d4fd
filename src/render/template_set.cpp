#include "render/template_set.h"

#include <filesystem>
#include <set>
#include <string>

#include "core/file_io.h"
#include "render/document_renderer.h"

namespace danju {

namespace fs = std::filesystem;

namespace {

const BusinessLine kLines[] = {BusinessLine::gift, BusinessLine::furniture,
                               BusinessLine::transport};

// Every .toml in the folder must be a name the set reads: a misspelt one
// (shipment_notes.toml, contract.gifts.toml) would be ignored for good.
void refuse_unknown_files(const std::string& folder) {
  std::set<std::string> known;
  std::string kinds;
  for (DocumentKind kind : all_document_kinds()) {
    const std::string name = document_kind_name(kind);
    known.insert(name + ".toml");
    known.insert(name + ".preprinted.toml");
    for (BusinessLine line : kLines) {
      known.insert(name + "." + business_line_name(line) + ".toml");
    }
    kinds += kinds.empty() ? name : ", " + name;
  }
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".toml" || known.count(file)) continue;
    // An editor's lock or a copy's resource fork (.#contract.toml,
    // ._contract.toml) is no template anyone meant.
    if (file[0] == '.' || file[0] == '~') continue;
    throw TemplateError(
        folder + "/" + file + ":1: not a template name: KIND.toml, "
        "KIND.LINE.toml or KIND.preprinted.toml, with KIND one of " + kinds +
        " and LINE one of gift, furniture, transport");
  }
}

}  // namespace

TemplateSet TemplateSet::load(const std::string& folder) {
  refuse_unknown_files(folder);
  TemplateSet set;
  for (DocumentKind kind : all_document_kinds()) {
    const std::string stem = folder + "/" + document_kind_name(kind);
    if (!file_exists(stem + ".toml")) {
      throw TemplateError(stem + ".toml:1: template missing: every document "
                          "kind needs its template in the templates folder");
    }
    set.base_.emplace(kind, load_document_template(stem + ".toml"));

    for (BusinessLine line : kLines) {
      const std::string variant =
          stem + "." + business_line_name(line) + ".toml";
      if (file_exists(variant)) {
        set.lines_.emplace(std::make_pair(kind, line),
                           load_document_template(variant));
      }
    }

    const std::string preprinted = preprinted_path(folder, kind);
    if (file_exists(preprinted)) {
      set.preprinted_.emplace(kind, load_preprinted_template(preprinted));
    }
  }
  return set;
}

std::string TemplateSet::preprinted_path(const std::string& folder,
                                         DocumentKind kind) {
  return folder + "/" + document_kind_name(kind) + ".preprinted.toml";
}

const PreprintedTemplate* TemplateSet::find_preprinted(
    DocumentKind kind) const {
  const auto found = preprinted_.find(kind);
  return found == preprinted_.end() ? nullptr : &found->second;
}

const DocumentTemplate& TemplateSet::find(DocumentKind kind,
                                          BusinessLine line) const {
  const auto variant = lines_.find(std::make_pair(kind, line));
  if (variant != lines_.end()) return variant->second;
  return base_.at(kind);
}

std::vector<const DocumentTemplate*> TemplateSet::all() const {
  std::vector<const DocumentTemplate*> templates;
  for (const auto& entry : base_) templates.push_back(&entry.second);
  for (const auto& entry : lines_) templates.push_back(&entry.second);
  return templates;
}

}  // namespace danju
