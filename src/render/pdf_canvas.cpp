// Drawing a document: the drawing calls are recorded per page as content
// stream operators; glyph ids are written at finish(), once the fonts are
// subset and their glyphs renumbered.

#include "render/pdf_canvas.h"

#include <cmath>

#include <podofo/podofo.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

#include "render/font_set_impl.h"
#include "render/pdf_deflate.h"
#include "render/pdf_font_embedder.h"
#include "render/pdf_number.h"

namespace danju {

void keep_pdf_library_quiet() {
  static std::once_flag once;
  std::call_once(once, [] {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  });
}


using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfString;

namespace {

// Content stream text up to a run of glyphs, then the glyphs (ids of the
// original face, rewritten at finish), drawn with Tj.
struct ContentPiece {
  std::string operators;
  FontSlot slot;  // slot.face -1: no glyphs follow
  std::vector<std::uint32_t> glyphs;
};

struct Page {
  double width = 0;
  double height = 0;
  std::vector<ContentPiece> pieces;
  std::vector<FontSlot> fonts_used;  // in the order first used
  std::vector<int> forms_placed;     // form numbers, in the order placed

  // The graphics state last set in this content, so that repeated settings
  // are not written again. A form starts from a state it cannot know.
  std::string fill_colour = "0 0 0";
  std::string stroke_colour = "0 0 0";
  std::string line_width = "1";
};

std::string form_name(int form) { return "X" + std::to_string(form); }

std::string colour_operands(const Colour& colour) {
  std::string out;
  append_pdf_number(out, colour.r, 3);
  out += ' ';
  append_pdf_number(out, colour.g, 3);
  out += ' ';
  append_pdf_number(out, colour.b, 3);
  return out;
}

// "2026-03-12" -> "D:20260312000000"; the empty date gives "".
std::string pdf_date(const std::string& date) {
  if (date.empty()) return "";
  bool well_formed = date.size() == 10 && date[4] == '-' && date[7] == '-';
  for (std::size_t i = 0; well_formed && i < date.size(); ++i) {
    if (i != 4 && i != 7 &&
        !std::isdigit(static_cast<unsigned char>(date[i]))) {
      well_formed = false;
    }
  }
  if (!well_formed) {
    throw std::invalid_argument("document date \"" + date +
                                "\" is not of the form YYYY-MM-DD");
  }
  return "D:" + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) +
         "000000";
}

// Plain ASCII is written as it is; anything else as UTF-16, which is what
// PoDoFo makes of UTF-8.
PdfString utf8_string(const std::string& text) {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\0') ascii = false;
  }
  if (ascii) return PdfString(text);
  return PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(text.c_str()));
}

}  // namespace

Colour Colour::from_hex(const std::string& hex) {
  bool well_formed = hex.size() == 7 && hex[0] == '#';
  for (std::size_t i = 1; well_formed && i < hex.size(); ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(hex[i]))) {
      well_formed = false;
    }
  }
  if (!well_formed) {
    throw std::invalid_argument("colour \"" + hex +
                                "\" is not of the form #rrggbb");
  }
  auto channel = [&hex](int at) {
    return std::stoi(hex.substr(at, 2), nullptr, 16) / 255.0;
  };
  return Colour{channel(1), channel(3), channel(5)};
}

struct PdfCanvas::Impl {
  Impl(const FontSet& fonts_in, const FontStock& stock)
      : fonts(fonts_in), embedder(fonts, stock) {}

  const FontSet& fonts;
  PdfFontEmbedder embedder;
  DocumentInfo info;
  std::vector<Page> pages;
  std::vector<Page> forms;
  int recording = -1;  // the form being drawn, or -1 for the page
  bool finished = false;

  // Where drawing goes: the form being recorded, else the current page.
  Page& page() {
    if (finished) {
      throw std::logic_error("drawing on a PDF canvas after finish()");
    }
    if (recording >= 0) return forms[static_cast<std::size_t>(recording)];
    if (pages.empty()) {
      throw std::logic_error("drawing on a PDF canvas before begin_page()");
    }
    return pages.back();
  }

  // The fonts of content as a resource dictionary.
  PoDoFo::PdfDictionary font_resources(const Page& content) const {
    PoDoFo::PdfDictionary fonts;
    for (const FontSlot& slot : content.fonts_used) {
      fonts.AddKey(PdfName(PdfFontEmbedder::resource_name(slot)),
                   embedder.font_reference(slot));
    }
    return fonts;
  }

  // Where the next operators go: after the last run of glyphs, if any.
  std::string& operators() {
    Page& current = page();
    if (current.pieces.empty() || current.pieces.back().slot.face >= 0) {
      current.pieces.emplace_back();
    }
    return current.pieces.back().operators;
  }

  void set_fill(const Colour& colour) {
    std::string operands = colour_operands(colour);
    if (page().fill_colour == operands) return;
    operators() += operands + " rg\n";
    page().fill_colour = operands;
  }

  void set_stroke(const Colour& colour, double width) {
    std::string operands = colour_operands(colour);
    if (page().stroke_colour != operands) {
      operators() += operands + " RG\n";
      page().stroke_colour = operands;
    }
    std::string w;
    append_pdf_number(w, width);
    if (page().line_width != w) {
      operators() += w + " w\n";
      page().line_width = w;
    }
  }

  void append_numbers(std::initializer_list<double> values) {
    std::string& out = operators();
    for (double value : values) {
      append_pdf_number(out, value);
      out += ' ';
    }
  }

  std::string content_of(const Page& page) const {
    std::string out;
    for (const ContentPiece& piece : page.pieces) {
      out += piece.operators;
      if (piece.slot.face < 0) continue;
      out += '<';
      for (std::uint32_t glyph : piece.glyphs) {
        append_hex16(out, embedder.new_glyph(piece.slot, glyph));
      }
      out += "> Tj\n";
    }
    return out;
  }
};

namespace {
const FontStock kNoStock;
}  // namespace

PdfCanvas::PdfCanvas(const FontSet& fonts)
    : impl_(std::make_unique<Impl>(fonts, kNoStock)) {}

PdfCanvas::PdfCanvas(const FontSet& fonts, const FontStock& stock)
    : impl_(std::make_unique<Impl>(fonts, stock)) {}

PdfCanvas::~PdfCanvas() = default;

void PdfCanvas::set_info(const DocumentInfo& info) {
  pdf_date(info.date);  // rejects a malformed date now, not at finish()
  impl_->info = info;
}

void PdfCanvas::begin_page(double width_pt, double height_pt) {
  if (impl_->finished) {
    throw std::logic_error("adding a page to a PDF canvas after finish()");
  }
  if (impl_->recording >= 0) {
    throw std::logic_error("begin_page() while a form is being drawn");
  }
  if (!(width_pt > 0 && height_pt > 0)) {
    throw std::invalid_argument("a page must have a positive width and "
                                "height");
  }
  Page page;
  page.width = width_pt;
  page.height = height_pt;
  impl_->pages.push_back(std::move(page));
}

double PdfCanvas::text(double x, double y, double size, std::string_view utf8,
                       const Colour& colour) {
  return rotated_text(x, y, size, utf8, colour, 0);
}

double PdfCanvas::rotated_text(double x, double y, double size,
                               std::string_view utf8, const Colour& colour,
                               double degrees) {
  impl_->page();
  std::vector<GlyphRun> runs = impl_->fonts.shape(utf8, size);
  if (runs.empty()) return 0;

  impl_->set_fill(colour);
  impl_->operators() += "BT\n";
  if (degrees == 0) {
    impl_->append_numbers({x, y});
    impl_->operators() += "Td\n";
  } else {
    const double turn = degrees * 3.14159265358979323846 / 180;
    impl_->append_numbers(
        {std::cos(turn), std::sin(turn), -std::sin(turn), std::cos(turn), x,
         y});
    impl_->operators() += "Tm\n";
  }

  double advance = 0;
  for (const GlyphRun& run : runs) {
    for (const SlotPiece& piece : impl_->embedder.use(run)) {
      std::string& out = impl_->operators();
      out += '/';
      out += PdfFontEmbedder::resource_name(piece.slot);
      out += ' ';
      append_pdf_number(out, size);
      out += " Tf\n";

      Page& page = impl_->page();
      if (std::find(page.fonts_used.begin(), page.fonts_used.end(),
                    piece.slot) == page.fonts_used.end()) {
        page.fonts_used.push_back(piece.slot);
      }
      page.pieces.back().slot = piece.slot;
      page.pieces.back().glyphs.assign(run.glyphs.begin() + piece.begin,
                                       run.glyphs.begin() + piece.end);
    }
    advance += run.width;
  }
  impl_->operators() += "ET\n";
  return advance;
}

void PdfCanvas::line(double x1, double y1, double x2, double y2,
                     double width, const Colour& colour) {
  impl_->set_stroke(colour, width);
  impl_->append_numbers({x1, y1});
  impl_->operators() += "m ";
  impl_->append_numbers({x2, y2});
  impl_->operators() += "l S\n";
}

void PdfCanvas::fill_rect(double x, double y, double w, double h,
                          const Colour& fill) {
  impl_->set_fill(fill);
  impl_->append_numbers({x, y, w, h});
  impl_->operators() += "re f\n";
}

void PdfCanvas::stroke_rect(double x, double y, double w, double h,
                            double width, const Colour& colour) {
  impl_->set_stroke(colour, width);
  impl_->append_numbers({x, y, w, h});
  impl_->operators() += "re S\n";
}

int PdfCanvas::begin_form() {
  if (impl_->recording >= 0) {
    throw std::logic_error("begin_form() while a form is being drawn");
  }
  const Page& current = impl_->page();
  Page form;
  form.width = current.width;
  form.height = current.height;
  form.fill_colour = form.stroke_colour = form.line_width = "";
  impl_->forms.push_back(std::move(form));
  impl_->recording = static_cast<int>(impl_->forms.size()) - 1;
  return impl_->recording;
}

void PdfCanvas::end_form() {
  if (impl_->recording < 0) {
    throw std::logic_error("end_form() without begin_form()");
  }
  impl_->recording = -1;
}

void PdfCanvas::place_form(int form) {
  if (impl_->recording >= 0) {
    throw std::logic_error("placing a form inside a form");
  }
  if (form < 0 || form >= static_cast<int>(impl_->forms.size())) {
    throw std::logic_error("placing a form that was never drawn");
  }
  Page& page = impl_->page();
  impl_->operators() += "/" + form_name(form) + " Do\n";
  if (std::find(page.forms_placed.begin(), page.forms_placed.end(), form) ==
      page.forms_placed.end()) {
    page.forms_placed.push_back(form);
  }
}

std::string PdfCanvas::finish() {
  if (impl_->recording >= 0) {
    throw std::logic_error("finish() while a form is being drawn");
  }
  if (impl_->finished) {
    throw std::logic_error("finish() called twice on one PDF canvas");
  }
  if (impl_->pages.empty()) {
    throw std::logic_error("a PDF needs at least one page; call "
                           "begin_page() before finish()");
  }
  impl_->finished = true;

  try {
    PoDoFo::PdfMemDocument document;
    document.SetWriteMode(PoDoFo::ePdfWriteMode_Compact);
    impl_->embedder.embed(document.GetObjects());

    std::vector<PoDoFo::PdfReference> forms;
    for (const Page& form : impl_->forms) {
      PdfObject* object = document.GetObjects().CreateObject("XObject");
      auto& dictionary = object->GetDictionary();
      dictionary.AddKey(PdfName("Subtype"), PdfName("Form"));
      PoDoFo::PdfArray box;
      for (double value : {0.0, 0.0, form.width, form.height}) {
        box.push_back(PdfObject(value));
      }
      dictionary.AddKey(PdfName("BBox"), box);
      PoDoFo::PdfDictionary resources;
      PoDoFo::PdfDictionary fonts = impl_->font_resources(form);
      if (fonts.GetSize() > 0) resources.AddKey(PdfName("Font"), fonts);
      dictionary.AddKey(PdfName("Resources"), resources);
      set_deflated_stream(*object, impl_->content_of(form));
      forms.push_back(object->Reference());
    }

    for (const Page& page : impl_->pages) {
      PoDoFo::PdfPage* pdf_page = document.CreatePage(
          PoDoFo::PdfRect(0, 0, page.width, page.height));
      set_deflated_stream(*pdf_page->GetContents(), impl_->content_of(page));

      auto& resources = pdf_page->GetResources()->GetDictionary();
      PoDoFo::PdfDictionary fonts = impl_->font_resources(page);
      if (fonts.GetSize() > 0) resources.AddKey(PdfName("Font"), fonts);
      PoDoFo::PdfDictionary placed;
      for (int form : page.forms_placed) {
        placed.AddKey(PdfName(form_name(form)),
                      forms[static_cast<std::size_t>(form)]);
      }
      if (placed.GetSize() > 0) resources.AddKey(PdfName("XObject"), placed);
    }

    // The document's clock time would make every run's bytes differ: the
    // only date written is the one the caller gives.
    const DocumentInfo& info = impl_->info;
    PoDoFo::PdfInfo* pdf_info = document.GetInfo();
    pdf_info->SetCreator(utf8_string(info.creator));
    if (!info.title.empty()) pdf_info->SetTitle(utf8_string(info.title));
    if (!info.subject.empty()) {
      pdf_info->SetSubject(utf8_string(info.subject));
    }
    auto& info_dictionary = pdf_info->GetObject()->GetDictionary();
    info_dictionary.RemoveKey(PdfName("CreationDate"));
    info_dictionary.RemoveKey(PdfName("ModDate"));
    std::string date = pdf_date(info.date);
    if (!date.empty()) {
      info_dictionary.AddKey(PdfName("CreationDate"), PdfString(date));
    }

    PoDoFo::PdfRefCountedBuffer buffer(64 * 1024);
    PoDoFo::PdfOutputDevice device(&buffer);
    document.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  } catch (const PoDoFo::PdfError& error) {
    throw std::runtime_error(
        std::string("writing the PDF failed: ") +
        PoDoFo::PdfError::ErrorMessage(error.GetError()));
  }
}

}  // namespace danju
