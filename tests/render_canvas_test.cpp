#define BOOST_TEST_MODULE render_canvas
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.h"
#include "render/pdf_canvas.h"

using danju::Colour;
using danju::DocumentInfo;
using danju::FontSet;
using danju::MissingGlyphError;
using danju::PdfCanvas;

namespace {

const FontSet& fonts() {
  static auto loaded = FontSet::load(
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
      {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0",
       "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"});
  return *loaded;
}

const std::string kCustomer = "客户：王喆、李堃、𠮷祥家居";

// A file in the temporary folder, removed when the test ends.
class TempFile {
 public:
  explicit TempFile(const std::string& bytes) {
    char name[] = "/tmp/danju_canvas_XXXXXX";
    int fd = mkstemp(name);
    BOOST_REQUIRE(fd >= 0);
    close(fd);
    path_ = name;
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CommandResult {
  int status = -1;
  std::string output;
};

CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    result.output.append(buffer, n);
  }
  result.status = pclose(pipe);
  return result;
}

std::string one_page(const std::string& text) {
  PdfCanvas canvas(fonts());
  DocumentInfo info;
  info.title = "合同审批单";
  info.date = "2026-03-12";
  canvas.set_info(info);
  canvas.begin_page(595.28, 841.89);
  canvas.text(56, 780, 12, text);
  canvas.text(56, 760, 10, "HT-2026-0107 ¥239,733.00",
              Colour::from_hex("#1f3a93"));
  canvas.line(56, 750, 540, 750, 0.5);
  canvas.stroke_rect(50, 700, 495, 100, 1);
  canvas.fill_rect(50, 690, 100, 5, Colour::from_hex("#cccccc"));
  return canvas.finish();
}

// The sum of /Length1 of every embedded TrueType program.
long embedded_font_bytes(const std::string& pdf) {
  std::regex length1("/Length1 ([0-9]+)");
  long total = 0;
  for (auto it = std::sregex_iterator(pdf.begin(), pdf.end(), length1);
       it != std::sregex_iterator(); ++it) {
    total += std::stol((*it)[1]);
  }
  return total;
}

}  // namespace

BOOST_AUTO_TEST_CASE(pdftotext_returns_the_exact_chinese_text) {
  TempFile pdf(one_page(kCustomer));
  CommandResult text = run("pdftotext -enc UTF-8 " + pdf.path() + " -");
  BOOST_REQUIRE_EQUAL(text.status, 0);
  std::istringstream lines(text.output);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  BOOST_TEST(first == kCustomer);
  BOOST_TEST(second == "HT-2026-0107 ¥239,733.00");
}

BOOST_AUTO_TEST_CASE(every_font_is_embedded_subset_and_mapped_to_unicode) {
  TempFile pdf(one_page(kCustomer));
  CommandResult listing = run("pdffonts " + pdf.path());
  BOOST_REQUIRE_EQUAL(listing.status, 0);

  std::istringstream lines(listing.output);
  std::string line;
  std::getline(lines, line);  // column names
  std::getline(lines, line);  // dashes
  std::vector<std::string> names;
  std::regex row("^([A-Z]{6})\\+(\\S+)\\s+CID TrueType\\s+Identity-H\\s+"
                 "yes\\s+yes\\s+yes\\s+\\d+\\s+0\\s*$");
  while (std::getline(lines, line)) {
    std::smatch match;
    BOOST_TEST_INFO("pdffonts row: " << line);
    BOOST_TEST(std::regex_match(line, match, row));
    if (!match.empty()) names.push_back(match[2]);
  }
  std::vector<std::string> expected = {"DejaVuSans", "WenQuanYiMicroHei",
                                       "HanaMinB"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(qpdf_finds_the_file_clean) {
  TempFile pdf(one_page(kCustomer));
  CommandResult check = run("qpdf --check " + pdf.path());
  BOOST_TEST(check.status == 0);
  BOOST_TEST(check.output.find("No syntax or stream encoding errors") !=
             std::string::npos);
  BOOST_TEST(check.output.find("WARNING") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_same_calls_give_the_same_bytes) {
  std::string first = one_page(kCustomer);
  std::string second = one_page(kCustomer);
  BOOST_TEST(first.size() == second.size());
  BOOST_TEST((first == second));
  BOOST_TEST(first.find("/CreationDate(D:20260312000000)") !=
             std::string::npos);
  BOOST_TEST(first.find("/ModDate") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_page_is_drawn_with_ink) {
  TempFile pdf(one_page(kCustomer));
  CommandResult render = run("pdftoppm -gray -r 36 -f 1 -l 1 " + pdf.path() +
                             " " + pdf.path() + "-page");
  BOOST_REQUIRE_EQUAL(render.status, 0);
  std::string image_path = pdf.path() + "-page-1.pgm";
  std::ifstream image(image_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(image)),
                    std::istreambuf_iterator<char>());
  std::remove(image_path.c_str());
  BOOST_REQUIRE(bytes.size() > 1000u);

  // The text line at the top (y = 780 of 842 points, x from 56): dark
  // pixels in its band, none in the empty band below the boxes.
  int width = 0, height = 0;
  std::istringstream header(bytes);
  std::string magic;
  int maximum = 0;
  header >> magic >> width >> height >> maximum;
  std::size_t start = bytes.size() - static_cast<std::size_t>(width) * height;
  auto dark_in_rows = [&](int top, int bottom) {
    int dark = 0;
    for (int y = top; y < bottom; ++y) {
      for (int x = 0; x < width; ++x) {
        if (static_cast<unsigned char>(bytes[start + y * width + x]) < 128) {
          ++dark;
        }
      }
    }
    return dark;
  };
  double scale = 36.0 / 72.0;
  BOOST_TEST(dark_in_rows(static_cast<int>((842 - 792) * scale),
                          static_cast<int>((842 - 778) * scale)) > 20);
  BOOST_TEST(dark_in_rows(static_cast<int>((842 - 600) * scale),
                          static_cast<int>((842 - 100) * scale)) == 0);
}

BOOST_AUTO_TEST_CASE(four_hundred_distinct_characters_stay_small) {
  std::u32string characters;
  for (int i = 0; i < 400; ++i) characters += char32_t(0x4E00 + i * 41);

  PdfCanvas canvas(fonts());
  canvas.begin_page(595.28, 841.89);
  for (int line = 0; line < 20; ++line) {
    canvas.text(40, 800 - 20 * line, 10,
                danju::encode_utf8(characters.substr(line * 20, 20)));
  }
  std::string pdf = canvas.finish();

  BOOST_TEST(embedded_font_bytes(pdf) > 10000);
  BOOST_TEST(embedded_font_bytes(pdf) < 100000);
  BOOST_TEST(pdf.size() < 100000u);

  TempFile file(pdf);
  CommandResult text = run("pdftotext -enc UTF-8 " + file.path() + " -");
  std::string joined;
  for (char c : text.output) {
    if (c != '\n' && c != '\f') joined += c;
  }
  BOOST_TEST(joined == danju::encode_utf8(characters));
}

BOOST_AUTO_TEST_CASE(pages_are_kept_in_order_with_their_sizes) {
  PdfCanvas canvas(fonts());
  canvas.begin_page(595.28, 841.89);
  canvas.text(50, 700, 12, "第一联 财务记账联");
  canvas.begin_page(841.89, 595.28);
  canvas.text(50, 500, 12, "第二联 销售存根联");
  TempFile pdf(canvas.finish());

  CommandResult info = run("pdfinfo -f 1 -l 2 " + pdf.path());
  BOOST_TEST(info.output.find("Pages:           2") != std::string::npos);
  BOOST_TEST(info.output.find("Page    1 size:  595.28 x 841.89") !=
             std::string::npos);
  BOOST_TEST(info.output.find("Page    2 size:  841.89 x 595.28") !=
             std::string::npos);
  CommandResult second = run("pdftotext -enc UTF-8 -f 2 -l 2 " + pdf.path() +
                             " -");
  BOOST_TEST(second.output.find("第二联 销售存根联") != std::string::npos);
  BOOST_TEST(second.output.find("第一联") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_returns_its_advance) {
  PdfCanvas canvas(fonts());
  canvas.begin_page(595, 842);
  double advance = canvas.text(10, 10, 9.5, "客户A1");
  BOOST_TEST(advance == fonts().width("客户A1", 9.5),
             boost::test_tools::tolerance(1e-9));
  BOOST_TEST(canvas.text(10, 30, 9.5, "") == 0.0);
}

BOOST_AUTO_TEST_CASE(misuse_and_missing_characters_are_errors) {
  PdfCanvas canvas(fonts());
  BOOST_CHECK_THROW(canvas.text(0, 0, 10, "客"), std::logic_error);
  canvas.begin_page(595, 842);
  BOOST_CHECK_THROW(canvas.text(0, 0, 10, "客\xEE\x80\x80"),
                    MissingGlyphError);
  BOOST_CHECK_THROW(canvas.begin_page(0, 842), std::invalid_argument);

  DocumentInfo info;
  info.date = "12.3.2026";
  BOOST_CHECK_THROW(canvas.set_info(info), std::invalid_argument);

  canvas.finish();
  BOOST_CHECK_THROW(canvas.finish(), std::logic_error);
  BOOST_CHECK_THROW(canvas.line(0, 0, 1, 1, 1), std::logic_error);

  PdfCanvas empty(fonts());
  BOOST_CHECK_THROW(empty.finish(), std::logic_error);
}

BOOST_AUTO_TEST_CASE(colours_are_read_from_hex) {
  Colour colour = Colour::from_hex("#ff8000");
  BOOST_TEST(colour.r == 1.0);
  BOOST_TEST(colour.g == 128 / 255.0);
  BOOST_TEST(colour.b == 0.0);
  BOOST_CHECK_THROW(Colour::from_hex("ff8000"), std::invalid_argument);
  BOOST_CHECK_THROW(Colour::from_hex("#ff80"), std::invalid_argument);
  BOOST_CHECK_THROW(Colour::from_hex("#gg8000"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_form_drawn_once_shows_on_every_page_that_places_it) {
  PdfCanvas canvas(fonts());
  canvas.set_info({"发货单", "", "Danju", "2026-03-12"});
  const char* labels[] = {"第一联 财务记账联", "第二联 销售存根联"};
  int form = -1;
  for (const char* label : labels) {
    canvas.begin_page(595.28, 841.89);
    canvas.fill_rect(0, 800, 595.28, 20, Colour::from_hex("#c0392b"));
    if (form < 0) {
      form = canvas.begin_form();
      canvas.text(56, 700, 12, kCustomer);
      canvas.stroke_rect(50, 690, 300, 30, 0.6);
      canvas.end_form();
    }
    canvas.place_form(form);
    canvas.text(56, 805, 10, label, Colour{1, 1, 1});
  }
  TempFile pdf(canvas.finish());

  const CommandResult check = run("qpdf --check " + pdf.path());
  BOOST_TEST(check.status == 0, check.output);
  for (int page : {1, 2}) {
    const CommandResult text =
        run("pdftotext -enc UTF-8 -f " + std::to_string(page) + " -l " +
            std::to_string(page) + " " + pdf.path() + " -");
    BOOST_TEST(text.output.find(kCustomer) != std::string::npos,
               "page " << page << ": " << text.output);
    BOOST_TEST(text.output.find(labels[page - 1]) != std::string::npos,
               "page " << page << ": " << text.output);
    BOOST_TEST(text.output.find(labels[2 - page]) == std::string::npos);
  }

  // The form's drawing is in the file once, as one form XObject.
  const CommandResult forms =
      run("qpdf --show-npages " + pdf.path() + " && qpdf --json=2 "
          "--json-key=qpdf " + pdf.path() +
          " | grep -c '\"/Subtype\": \"/Form\"'");
  BOOST_TEST(forms.output == "2\n1\n", forms.output);
}

BOOST_AUTO_TEST_CASE(forms_refuse_misuse) {
  PdfCanvas canvas(fonts());
  canvas.begin_page(200, 200);
  BOOST_CHECK_THROW(canvas.place_form(0), std::logic_error);
  BOOST_CHECK_THROW(canvas.end_form(), std::logic_error);
  const int form = canvas.begin_form();
  BOOST_CHECK_THROW(canvas.begin_form(), std::logic_error);
  BOOST_CHECK_THROW(canvas.place_form(form), std::logic_error);
  BOOST_CHECK_THROW(canvas.begin_page(200, 200), std::logic_error);
  BOOST_CHECK_THROW(canvas.finish(), std::logic_error);
  canvas.end_form();
  canvas.place_form(form);
  BOOST_CHECK_NO_THROW(canvas.finish());
}
