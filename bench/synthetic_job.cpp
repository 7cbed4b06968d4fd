#include "synthetic_job.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/run_log.h"
#include "jobs/job_config.h"

namespace fs = std::filesystem;

namespace bench {

const char* const kProducts[8][4] = {
    {"定制保温杯", "500ml 304不锈钢 激光雕刻LOGO", "只", "5880"},
    {"定制U盘", "64GB 卡片式 彩印", "个", "3550"},
    {"定制笔记本", "A5 PU皮面 烫金LOGO 192页", "本", "2800"},
    {"定制礼品套装", "保温杯+笔记本+签字笔 礼盒", "套", "18800"},
    {"实木衣柜", "北美黑胡桃 2400×600×2600mm 推拉门", "套", "1280000"},
    {"定制橱柜", "多层实木柜体 烤漆门板", "延米", "298000"},
    {"榻榻米地台", "多层板 带升降桌 储物格", "平方米", "168000"},
    {"定制包车服务", "45座大巴 含司机 油费 过路费", "车·天", "320000"},
};
const char* const kCities[10] = {"杭州", "宁波", "苏州", "南京", "合肥",
                                 "武汉", "成都", "西安", "广州", "深圳"};
const char* const kTrades[10] = {"瑞丰", "鸿达", "金诚", "华美", "博远",
                                 "恒信", "嘉禾", "德润", "新锐", "远航"};

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

void write_job(const std::string& root, int smtp_port,
               const std::string& tables) {
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
  // The salesperson of every order, told when a chain completes.
  people << "[[person]]\nname = \"陈晓东\"\nemail = \"sales@bench.example\"\n"
            "roles = [\"sales\"]\n";
  std::ofstream job(root + "/job.toml");
  job << "inbox = \"inbox\"\ndata = \"data\"\noutput = \"output\"\n"
      << "templates = \"" << DANJU_SOURCE_DIR << "/templates\"\n"
      << "people = \"people.toml\"\n[company]\n"
      << "name = \"杭州丹聚定制科技有限公司\"\n"
      << "[mail]\nfrom = \"danju@bench.example\"\nhost = \"127.0.0.1\"\n"
      << "port = " << smtp_port << "\n" << tables;
}

danju::RunReport run_synthetic_night(const std::string& root) {
  const danju::JobConfig job = danju::load_job(root + "/job.toml");
  danju::RunLog log("", true);
  danju::RunOptions options;
  options.business_date = "2026-12-04";
  return danju::run_night(job, options, log);
}

}  // namespace bench
