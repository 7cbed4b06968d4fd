// Danju beside the anchor harness: the same orders (made by the harness's
// orders.py), the same two documents (the contract approval form and the
// four-part shipment note), ReportLab and Danju one after the other in one
// run, and the harness's verify.py over a sample of Danju's files.
//
// ReportLab works on one core, as the harness runs it; Danju on every core.
// Both times include loading fonts and writing every file.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "core/file_io.h"
#include "core/sha256.h"
#include "fixtures/child_process.h"
#include "render/document_renderer.h"

namespace fs = std::filesystem;

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string text_of(const Object::Ptr& object, const std::string& key) {
  return object->getValue<std::string>(key);
}

danju::Order order_from(const Object::Ptr& json) {
  danju::Order order;
  order.order_no = text_of(json, "order_no");
  order.contract_no = text_of(json, "contract_no");
  order.shipment_no = text_of(json, "shipment_no");
  order.line = text_of(json, "flow") == "furniture"
                   ? danju::BusinessLine::furniture
                   : danju::BusinessLine::gift;
  order.status = danju::OrderStatus::confirmed;
  order.date = text_of(json, "date");
  order.ship_date = text_of(json, "ship_date");
  order.department = text_of(json, "department");
  order.salesperson = text_of(json, "salesperson");
  const Object::Ptr customer = json->getObject("customer");
  order.customer = {text_of(customer, "name"), text_of(customer, "contact"),
                    text_of(customer, "phone"), text_of(customer, "address")};
  order.payment_terms = text_of(json, "payment_terms");
  order.prepayment_pct = json->getValue<int>("prepayment_pct");
  const Array::Ptr items = json->getArray("items");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const Object::Ptr item = items->getObject(static_cast<unsigned>(i));
    order.items.push_back(
        {text_of(item, "name"), text_of(item, "spec"), text_of(item, "unit"),
         item->getValue<std::int64_t>("qty"),
         danju::Money(item->getValue<std::int64_t>("unit_price_fen"))});
  }
  return order;
}

// Runs a program to its end; returns what it printed.
std::string run(const std::string& program,
                const std::vector<std::string>& arguments, int* status) {
  danju::testing::ChildProcess child(program, arguments);
  std::string out, err;
  *status = child.wait(&out, &err);
  return out + err;
}

// The number after "label" in text, or 0.
double figure_after(const std::string& text, const std::string& label) {
  const auto at = text.find(label);
  if (at == std::string::npos) return 0;
  return std::atof(text.c_str() + at + label.size());
}

struct DanjuFigures {
  double load_seconds = 0, render_seconds = 0, render_cpu_seconds = 0;
  long long pages = 0, approval_bytes = 0, shipment_bytes = 0;
  std::vector<std::string> samples;
};

DanjuFigures render_with_danju(const std::vector<danju::Order>& orders,
                               const danju::Company& company,
                               const std::string& out) {
  DanjuFigures figures;
  const auto start = bench::Clock::now();
  danju::RendererSettings settings;
  settings.templates_folder = std::string(DANJU_SOURCE_DIR) + "/templates";
  settings.latin_font = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
  settings.cjk_fonts = {{"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0"},
                        {"/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"}};
  const danju::DocumentRenderer renderer(settings);
  figures.load_seconds = bench::seconds_since(start);

  std::atomic<std::size_t> next{0};
  std::atomic<long long> pages{0}, approval_bytes{0}, shipment_bytes{0};
  auto work = [&] {
    for (std::size_t i = next++; i < orders.size(); i = next++) {
      const danju::Order& order = orders[i];
      danju::DocumentRequest request;
      request.order = &order;
      request.company = &company;
      request.date = order.date;
      // What the store would give: the order's content, hashed.
      danju::Sha256 content;
      content.update(order.order_no);
      request.content_hash = content.hex_digest();

      request.kind = danju::DocumentKind::contract_approval;
      request.document_no = "SP-" + order.contract_no;
      const char* const gift[] = {"部门负责人意见", "法务意见",
                                  "公司负责人意见"};
      const char* const furniture[] = {"市场总监意见", "总经理意见"};
      const bool is_gift = order.line == danju::BusinessLine::gift;
      for (const char* title : is_gift ? std::vector<const char*>(
                                             std::begin(gift), std::end(gift))
                                       : std::vector<const char*>(
                                             std::begin(furniture),
                                             std::end(furniture))) {
        danju::ApprovalBox box;
        box.title = title;
        request.approvals.push_back(box);
      }
      const std::string approval = renderer.render_pdf(request);
      std::ofstream(out + "/" + order.contract_no + "-approval.pdf",
                    std::ios::binary)
          << approval;

      request.kind = danju::DocumentKind::shipment_note;
      request.document_no = order.shipment_no;
      request.approvals.clear();
      const std::string shipment = renderer.render_pdf(request);
      std::ofstream(out + "/" + order.shipment_no + "-shipment.pdf",
                    std::ios::binary)
          << shipment;

      pages += bench::count_pages(approval) + bench::count_pages(shipment);
      approval_bytes += static_cast<long long>(approval.size());
      shipment_bytes += static_cast<long long>(shipment.size());
    }
  };
  const auto rendering = bench::Clock::now();
  const double cpu_before = bench::cpu_seconds();
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::thread::hardware_concurrency(); ++t) {
    pool.emplace_back(work);
  }
  work();
  for (auto& thread : pool) thread.join();
  figures.render_seconds = bench::seconds_since(rendering);
  figures.render_cpu_seconds = bench::cpu_seconds() - cpu_before;
  figures.pages = pages;
  figures.approval_bytes = approval_bytes;
  figures.shipment_bytes = shipment_bytes;

  for (std::size_t i : {std::size_t{0}, orders.size() / 2, orders.size() - 1}) {
    figures.samples.push_back(out + "/" + orders[i].contract_no +
                              "-approval.pdf");
    figures.samples.push_back(out + "/" + orders[i].shipment_no +
                              "-shipment.pdf");
  }
  return figures;
}

}  // namespace

void bench::beside_anchor(const std::string& anchor, int count) {
  Scratch scratch;
  const std::string orders_json = scratch.root + "/orders.json";
  int status = 0;
  {
    danju::testing::ChildProcess make_orders(
        "/usr/bin/python3", {anchor + "/orders.py", std::to_string(count)});
    std::string out, err;
    status = make_orders.wait(&out, &err);
    if (status != 0) {
      std::printf("orders.py failed: %s\n", err.c_str());
      return;
    }
    danju::write_file_atomic(orders_json, out);
  }

  std::printf("\n== beside the anchor harness (%s), %d orders: a contract "
              "approval form and a four-part shipment note each\n",
              anchor.c_str(), count);
  const std::string reportlab =
      run("/usr/bin/python3",
          {anchor + "/anchor_reportlab.py", orders_json,
           scratch.root + "/reportlab"},
          &status);
  if (status != 0) {
    std::printf("ReportLab anchor failed (is python3-reportlab "
                "installed?):\n%s\n",
                reportlab.c_str());
    return;
  }
  const double reportlab_pages = figure_after(reportlab, "pages/second:");
  const double reportlab_total =
      figure_after(reportlab, "total (incl. fonts):");
  long long reportlab_approval = 0, reportlab_shipment = 0;
  for (const auto& entry :
       fs::directory_iterator(scratch.root + "/reportlab")) {
    const std::string name = entry.path().filename().string();
    auto& tally = name.find("-approval") != std::string::npos
                      ? reportlab_approval
                      : reportlab_shipment;
    tally += static_cast<long long>(entry.file_size());
  }

  Poco::JSON::Parser parser;
  const Object::Ptr root = parser.parse(danju::read_file(orders_json))
                               .extract<Object::Ptr>();
  const Object::Ptr seller = root->getObject("seller");
  const danju::Company company{text_of(seller, "name"),
                               text_of(seller, "address"),
                               text_of(seller, "phone"),
                               text_of(seller, "tax_id"), "", ""};
  std::vector<danju::Order> orders;
  const Array::Ptr list = root->getArray("orders");
  for (std::size_t i = 0; i < list->size(); ++i) {
    orders.push_back(order_from(list->getObject(static_cast<unsigned>(i))));
  }
  const std::string out = scratch.root + "/danju";
  fs::create_directories(out);
  const DanjuFigures danju = render_with_danju(orders, company, out);
  const double danju_seconds = danju.load_seconds + danju.render_seconds;
  const double danju_pages = danju.pages / danju_seconds;

  std::printf("  ReportLab (1 core):  %7.0f pages/s, %.2f s in all; "
              "approval form %.1f KB, shipment note %.1f KB\n",
              reportlab_pages, reportlab_total,
              reportlab_approval / 1024.0 / count,
              reportlab_shipment / 1024.0 / count);
  std::printf("  Danju (%u threads):   %7.0f pages/s, %.2f s in all "
              "(fonts and templates %.2f s, rendering %.0f pages/s); "
              "approval form %.1f KB, shipment note %.1f KB\n",
              std::thread::hardware_concurrency(), danju_pages,
              danju_seconds, danju.load_seconds,
              danju.pages / danju.render_seconds,
              danju.approval_bytes / 1024.0 / count,
              danju.shipment_bytes / 1024.0 / count);
  std::printf("  Danju's rendering used %.2f CPU seconds: %.0f pages per "
              "CPU second (what two idle cores would double)\n",
              danju.render_cpu_seconds,
              danju.pages / danju.render_cpu_seconds);
  if (reportlab_pages > 0) {
    std::printf("  Danju makes %.1f times ReportLab's pages per second "
                "(%.1f times counting rendering only)\n",
                danju_pages / reportlab_pages,
                danju.pages / danju.render_seconds / reportlab_pages);
  }

  std::vector<std::string> verify = {anchor + "/verify.py"};
  verify.insert(verify.end(), danju.samples.begin(), danju.samples.end());
  const std::string verified = run("/usr/bin/python3", verify, &status);
  std::printf("  verify.py on %zu of Danju's files: %s\n%s",
              danju.samples.size(), status == 0 ? "passed" : "FAILED",
              verified.c_str());
}
