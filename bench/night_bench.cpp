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
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "fixtures/child_process.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "core/file_io.h"
#include "render/document_renderer.h"
#include "store/order_codec.h"

namespace fs = std::filesystem;
using bench::Clock;
using bench::peak_rss_mb;
using bench::Scratch;
using bench::seconds_since;

namespace {

const char* const kProducts[][4] = {
    {"定制保温杯", "500ml 304不锈钢 激光雕刻LOGO", "只", "5880"},
    {"定制U盘", "64GB 卡片式 彩印", "个", "3550"},
    {"定制笔记本", "A5 PU皮面 烫金LOGO 192页", "本", "2800"},
    {"定制礼品套装", "保温杯+笔记本+签字笔 礼盒", "套", "18800"},
    {"实木衣柜", "北美黑胡桃 2400×600×2600mm 推拉门", "套", "1280000"},
    {"定制橱柜", "多层实木柜体 烤漆门板", "延米", "298000"},
    {"榻榻米地台", "多层板 带升降桌 储物格", "平方米", "168000"},
    {"定制包车服务", "45座大巴 含司机 油费 过路费", "车·天", "320000"},
};
const char* const kCities[] = {"杭州", "宁波", "苏州", "南京", "合肥",
                               "武汉", "成都", "西安", "广州", "深圳"};
const char* const kTrades[] = {"瑞丰", "鸿达", "金诚", "华美", "博远",
                               "恒信", "嘉禾", "德润", "新锐", "远航"};




// Writes N orders and their payments.
void write_inbox(const std::string& inbox, int count) {
  std::mt19937 random(20261204);
  auto pick = [&](int n) { return static_cast<int>(random() % n); };
  std::ofstream orders(inbox + "/orders.csv", std::ios::binary);
  std::ofstream payments(inbox + "/payments.csv", std::ios::binary);
  orders << "订单号,业务线,状态,下单日期,交货日期,部门,业务员,客户名称,联系人,"
            "联系电话,地址,品名,规格,单位,数量,单价,材质,颜色,出发地,目的地,"
            "用车时间,车型\r\n";
  payments << "订单号,款项类型,金额,到账日期\r\n";

  for (int n = 1; n <= count; ++n) {
    const int line = pick(100);
    const char* business = line < 45 ? "礼品" : line < 85 ? "家具" : "客运";
    const char* department = line < 45   ? "礼品事业部"
                             : line < 85 ? "全屋定制事业部"
                                         : "定制客运事业部";
    const int first = line < 45 ? 0 : line < 85 ? 4 : 7;
    const int kinds = line < 45 ? 4 : line < 85 ? 3 : 1;
    const int stage = pick(100);
    const char* status = stage < 10 ? "意向" : stage < 70 ? "已确认"
                                                          : "样品已确认";
    char order_no[32];
    std::snprintf(order_no, sizeof order_no, "BN2026%06d", n);
    const std::string customer = std::string(kCities[pick(10)]) +
                                 kTrades[pick(10)] + "实业有限公司";
    const int items = 5 + pick(11);
    long long total = 0;
    for (int i = 0; i < items; ++i) {
      const auto& product = kProducts[first + pick(kinds)];
      const int quantity = 1 + pick(line < 45 ? 500 : 6);
      total += std::atoll(product[3]) * quantity;
      orders << order_no << "," << business << "," << status
             << ",2026-12-01,2026-12-30," << department << ",陈晓东,"
             << customer << ",王伟,13900000000,杭州市滨江区长河路590号,"
             << product[0] << "," << product[1] << "," << product[2] << ","
             << quantity << "," << std::atoll(product[3]) / 100.0
             << ",304不锈钢,哑光黑,杭州东站,黄山风景区,2026-12-20 07:30,"
                "45座大巴\r\n";
    }
    // Every other confirmed order has its prepayment; a third of the
    // confirmed samples are paid in full.
    if (stage >= 10 && n % 2 == 0) {
      const long long prepaid = total * 30 / 100;
      payments << order_no << ",预付款," << prepaid / 100 << "."
               << (prepaid % 100 < 10 ? "0" : "") << prepaid % 100
               << ",2026-12-02\r\n";
      if (stage >= 70 && n % 3 == 0) {
        const long long rest = total - prepaid;
        payments << order_no << ",尾款," << rest / 100 << "."
                 << (rest % 100 < 10 ? "0" : "") << rest % 100
                 << ",2026-12-03\r\n";
      }
    }
  }
}

void write_job(const std::string& root, int smtp_port) {
  fs::create_directories(root + "/inbox");
  std::ofstream people(root + "/people.toml");
  const char* roles[] = {"dept_head", "legal", "company_head", "finance",
                         "general_manager", "marketing_director"};
  int i = 0;
  for (const char* role : roles) {
    ++i;
    people << "[[person]]\nname = \"审批人" << i
           << "\"\nemail = \"approver" << i << "@bench.example\"\nroles = [\""
           << role << "\"]\n";
  }
  std::ofstream job(root + "/job.toml");
  job << "inbox = \"inbox\"\ndata = \"data\"\noutput = \"output\"\n"
      << "templates = \"" << DANJU_SOURCE_DIR << "/templates\"\n"
      << "people = \"people.toml\"\n[company]\n"
      << "name = \"杭州丹聚定制科技有限公司\"\n"
      << "[mail]\nfrom = \"danju@bench.example\"\nhost = \"127.0.0.1\"\n"
      << "port = " << smtp_port << "\n";
}

}  // namespace

void bench::whole_night(int count) {
  Scratch scratch;
  danju::testing::ChildProcess smtp(
      "/usr/bin/python3",
      {std::string(DANJU_SOURCE_DIR) + "/tests/fixtures/smtp_server.py",
       scratch.root + "/received"},
      false);
  fs::create_directories(scratch.root + "/received");
  const int port = std::stoi(smtp.read_line(60000));
  write_job(scratch.root, port);
  write_inbox(scratch.root + "/inbox", count);

  const danju::JobConfig job = danju::load_job(scratch.root + "/job.toml");
  danju::RunLog log("", true);
  danju::RunOptions options;
  options.business_date = "2026-12-04";
  const auto start = Clock::now();
  const danju::RunReport report = danju::run_night(job, options, log);
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
