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

class DocumentRenderer {
 public:
  // Loads fonts and every template. Throws TemplateError (with file and line)
  // or std::runtime_error for an unreadable font.
  explicit DocumentRenderer(const RendererSettings& settings);
  ~DocumentRenderer();

  // The PDF bytes of the document. The same request gives the same bytes.
  // Throws RenderError. Safe to call from several threads at once.
  std::string render_pdf(const DocumentRequest& request) const;

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

}  // namespace danju
