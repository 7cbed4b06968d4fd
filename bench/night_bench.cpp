// How fast a whole night runs, and how fast each kind of document renders,
// on synthetic orders.
//
// For each N, whole_night() writes N seeded orders (gift, furniture and
// transport, at every stage, 5-15 items each) and their payments into a
// scratch job, starts the project's SMTP test server on 127.0.0.1, and runs
// the whole night: read, store, decide, render every due kind, queue and
// send every mail, record. It prints the phases' times, documents per second
// by kind, the mails sent and the peak memory. render_kinds() renders 200 orders'
// documents kind by kind, on one thread and on all cores.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "fixtures/smtp_fixture.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "core/file_io.h"
#include "render/document_renderer.h"
#include "store/order_codec.h"
#include "synthetic_job.h"

using bench::Clock;
using bench::peak_rss_mb;
using bench::Scratch;
using bench::seconds_since;
using bench::kCities;
using bench::kProducts;
using bench::kTrades;

void bench::whole_night(int count) {
  Scratch scratch;
  danju::testing::SmtpServerFixture smtp;
  bench::write_job(scratch.root, smtp.port());
  bench::write_inbox(scratch.root + "/inbox", count);

  const auto start = Clock::now();
  const danju::RunReport report = bench::run_synthetic_night(scratch.root);
  const double wall = seconds_since(start);

  int documents = 0;
  std::printf("\n== whole night, %d orders (%u worker threads)\n", count,
              std::thread::hardware_concurrency());
  std::printf("  read+store %.2f s, decide+render+record %.2f s, "
              "mail %.2f s, total %.2f s wall\n",
              report.read_seconds, report.render_seconds,
              report.mail_seconds, wall);
  for (const auto& [kind, made] : report.documents) {
    documents += made;
    std::printf("  %-24s %6d  %8.0f per second of rendering\n", kind.c_str(),
                made, made / report.render_seconds);
  }
  std::printf("  documents %d in all: %.0f per second of rendering\n",
              documents, documents / report.render_seconds);
  std::printf("  mails %d sent (while the papers were made, and %.2f s "
              "after)\n",
              report.mails_sent, report.mail_seconds);
  std::printf("  rejected %zu; peak memory %ld MB\n",
              report.rejections.size(), peak_rss_mb());
}


// Renders every kind for 200 orders, on one thread and then on every core.
void bench::render_kinds() {
  std::vector<danju::Order> orders;
  for (int n = 0; n < 200; ++n) {
    danju::Order order;
    order.order_no = "BK" + std::to_string(100000 + n);
    order.contract_no = "HT-" + order.order_no;
    order.shipment_no = "FH-" + order.order_no;
    order.line = static_cast<danju::BusinessLine>(n % 2);
    order.status = danju::OrderStatus::sample_confirmed;
    order.date = "2026-12-01";
    order.ship_date = "2026-12-30";
    order.department = "礼品事业部";
    order.salesperson = "陈晓东";
    order.customer = {std::string(kCities[n % 10]) + kTrades[n / 10 % 10] +
                          "实业有限公司",
                      "王伟", "13900000000", "杭州市滨江区长河路590号"};
    order.payment_terms =
        "合同签订后预付30%，样品确认后生产，发货前付清余款";
    // What the sample request and the dispatch sheet print besides.
    order.extra = {{"material", "304不锈钢"},
                   {"colour", "哑光黑"},
                   {"sample_quantity", "3"},
                   {"origin", "杭州东站"},
                   {"destination", "黄山风景区"},
                   {"service_time", "2026-12-10 07:30"},
                   {"vehicle_type", "45座大巴"},
                   {"vehicle_count", "2"},
                   {"headcount", "80"},
                   {"driver", "赵师傅"}};
    for (int i = 0; i < 5 + n % 11; ++i) {
      const auto& p = kProducts[(n + i) % 8];
      order.items.push_back({p[0], p[1], p[2], 10 + i,
                             danju::Money(std::atoll(p[3]))});
    }
    orders.push_back(order);
  }
  // The paper code of each document carries its order's content hash, as
  // the store would have it.
  std::vector<std::string> hashes;
  for (const danju::Order& order : orders) {
    hashes.push_back(danju::sha256_hex(danju::encode_order(order)));
  }
  danju::Company company{"杭州丹聚定制科技有限公司",
                         "浙江省杭州市余杭区文一西路998号", "0571-8888 6600",
                         "91330110MA2KXXXX7Q", "", ""};
  danju::RendererSettings settings;
  settings.templates_folder = std::string(DANJU_SOURCE_DIR) + "/templates";
  settings.latin_font = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
  settings.cjk_fonts = {{"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0"},
                        {"/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"}};
  const auto load = Clock::now();
  const danju::DocumentRenderer renderer(settings);
  std::printf("\n== rendering by kind, %zu orders (fonts and templates "
              "loaded once in %.2f s)\n",
              orders.size(), seconds_since(load));

  using danju::DocumentKind;
  for (DocumentKind kind : danju::all_document_kinds()) {
    for (unsigned threads : {1u, std::thread::hardware_concurrency()}) {
      std::atomic<std::size_t> next{0};
      std::atomic<long long> bytes{0}, pages{0};
      auto work = [&] {
        for (std::size_t i = next++; i < orders.size(); i = next++) {
          danju::DocumentRequest request;
          request.kind = kind;
          request.order = &orders[i];
          request.company = &company;
          request.document_no = "D-" + orders[i].order_no;
          request.content_hash = std::string(64, 'c');
          request.content_hash = hashes[i];
          request.date = "2026-12-04";
          for (const char* title :
               {"部门负责人意见", "法务意见", "公司负责人意见"}) {
            danju::ApprovalBox box;
            box.title = title;
            request.approvals.push_back(box);
          }
          const std::string pdf = renderer.render_pdf(request);
          bytes += static_cast<long long>(pdf.size());
          pages += bench::count_pages(pdf);
        }
      };
      const auto start = Clock::now();
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
      work();
      for (auto& thread : pool) thread.join();
      const double took = seconds_since(start);
      std::printf("  %-18s %u thread%s: %6.0f documents/s %7.0f pages/s, "
                  "%5.1f KB each\n",
                  danju::document_kind_name(kind), threads,
                  threads == 1 ? " " : "s", orders.size() / took,
                  pages / took, bytes / 1024.0 / orders.size());
    }
  }
}
