#include "render/document_renderer.h"

#include <unordered_map>

#include "render/field_values.h"
#include "render/font_set.h"
#include "render/page_layout.h"
#include "render/pdf_canvas.h"
#include "render/template_set.h"
#include "render/template_wording.h"
#include "render/xlsx_writer.h"

namespace danju {

struct DocumentRenderer::Impl {
  std::shared_ptr<const FontSet> fonts;
  TemplateSet templates;
  // Each template's wording, subset once for every document made from it.
  std::unordered_map<const DocumentTemplate*, FontStock> stocks;
};

namespace {

void check_request(const DocumentRequest& request) {
  if (request.order == nullptr || request.company == nullptr) {
    throw RenderError("document " + request.document_no +
                      ": the request names no order or no company");
  }
}

std::string order_prefix(const DocumentRequest& request) {
  return "order " + request.order->order_no + ", " +
         document_kind_name(request.kind) + " " + request.document_no + ": ";
}

}  // namespace

DocumentRenderer::DocumentRenderer(const RendererSettings& settings)
    : impl_(std::make_unique<Impl>()) {
  // Templates first: a broken template is the mistake an operator most
  // likely made, and it is reported before the fonts are even opened.
  impl_->templates = TemplateSet::load(settings.templates_folder);

  std::vector<std::string> cjk;
  for (const FontSpec& font : settings.cjk_fonts) cjk.push_back(font.path);
  impl_->fonts = FontSet::load(settings.latin_font.path, cjk);
  for (const DocumentTemplate* document : impl_->templates.all()) {
    impl_->stocks.emplace(document,
                          FontStock(*impl_->fonts, template_wording(*document)));
  }

  // PoDoFo builds some of its tables on first use, without a lock; one small
  // document made here, before any worker thread renders, builds them once.
  PdfCanvas warm_up(*impl_->fonts);
  warm_up.set_info({"Danju", "", "Danju", "2026-01-01"});
  warm_up.begin_page(100, 100);
  warm_up.text(10, 10, 10, "单据 0123456789");
  warm_up.finish();
}

DocumentRenderer::~DocumentRenderer() = default;

const FontSet& DocumentRenderer::fonts() const { return *impl_->fonts; }

std::string DocumentRenderer::render_pdf(const DocumentRequest& request) const {
  check_request(request);
  const DocumentTemplate& document =
      impl_->templates.find(request.kind, request.order->line);

  try {
    FieldValues values(request);
    PdfCanvas canvas(*impl_->fonts, impl_->stocks.at(&document));
    DocumentInfo info;
    info.title = std::string(document_kind_title(request.kind)) + " " +
                 request.document_no;
    info.subject = request.order->customer.name;
    info.date = request.date;
    canvas.set_info(info);
    draw_document(document, values, *impl_->fonts, &canvas);
    return canvas.finish();
  } catch (const RenderError& e) {
    throw RenderError(order_prefix(request) + e.what());
  } catch (const MissingGlyphError& e) {
    // Values are checked field by field, so this is the template's own text.
    throw RenderError(order_prefix(request) +
                      missing_glyph_message("text of " + document.file,
                                            e.code_point()));
  } catch (const std::runtime_error& e) {
    throw RenderError(order_prefix(request) + "PDF not made: " + e.what());
  }
}

bool DocumentRenderer::has_xlsx(DocumentKind kind) {
  return kind == DocumentKind::contract_approval ||
         kind == DocumentKind::order_sheet;
}

void DocumentRenderer::write_xlsx(const DocumentRequest& request,
                                  const std::string& path) const {
  check_request(request);
  const DocumentTemplate& document =
      impl_->templates.find(request.kind, request.order->line);
  try {
    write_document_xlsx(document, FieldValues(request), path);
  } catch (const RenderError& e) {
    throw RenderError(order_prefix(request) + e.what());
  }
}

}  // namespace danju
