// The four-part shipment note: four pages in copy order, each with its own
// label, everything else drawn once and shown on each copy. Read back with
// pdftotext, pdfinfo and qpdf.
#define BOOST_TEST_MODULE render_copies
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/money.h"
#include "fixtures/child_process.h"
#include "fixtures/renderer_settings.h"
#include "render/document_renderer.h"

using namespace danju;

namespace {

const char* const kLabels[] = {"第一联财务记账联", "第二联销售存根联",
                               "第三联仓库发货联", "第四联客户签收联"};

std::string output_of(const std::string& program,
                      const std::vector<std::string>& arguments) {
  testing::ChildProcess child(program, arguments);
  std::string out, err;
  BOOST_REQUIRE_MESSAGE(child.wait(&out, &err) == 0, program + ": " + err);
  return out;
}

std::string squeezed(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
    } else if (text[i] != ' ' && text[i] != '\n' && text[i] != '\f') {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_copy_has_its_label_and_the_whole_note) {
  const DocumentRenderer renderer(testing::shipped_renderer_settings());
  Order order;
  order.order_no = "GD-2026-0412";
  order.contract_no = "HT-2026-0412";
  order.shipment_no = "FH-2026-0412";
  order.line = BusinessLine::gift;
  order.status = OrderStatus::confirmed;
  order.date = "2026-11-20";
  order.ship_date = "2026-12-20";
  order.department = "礼品事业部";
  order.salesperson = "陈晓东";
  order.customer = {"苏州嘉禾文化传媒有限公司", "刘超", "19318729366",
                    "苏州市工业园区星湖街328号"};
  for (int i = 0; i < 12; ++i) {
    order.items.push_back({"定制U盘" + std::to_string(i + 1) + "号",
                           "64GB 卡片式", "个", 100 + i, Money(3550)});
  }
  const Company company{"杭州丹聚定制科技有限公司", "杭州市余杭区文一西路998号",
                        "0571-8888 6600", "", "", ""};
  DocumentRequest request;
  request.kind = DocumentKind::shipment_note;
  request.order = &order;
  request.company = &company;
  request.document_no = "FH-2026-0412";
  request.version = 1;
  request.content_hash = std::string(64, 'a');
  request.date = "2026-12-04";
  const std::string pdf = renderer.render_pdf(request);
  const std::string path =
      "/tmp/danju-copies-" + std::to_string(getpid()) + ".pdf";
  write_file_atomic(path, pdf);

  const std::string info = output_of("/usr/bin/pdfinfo", {path});
  BOOST_TEST(info.find("Pages:           4") != std::string::npos, info);

  for (int page = 1; page <= 4; ++page) {
    const std::string text = squeezed(output_of(
        "/usr/bin/pdftotext", {"-enc", "UTF-8", "-f", std::to_string(page),
                               "-l", std::to_string(page), path, "-"}));
    for (int label = 0; label < 4; ++label) {
      const bool shown = text.find(kLabels[label]) != std::string::npos;
      BOOST_TEST(shown == (label == page - 1),
                 "page " << page << " and " << kLabels[label]);
    }
    BOOST_TEST(text.find("苏州嘉禾文化传媒有限公司") != std::string::npos);
    BOOST_TEST(text.find("定制U盘12号") != std::string::npos);
    BOOST_TEST(text.find("第1页共1页") != std::string::npos, text);
  }

  // The shared drawing is a form XObject, in the file once.
  const std::string all = output_of("/usr/bin/qpdf",
                                    {"--json=2", "--json-key=qpdf", path});
  std::size_t forms = 0;
  const std::string form = "\"/Subtype\": \"/Form\"";
  for (auto at = all.find(form); at != std::string::npos;
       at = all.find(form, at + 1)) {
    ++forms;
  }
  BOOST_TEST(forms >= 1u);
  BOOST_TEST(forms <= 3u);
  const std::string check = output_of("/usr/bin/qpdf", {"--check", path});
  BOOST_TEST(check.find("No syntax or stream encoding errors") !=
             std::string::npos);
  std::remove(path.c_str());
}
