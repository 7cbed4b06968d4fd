#include "render/document_renderer.h"

#include <cstdio>
#include <unordered_map>

#include "jobs/job_config.h"

#include "render/calibration_page.h"
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
  FontStock no_stock;  // pre-printed forms print values only
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

RendererSettings renderer_settings(const JobConfig& job) {
  RendererSettings settings;
  settings.templates_folder = job.templates_folder;
  settings.latin_font = {job.latin_font};
  for (const std::string& font : job.cjk_fonts) {
    settings.cjk_fonts.push_back({font});
  }
  return settings;
}

namespace {

// Throws when a box [x, x + width] x [top, top + height] (mm), moved by the
// printer's offsets, leaves the form's paper.
void check_on_paper(const PreprintedTemplate& form, int line, double x,
                    double width, double top, double height,
                    const PrinterSettings& printer) {
  const double left = x + printer.offset_x_mm;
  const double upper = top + printer.offset_y_mm;
  const double tolerance = 1e-6;
  if (left < -tolerance || upper < -tolerance ||
      left + width > form.width + tolerance ||
      upper + height > form.height + tolerance) {
    char offsets[64];
    std::snprintf(offsets, sizeof offsets, "%.1f mm, %.1f mm",
                  printer.offset_x_mm, printer.offset_y_mm);
    throw TemplateError(form.file + ":" + std::to_string(line) +
                        ": with printer " + printer.name + "'s offsets (" +
                        offsets +
                        ") this box would print off the form's paper; "
                        "change the offsets in the job file or move the "
                        "box");
  }
}

}  // namespace

void check_preprinted_templates(const JobConfig& job,
                                const DocumentRenderer& renderer) {
  for (const auto& [kind, printer] : job.preprinted) {
    const PreprintedTemplate* form = renderer.preprinted_template(kind);
    if (form == nullptr) {
      throw TemplateError(
          TemplateSet::preprinted_path(job.templates_folder, kind) +
          ":1: template missing: the job's [preprinted] prints " +
          document_kind_name(kind) + " on pre-printed forms (printer " +
          printer + ")");
    }
    const PrinterSettings* settings = job.preprinted_printer(kind);
    if (settings == nullptr) continue;

    // Offsets move every value: none may be pushed past the paper's edge.
    for (const PreprintedField& field : form->fields) {
      check_on_paper(*form, field.line, field.x, field.width, field.y,
                     preprinted_box_height(field.lines, field.font_size),
                     *settings);
    }
    const PreprintedItems& items = form->items;
    if (items.rows == 0) continue;
    const double rows_height = items.row_pitch * (items.rows - 1) +
                               preprinted_box_height(1, items.font_size);
    for (const PreprintedColumn& column : items.columns) {
      check_on_paper(*form, column.line, column.x, column.width, items.y,
                     rows_height, *settings);
    }
  }
}

DocumentRenderer::DocumentRenderer(const RendererSettings& settings)
    : impl_(std::make_unique<Impl>()) {
  keep_pdf_library_quiet();

  // Templates first: a broken template is the mistake an operator most
  // likely made, and it is reported before the fonts are even opened.
  impl_->templates = TemplateSet::load(settings.templates_folder);

  std::vector<std::string> cjk;
  for (const FontSpec& font : settings.cjk_fonts) cjk.push_back(font.path);
  impl_->fonts = FontSet::load(settings.latin_font.path, cjk);
  for (const DocumentTemplate* document : impl_->templates.all()) {
    impl_->stocks.emplace(
        document, FontStock(*impl_->fonts, template_wording(*document)));
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

// The PDF of one request, drawn by draw(values, canvas) from the template
// in file, with every failure turned into a RenderError naming the order.
template <typename Draw>
std::string make_pdf(const DocumentRequest& request, const FontSet& fonts,
                     const FontStock& stock, const std::string& file,
                     Draw draw) {
  try {
    FieldValues values(request);
    PdfCanvas canvas(fonts, stock);
    DocumentInfo info;
    info.title = std::string(document_kind_title(request.kind)) + " " +
                 request.document_no;
    info.subject = request.order->customer.name;
    info.date = request.date;
    canvas.set_info(info);
    draw(values, &canvas);
    return canvas.finish();
  } catch (const RenderError& e) {
    throw RenderError(order_prefix(request) + e.what());
  } catch (const MissingGlyphError& e) {
    // Values are checked field by field, so this is the template's own text.
    throw RenderError(order_prefix(request) +
                      missing_glyph_message("text of " + file,
                                            e.code_point()));
  } catch (const std::runtime_error& e) {
    throw RenderError(order_prefix(request) + "PDF not made: " + e.what());
  }
}

std::string DocumentRenderer::render_pdf(const DocumentRequest& request) const {
  check_request(request);
  const DocumentTemplate& document =
      impl_->templates.find(request.kind, request.order->line);
  const FontSet& fonts = *impl_->fonts;
  return make_pdf(request, fonts, impl_->stocks.at(&document), document.file,
                  [&](const FieldValues& values, PdfCanvas* canvas) {
                    draw_document(document, values, fonts, canvas);
                  });
}

std::string DocumentRenderer::render_preprinted_pdf(
    const DocumentRequest& request, const PrintOffset& offset) const {
  check_request(request);
  const PreprintedTemplate* form = preprinted_template(request.kind);
  if (form == nullptr) {
    throw RenderError(order_prefix(request) + "no pre-printed form "
                      "template for " + document_kind_name(request.kind));
  }
  const FontSet& fonts = *impl_->fonts;
  return make_pdf(request, fonts, impl_->no_stock, form->file,
                  [&](const FieldValues& values, PdfCanvas* canvas) {
                    draw_preprinted(*form, values, fonts, offset, canvas);
                  });
}

std::string DocumentRenderer::render_calibration_pdf(
    DocumentKind kind, const std::string& printer,
    const PrintOffset& offset) const {
  const PreprintedTemplate* form = preprinted_template(kind);
  if (form == nullptr) {
    throw RenderError(std::string("no pre-printed form template for ") +
                      document_kind_name(kind));
  }
  try {
    PdfCanvas canvas(*impl_->fonts);
    DocumentInfo info;
    info.title = std::string("套打校准页 ") + document_kind_title(kind) +
                 " " + printer;
    canvas.set_info(info);
    draw_calibration(*form, *impl_->fonts, printer, offset, &canvas);
    return canvas.finish();
  } catch (const MissingGlyphError& e) {
    throw RenderError(missing_glyph_message("text of " + form->file,
                                            e.code_point()));
  } catch (const std::runtime_error& e) {
    throw RenderError(std::string("calibration page not made: ") + e.what());
  }
}

const PreprintedTemplate* DocumentRenderer::preprinted_template(
    DocumentKind kind) const {
  return impl_->templates.find_preprinted(kind);
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
