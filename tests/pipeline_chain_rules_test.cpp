// The business rules that shape a chain: no prepayment, staff guarantees,
// amount thresholds, people away, reminders and deputies.
#define BOOST_TEST_MODULE pipeline_chain_rules
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "fixtures/job_folder.h"
#include "fixtures/job_run.h"
#include "fixtures/mail_reader.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::testing::JobFolder;
using danju::testing::approve_pending;

namespace {

const char* const kPeople = R"(
[[person]]
name = "王喆"
email = "wang.zhe@danju-test.example"
roles = ["dept_head"]
deputy = "钱立新"
away = [{ from = "2026-12-10", until = "2026-12-20", delegate = "钱立新" }]

[[person]]
name = "钱立新"
email = "qian.lixin@danju-test.example"
roles = ["dept_head_deputy"]

[[person]]
name = "赵敏"
email = "zhao.min@danju-test.example"
roles = ["legal"]

[[person]]
name = "孙静"
email = "sun.jing@danju-test.example"
roles = ["finance"]
monthly_salary = "10,000.00"

[[person]]
name = "陈建国"
email = "chen.jianguo@danju-test.example"
roles = ["company_head", "marketing_director"]

[[person]]
name = "周海峰"
email = "zhou.haifeng@danju-test.example"
roles = ["general_manager"]
)";

const char* const kHeader =
    "订单号,业务线,状态,下单日期,部门,业务员,客户名称,品名,数量,单价,担保人,"
    "担保金额\r\n";

struct Job {
  JobFolder folder;
  explicit Job(const std::string& tables = "") : folder("", tables) {
    folder.write("people.toml", kPeople);
  }

  danju::RunReport run(const std::string& date = "2026-12-04") {
    const danju::JobConfig config = danju::load_job(folder.job_file());
    danju::RunLog log("", true);
    danju::RunOptions options;
    options.business_date = date;
    return danju::run_night(config, options, log);
  }

  std::string text(const std::string& sql) {
    danju::Database db(folder.path("data/danju.sqlite"), true);
    danju::Statement query = db.prepare(sql);
    return query.step() ? query.text(0) : "";
  }

  void execute(const std::string& sql) {
    danju::Database db(folder.path("data/danju.sqlite"));
    db.execute(sql);
  }

  // Recipients of the .eml files written so far, by subject.
  std::map<std::string, std::string> mails() {
    std::map<std::string, std::string> found;
    if (!fs::exists(folder.path("outbox"))) return found;
    for (const auto& entry : fs::directory_iterator(folder.path("outbox"))) {
      const auto facts = danju::testing::read_mail(entry.path().string());
      found[facts.at("subject.default")] = facts.at("to.addresses");
    }
    return found;
  }
};

std::string chain_of(Job& job, const std::string& kind) {
  danju::Database db(job.folder.path("data/danju.sqlite"), true);
  danju::Statement query = db.prepare(
      "SELECT s.step, s.title, s.approver_email, s.state FROM approval_steps "
      "s JOIN documents d ON d.id = s.document_id WHERE d.kind = ?1 ORDER BY "
      "s.step, s.id");
  query.bind(1, kind);
  std::string chain;
  while (query.step()) {
    chain += std::to_string(query.integer(0)) + " " + query.text(1) + " " +
             query.text(2) + " " + query.text(3) + "\n";
  }
  return chain;
}

}  // namespace

BOOST_AUTO_TEST_CASE(production_without_prepayment_needs_the_general_manager) {
  Job job;
  job.folder.write("inbox/orders.csv",
                   std::string(kHeader) +
                       "LP1,礼品,样品已确认,2026-12-01,礼品事业部,陈晓东,甲公司,"
                       "保温杯,10,58.80,,\r\n");
  // The order sheet follows the approved contract.
  job.run();
  BOOST_TEST(chain_of(job, "order_sheet").empty());
  BOOST_TEST(approve_pending(job.folder, "contract_approval") > 0);
  job.run();
  BOOST_TEST(chain_of(job, "order_sheet") ==
             "1 总经理（未收预付款） zhou.haifeng@danju-test.example pending\n"
             "2 部门负责人 wang.zhe@danju-test.example waiting\n"
             "3 财务 sun.jing@danju-test.example waiting\n"
             "4 公司负责人 chen.jianguo@danju-test.example waiting\n");
}

BOOST_AUTO_TEST_CASE(a_guarantee_replaces_the_general_manager_within_limit) {
  Job job;
  job.folder.write("inbox/orders.csv",
                   std::string(kHeader) +
                       "LP2,礼品,样品已确认,2026-12-01,礼品事业部,陈晓东,乙公司,"
                       "保温杯,10,58.80,孙静,\"8,000.00\"\r\n"
                       "LP3,礼品,样品已确认,2026-12-01,礼品事业部,陈晓东,丙公司,"
                       "保温杯,10,58.80,孙静,8000.01\r\n");
  job.run();
  approve_pending(job.folder, "contract_approval");
  const danju::RunReport report = job.run();

  // 80% of 10,000.00 is 8,000.00: LP2 holds, LP3 is one 分 over.
  BOOST_TEST(job.text("SELECT COUNT(*) FROM documents WHERE order_no = 'LP2' "
                      "AND kind = 'order_sheet'") == "2");
  BOOST_TEST(chain_of(job, "order_sheet").find("总经理") == std::string::npos);
  BOOST_REQUIRE(report.rejections.size() == 1u);
  const std::string& line = report.rejections[0];
  BOOST_TEST(line.find("LP3") != std::string::npos, line);
  BOOST_TEST(line.find("担保金额") != std::string::npos, line);
  BOOST_TEST(line.find("¥8,000.01") != std::string::npos, line);
  BOOST_TEST(line.find("80% of 孙静's monthly salary") != std::string::npos,
             line);
  BOOST_TEST(job.text("SELECT COUNT(*) FROM documents WHERE order_no = 'LP3' "
                      "AND kind = 'order_sheet'") == "0");
  // Its approved contract stands, draft and signed copy.
  BOOST_TEST(job.text("SELECT group_concat(format) FROM (SELECT format FROM "
                      "documents WHERE "
                      "order_no = 'LP3' AND kind = 'contract' ORDER BY id)") ==
             "pdf,approved.pdf");
}

BOOST_AUTO_TEST_CASE(a_job_adds_a_step_above_an_amount) {
  Job job("[[chains.above]]\nkind = \"contract_approval\"\n"
          "amount = \"50,000.00\"\nrole = \"general_manager\"\n");
  job.folder.write("inbox/orders.csv",
                   std::string(kHeader) +
                       "LP4,礼品,已确认,2026-12-01,礼品事业部,陈晓东,丁公司,"
                       "礼盒,500,100.01,,\r\n"
                       "LP5,礼品,已确认,2026-12-01,礼品事业部,陈晓东,戊公司,"
                       "礼盒,500,100.00,,\r\n");
  job.run();
  const std::string chains = chain_of(job, "contract_approval");
  // LP4 (50,005.00) gets a fourth step, LP5 (exactly 50,000.00) does not.
  BOOST_TEST(chains.find("4 总经理（金额超过¥50,000.00） "
                         "zhou.haifeng@danju-test.example waiting") !=
             std::string::npos, chains);
  BOOST_TEST(job.text("SELECT COUNT(*) FROM approval_steps") == "7");
}

BOOST_AUTO_TEST_CASE(requests_go_to_the_delegate_while_someone_is_away) {
  Job job;
  job.folder.write("inbox/orders.csv",
                   std::string(kHeader) +
                       "LP6,礼品,已确认,2026-12-01,礼品事业部,陈晓东,己公司,"
                       "保温杯,10,58.80,,\r\n");
  job.run("2026-12-12");
  const auto mails = job.mails();
  BOOST_REQUIRE(mails.size() == 1u);
  BOOST_TEST(mails.begin()->second == "qian.lixin@danju-test.example");
  // The step still belongs to the approver it was made for.
  BOOST_TEST(chain_of(job, "contract_approval").find(
                 "1 部门负责人 wang.zhe@danju-test.example pending") == 0u);
}

BOOST_AUTO_TEST_CASE(late_approvals_are_reminded_then_handed_to_the_deputy) {
  Job job;
  job.folder.write("inbox/orders.csv",
                   std::string(kHeader) +
                       "LP7,礼品,已确认,2026-12-01,礼品事业部,陈晓东,庚公司,"
                       "保温杯,10,58.80,,\r\n");
  job.run();
  BOOST_TEST(job.mails().size() == 1u);

  // A day and a half later: one reminder, once.
  job.execute("UPDATE approval_steps SET requested_at = replace(datetime("
              "'now', '-36 hours'), ' ', 'T') || '+00:00' WHERE step = 1");
  job.run();
  job.run();
  auto mails = job.mails();
  BOOST_TEST(mails.size() == 2u);
  bool reminded = false;
  for (const auto& [subject, to] : mails) {
    if (subject.find("催办") != std::string::npos) {
      reminded = to == "wang.zhe@danju-test.example";
    }
  }
  BOOST_TEST(reminded);

  // Four days: the deputy is asked, and may decide.
  job.execute("UPDATE approval_steps SET requested_at = replace(datetime("
              "'now', '-96 hours'), ' ', 'T') || '+00:00' WHERE step = 1");
  job.run();
  mails = job.mails();
  BOOST_TEST(mails.size() == 3u);
  bool escalated = false;
  for (const auto& [subject, to] : mails) {
    if (subject.find("转办") != std::string::npos) {
      escalated = to == "qian.lixin@danju-test.example";
    }
  }
  BOOST_TEST(escalated);
  BOOST_TEST(job.text("SELECT deputy_email FROM approval_steps WHERE step = "
                      "1") == "qian.lixin@danju-test.example");
}
