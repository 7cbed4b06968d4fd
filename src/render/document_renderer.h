// Renders documents from the templates of a job, as PDF and XLSX.
//
// One DocumentRenderer is built per run: it reads the fonts and templates
// once, and is then shared read-only by the worker threads, each calling
// render_pdf / write_xlsx for its own documents.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "render/document_request.h"
#include "render/font_set.h"
#include "render/preprinted_layout.h"
#include "render/preprinted_template.h"

namespace danju {

// A template that cannot be used: what() is "file:line: what is wrong".
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A document that cannot be made from this order (a character no configured
// font has, a value that does not fit): what() names the order, the field
// and the code point or value, e.g. "character U+20BB7 (𠮷) in customer.name
// is in none of the configured fonts".
class RenderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FontSpec {
  std::string path;  // a .ttf, or a .ttc with face index after '#': "x.ttc#0"
};

struct RendererSettings {
  std::string templates_folder;
  FontSpec latin_font;              // Latin letters, digits, ¥
  std::vector<FontSpec> cjk_fonts;  // Chinese, first that has the character
};

struct JobConfig;

// The templates folder and fonts a job names.
RendererSettings renderer_settings(const JobConfig& job);

class DocumentRenderer {
 public:
  // Loads fonts and every template. Throws TemplateError (with file and line)
  // or std::runtime_error for an unreadable font.
  explicit DocumentRenderer(const RendererSettings& settings);
  ~DocumentRenderer();

  // The PDF bytes of the document. The same request gives the same bytes.
  // Throws RenderError. Safe to call from several threads at once.
  std::string render_pdf(const DocumentRequest& request) const;

  // The values-only PDF of the document for its pre-printed form (套打),
  // every position moved by offset; one page per form. Throws RenderError,
  // also when the kind has no pre-printed form template. Safe to call from
  // several threads at once.
  std::string render_preprinted_pdf(const DocumentRequest& request,
                                    const PrintOffset& offset) const;

  // The calibration page of the kind's pre-printed form, for the printer
  // named, printed with its offset (render/calibration_page.h). Throws
  // RenderError when the kind has no pre-printed form template.
  std::string render_calibration_pdf(DocumentKind kind,
                                     const std::string& printer,
                                     const PrintOffset& offset) const;

  // The kind's pre-printed form template (K.preprinted.toml), or nullptr.
  const PreprintedTemplate* preprinted_template(DocumentKind kind) const;

  // The fonts loaded for the run, for other pages drawn with them (the
  // archive's approval trail).
  const FontSet& fonts() const;

  // True for the kinds that also get a spreadsheet (approval form, order
  // sheet).
  static bool has_xlsx(DocumentKind kind);

  // Writes the XLSX of the document to path, atomically. Throws RenderError.
  // Safe to call from several threads at once.
  void write_xlsx(const DocumentRequest& request,
                  const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Throws TemplateError "file:1: template missing: ..." when the job's
// [preprinted] names a kind that has no pre-printed form template.
void check_preprinted_templates(const JobConfig& job,
                                const DocumentRenderer& renderer);

}  // namespace danju
