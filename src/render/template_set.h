// The templates of a run: one per document kind, and per business line where
// the folder has a variant. Read once when the renderer is built; read-only
// afterwards.
//
// For kind K and line L the folder holds K.toml (required) and optionally
// K.L.toml, which replaces K.toml for orders of that line: contract.gift.toml
// is the 购销合同 of the gift line. K.preprinted.toml, when present, lays out
// kind K for pre-printed forms (render/preprinted_template.h).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/document_kind.h"
#include "core/order.h"
#include "render/document_template.h"
#include "render/preprinted_template.h"

namespace danju {

class TemplateSet {
 public:
  // Reads every template in folder. Throws TemplateError for a missing
  // K.toml or a broken file.
  static TemplateSet load(const std::string& folder);

  // The template for a document of kind for an order of line.
  const DocumentTemplate& find(DocumentKind kind, BusinessLine line) const;

  // Every template of the set, each once.
  std::vector<const DocumentTemplate*> all() const;

  // The pre-printed form template of kind; nullptr when the folder has none.
  const PreprintedTemplate* find_preprinted(DocumentKind kind) const;

  // Where the pre-printed form template of kind is (or would be) read from.
  static std::string preprinted_path(const std::string& folder,
                                     DocumentKind kind);

 private:
  std::map<DocumentKind, DocumentTemplate> base_;
  std::map<std::pair<DocumentKind, BusinessLine>, DocumentTemplate> lines_;
  std::map<DocumentKind, PreprintedTemplate> preprinted_;
};

}  // namespace danju
