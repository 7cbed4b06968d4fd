// The papers an order reaches after its contract, through real nights: the
// sample request once the contract is approved and the prepayment is in,
// the customer's receipt with the shipment note, the dispatch sheet of a
// confirmed trip. Each is made once per order version; a new version makes
// a new one. Answers are given with the real `danju decide`.
#define BOOST_TEST_MODULE pipeline_paper_stages
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "fixtures/child_process.h"
#include "fixtures/job_folder.h"
#include "fixtures/job_run.h"
#include "fixtures/mail_reader.h"
#include "fixtures/smtp_fixture.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "store/database.h"

namespace fs = std::filesystem;
using danju::testing::ChildProcess;
using danju::testing::JobFolder;
using danju::testing::approve_pending;
using danju::testing::count;
using danju::testing::query_text;

namespace {

const char* const kHeader =
    "订单号,业务线,状态,下单日期,交货日期,部门,业务员,客户名称,联系人,品名,"
    "规格,单位,数量,单价,材质,颜色,打样数量,样品要求\r\n";

// LP101 is a gift order with its sample described; LP102 says nothing of
// the sample. Both have paid their 30%.
std::string gift_orders(const std::string& notes) {
  return std::string(kHeader) +
         "LP101,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
         "宁波鸿达贸易有限公司,王喆,定制保温杯,500ml,只,100,58.80,"
         "304不锈钢,哑光黑,3," + notes + "\r\n"
         "LP102,礼品,已确认,2026-12-01,2026-12-30,礼品事业部,陈晓东,"
         "绍兴百川教育科技有限公司,郑明,定制U盘,64GB,个,50,35.50,,,,\r\n";
}

const char* const kPrepaid =
    "订单号,款项类型,金额,到账日期\r\n"
    "LP101,预付款,1764.00,2026-12-02\r\n"
    "LP102,预付款,532.50,2026-12-02\r\n";

danju::RunReport run(const JobFolder& job) {
  return danju::testing::run_job(job, "2026-12-04");
}

int made(const danju::RunReport& report, const std::string& file) {
  const auto found = report.documents.find(file);
  return found == report.documents.end() ? 0 : found->second;
}

std::string all_rejections(const danju::RunReport& report) {
  std::string all;
  for (const std::string& line : report.rejections) all += line + "\n";
  return all;
}

std::string pdf_text(const std::string& path) {
  ChildProcess tool("/usr/bin/pdftotext",
                    {"-layout", "-enc", "UTF-8", path, "-"});
  std::string out, err;
  tool.wait(&out, &err);
  std::string squeezed;
  for (char c : out) {
    if (c != ' ' && c != '\n' && c != '\f') squeezed.push_back(c);
  }
  return squeezed;
}

// The parsed .eml files whose subject starts with prefix.
std::vector<std::map<std::string, std::string>> mails_titled(
    const JobFolder& job, const std::string& prefix) {
  std::vector<std::map<std::string, std::string>> found;
  if (!fs::exists(job.path("outbox"))) return found;
  for (const auto& entry : fs::directory_iterator(job.path("outbox"))) {
    auto facts = danju::testing::read_mail(entry.path().string());
    if (facts["subject.default"].rfind(prefix, 0) == 0) {
      found.push_back(facts);
    }
  }
  return found;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sampling_starts_once_the_contract_is_approved_and_paid) {
  JobFolder job;
  job.write("inbox/orders-1.csv", gift_orders("杯身激光LOGO"));
  job.write("inbox/payments.csv", kPrepaid);

  // The contract still waits for its chain: no sample yet.
  danju::RunReport first = run(job);
  BOOST_TEST(made(first, "contract_approval.pdf") == 2);
  BOOST_TEST(made(first, "sample_request.pdf") == 0);

  BOOST_TEST(approve_pending(job, "contract_approval", "LP101") == 3);
  BOOST_TEST(approve_pending(job, "contract_approval", "LP102") == 3);
  const danju::RunReport second = run(job);
  BOOST_TEST(made(second, "sample_request.pdf") == 1);
  BOOST_TEST(made(second, "sample_request.xlsx") == 0);
  BOOST_TEST(second.mails_queued == 1);

  // LP102 does not say what the sample is made of: reported, not made.
  const std::string rejected = all_rejections(second);
  BOOST_TEST(second.rejections.size() == 1u, rejected);
  BOOST_TEST(rejected.find("/orders-1.csv:3: order LP102, field 材质 "
                           "(material): missing; its sample request was not "
                           "made") != std::string::npos,
             rejected);

  // One step, the department head, asked by mail.
  BOOST_TEST(query_text(job, "SELECT state FROM documents WHERE document_no = "
                       "'DY-LP101' AND format = 'pdf'") == "pending_approval");
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM approval_steps s JOIN "
                        "documents d ON d.id = s.document_id WHERE "
                        "d.document_no = 'DY-LP101'") == 1);
  const auto requests = mails_titled(job, "[DY-LP101] 打样审批");
  BOOST_REQUIRE_EQUAL(requests.size(), 1u);
  BOOST_TEST(requests[0].at("to.addresses") == "wang.zhe@danju-test.example");
  BOOST_TEST(requests[0].at("attachment.1.filename.default") ==
             "打样申请单_DY-LP101.pdf");

  const std::string pdf =
      job.path("output/documents/2026-12/LP101/DY-LP101-v1.pdf");
  const std::string shown = pdf_text(pdf);
  BOOST_TEST(shown.find("打样申请单") != std::string::npos);
  BOOST_TEST(shown.find("样品材质304不锈钢") != std::string::npos, shown);
  BOOST_TEST(shown.find("样品颜色哑光黑") != std::string::npos);
  BOOST_TEST(shown.find("大货订购数量100") != std::string::npos);
  BOOST_TEST(shown.find("第1版") != std::string::npos);
  BOOST_TEST(shown.find("样品要求：杯身激光LOGO") != std::string::npos);

  // `danju status` lists the request among the waiting approvals.
  ChildProcess status(DANJU_BINARY, {"status", job.job_file()});
  std::string listed, err;
  BOOST_TEST(status.wait(&listed, &err) == 0);
  BOOST_TEST(listed.find("1 approvals waiting") != std::string::npos, listed);
  BOOST_TEST(listed.find("DY-LP101") != std::string::npos, listed);
  BOOST_TEST(listed.find("sample_request") != std::string::npos, listed);
  BOOST_TEST(listed.find("王喆 (部门负责人)") != std::string::npos, listed);

  // Again: nothing twice.
  const danju::RunReport again = run(job);
  BOOST_TEST(made(again, "sample_request.pdf") == 0);
  BOOST_TEST(again.mails_queued == 0);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE kind = "
                        "'sample_request'") == 1);

  // The department head agrees: the request is stamped and filed.
  BOOST_TEST(approve_pending(job, "sample_request", "LP101") == 1);
  BOOST_TEST(query_text(job, "SELECT state FROM documents WHERE document_no = "
                       "'DY-LP101' AND format = 'pdf'") == "approved");
  BOOST_TEST(fs::exists(job.path("output/archive/2026-12/LP101/"
                                 "DY-LP101-v1-approved.pdf")));

  // The customer wants the sample changed: the revised export is version
  // 2, whose contract is approved again before its own sample request.
  job.write("inbox/orders-2.csv", gift_orders("杯身激光LOGO，改为烫金"));
  const danju::RunReport revised = run(job);
  BOOST_TEST(revised.orders_changed == 1);
  BOOST_TEST(made(revised, "sample_request.pdf") == 0);
  BOOST_TEST(approve_pending(job, "contract_approval", "LP101") == 3);
  const danju::RunReport resampled = run(job);
  BOOST_TEST(made(resampled, "sample_request.pdf") == 1);
  const std::string second_version =
      pdf_text(job.path("output/documents/2026-12/LP101/DY-LP101-v2.pdf"));
  BOOST_TEST(second_version.find("第2版") != std::string::npos);
  BOOST_TEST(second_version.find("改为烫金") != std::string::npos);
  // The first request stays, with a void copy that names its successor
  // and still shows who approved it.
  const std::string void_copy =
      job.path("output/documents/2026-12/LP101/DY-LP101-v1-void.pdf");
  BOOST_REQUIRE(fs::exists(void_copy));
  const std::string voided = pdf_text(void_copy);
  BOOST_TEST(voided.find("审批人：王喆") != std::string::npos, voided);
  BOOST_TEST(voided.find("同意") != std::string::npos, voided);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE document_no = "
                        "'DY-LP101' AND format = 'pdf'") == 2);
}

BOOST_AUTO_TEST_CASE(the_receipt_goes_with_the_shipment_note_and_is_filed) {
  JobFolder job;
  auto orders = [](const std::string& spec) {
    return std::string(danju::testing::order_csv_header()) +
           "LP201,礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,黄伟,"
           "杭州某某家具有限公司,李堃,定制笔记本," + spec + ",本,10,28.00\r\n";
  };
  job.write("inbox/orders-1.csv", orders("A5"));
  job.write("inbox/payments.csv",
            "订单号,款项类型,金额,到账日期\r\n"
            "LP201,全款,280.00,2026-12-03\r\n");

  const danju::RunReport first = run(job);
  BOOST_TEST(made(first, "shipment_note.pdf") == 1);
  BOOST_TEST(made(first, "delivery_receipt.pdf") == 1);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents WHERE kind = "
                        "'delivery_receipt' AND state = 'issued'") == 1);
  // Both wait for nobody, and both are filed for finance side by side.
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM documents d JOIN "
                        "approval_steps s ON s.document_id = d.id WHERE "
                        "d.kind = 'delivery_receipt'") == 0);
  BOOST_TEST(
      fs::exists(job.path("output/archive/2026-12/LP201/FH-LP201-v1.pdf")));
  const std::string filed =
      job.path("output/archive/2026-12/LP201/HZ-FH-LP201-v1.pdf");
  BOOST_REQUIRE(fs::exists(filed));
  const std::string shown = pdf_text(filed);
  BOOST_TEST(shown.find("收货回执") != std::string::npos);
  BOOST_TEST(shown.find("发货单号：FH-LP201") != std::string::npos);
  BOOST_TEST(shown.find("定制笔记本") != std::string::npos);
  BOOST_TEST(shown.find("审批记录") != std::string::npos, "trail page");
  BOOST_TEST(shown.find("草稿") == std::string::npos);
  const std::string manifest =
      danju::read_file(job.path("output/archive/2026-12/manifest.txt"));
  BOOST_TEST(manifest.find("  LP201/HZ-FH-LP201-v1.pdf") != std::string::npos);

  // Finance's digest still carries the shipment notes only.
  const auto digest = mails_titled(job, "发货单（财务记账联）");
  BOOST_REQUIRE_EQUAL(digest.size(), 1u);
  BOOST_TEST(digest[0].at("attachments") == "1");

  const danju::RunReport again = run(job);
  BOOST_TEST(again.documents.empty());
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM filed_documents") == 2);

  // A changed order is a new version: a new note and a new receipt, and
  // the filed receipt of version 1 gets its void copy filed beside it.
  job.write("inbox/orders-2.csv", orders("A5 硬面"));
  const danju::RunReport changed = run(job);
  BOOST_TEST(made(changed, "delivery_receipt.pdf") == 1);
  BOOST_TEST(made(changed, "shipment_note.pdf") == 1);
  BOOST_TEST(fs::exists(
      job.path("output/archive/2026-12/LP201/HZ-FH-LP201-v2.pdf")));
  BOOST_TEST(fs::exists(
      job.path("output/archive/2026-12/LP201/HZ-FH-LP201-v1-void.pdf")));

  // Finance is told that the new note replaces one already booked, in the
  // subject and on the note's line; the first digest said nothing of it.
  const auto digests = mails_titled(job, "发货单（财务记账联）");
  BOOST_REQUIRE_EQUAL(digests.size(), 2u);
  int marked = 0;
  for (const auto& mail : digests) {
    const std::string& subject = mail.at("subject.default");
    const std::string& body = mail.at("text.plain");
    if (subject.find("更正版") == std::string::npos) {
      BOOST_TEST(body.find("更正版") == std::string::npos);
      continue;
    }
    ++marked;
    BOOST_TEST(subject == "发货单（财务记账联）2026-12-04：共 1 份，"
                          "其中 1 份为更正版");
    BOOST_TEST(body.find("FH-LP201  订单 LP201  杭州某某家具有限公司  "
                         "¥280.00  2026-12-04 开出  【更正版：第 2 版，取代第 "
                         "1 版（2026-12-04 开出），原单作废，请勿重复记账】") !=
                   std::string::npos,
               body);
    // The void first version is told of on its replacement's line only.
    BOOST_TEST(body.find("已作废") == std::string::npos, body);
  }
  BOOST_TEST(marked == 1);
}

BOOST_AUTO_TEST_CASE(a_confirmed_trip_gets_a_sheet_for_the_dispatcher) {
  JobFolder job;
  job.write("people.toml", std::string(JobFolder::kPeople) +
                               "\n[[person]]\nname = \"钱调度\"\n"
                               "email = \"qian.diaodu@danju-test.example\"\n"
                               "roles = [\"dispatcher\"]\n");
  auto trips = [](const std::string& driver) {
    return R"({"orders": [
 {"order_no": "KY301", "line": "transport", "status": "confirmed",
  "date": "2026-12-01", "salesperson": "黄伟", "department": "客运部",
  "customer": {"name": "杭州博远会展服务有限公司", "contact": "陈明"},
  "extra": {"route": "杭州—黄山—杭州", "origin": "杭州东站",
            "destination": "黄山风景区南大门",
            "service_time": "2026-12-18 07:30", "headcount": 86,
            "vehicle_type": "45座大巴", "vehicle_count": 2,
            "driver": ")" + driver + R"("},
  "items": [{"name": "定制包车服务", "unit": "车·天", "qty": 4,
             "unit_price": "3,200.00"}]},
 {"order_no": "KY302", "line": "transport", "status": "confirmed",
  "date": "2026-12-01", "salesperson": "黄伟",
  "customer": {"name": "宁波盛世贸易有限公司"},
  "extra": {"route": "宁波—上海", "destination": "上海浦东国际机场",
            "service_time": "2026-12-06 05:00", "vehicle_type": "19座中巴"},
  "items": [{"name": "定制包车服务", "qty": 1, "unit_price": "2,600"}]},
 {"order_no": "KY303", "line": "transport", "status": "draft",
  "date": "2026-12-01", "salesperson": "黄伟",
  "customer": {"name": "无锡百川实业有限公司"},
  "extra": {"origin": "无锡", "destination": "杭州",
            "service_time": "2026-12-26 06:30", "vehicle_type": "45座大巴"},
  "items": [{"name": "定制包车服务", "qty": 1, "unit_price": "4,100"}]}
]})";
  };
  job.write("inbox/trips-1.json", trips("周师傅、吴师傅"));

  const danju::RunReport first = run(job);
  BOOST_TEST(made(first, "dispatch_sheet.pdf") == 1);
  BOOST_TEST(made(first, "contract.pdf") == 2);
  // KY302 has no origin: its sheet waits for a re-export, its contract not.
  const std::string rejected = all_rejections(first);
  BOOST_TEST(first.rejections.size() == 1u, rejected);
  BOOST_TEST(rejected.find("order KY302, field 出发地 (origin): missing; "
                           "its dispatch sheet was not made") !=
                 std::string::npos,
             rejected);
  // Issued, not approved and not filed: the sheet is the dispatcher's.
  BOOST_TEST(query_text(job, "SELECT state FROM documents WHERE document_no = "
                       "'PC-KY301'") == "issued");
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM filed_documents") == 0);

  const std::string sheet =
      pdf_text(job.path("output/documents/2026-12/KY301/PC-KY301-v1.pdf"));
  BOOST_TEST(sheet.find("派车单") != std::string::npos);
  BOOST_TEST(sheet.find("出发地杭州东站") != std::string::npos, sheet);
  BOOST_TEST(sheet.find("用车时间2026-12-1807:30") != std::string::npos);
  BOOST_TEST(sheet.find("乘车人数86") != std::string::npos);
  BOOST_TEST(sheet.find("驾驶员周师傅、吴师傅") != std::string::npos);
  BOOST_TEST(sheet.find("草稿") == std::string::npos);

  // The dispatcher gets the night's sheets in one mail.
  const auto mails = mails_titled(job, "派车单 2026-12-04：共 1 份");
  BOOST_REQUIRE_EQUAL(mails.size(), 1u);
  BOOST_TEST(mails[0].at("to.addresses") == "qian.diaodu@danju-test.example");
  BOOST_TEST(mails[0].at("attachments") == "1");
  BOOST_TEST(mails[0].at("attachment.1.filename.default") ==
             "派车单_PC-KY301.pdf");
  BOOST_TEST(mails[0].at("text.plain").find("2026-12-18 07:30  杭州—黄山—杭州") !=
             std::string::npos);

  const danju::RunReport again = run(job);
  BOOST_TEST(made(again, "dispatch_sheet.pdf") == 0);
  BOOST_TEST(mails_titled(job, "派车单").size() == 1u);

  // Another driver: version 2 and its own sheet, mailed again.
  job.write("inbox/trips-2.json", trips("郑师傅、吴师傅"));
  const danju::RunReport changed = run(job);
  BOOST_TEST(made(changed, "dispatch_sheet.pdf") == 1);
  BOOST_TEST(pdf_text(job.path("output/documents/2026-12/KY301/"
                               "PC-KY301-v2.pdf"))
                 .find("驾驶员郑师傅、吴师傅") != std::string::npos);
  BOOST_TEST(mails_titled(job, "派车单").size() == 2u);
}

// A note finance has booked, whose order then changes before the new
// version is paid for: finance hears that night that the note is void,
// and again, with the replacement marked, once it is paid.
BOOST_AUTO_TEST_CASE(finance_hears_of_a_booked_note_made_void) {
  JobFolder job;
  auto orders = [](int quantity) {
    return std::string(danju::testing::order_csv_header()) +
           "LP301,礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,黄伟,"
           "杭州某某家具有限公司,李堃,定制笔记本,A5,本," +
           std::to_string(quantity) + ",28.00\r\n";
  };
  job.write("inbox/orders-1.csv", orders(10));
  job.write("inbox/payments-1.csv",
            "订单号,款项类型,金额,到账日期\r\n"
            "LP301,全款,280.00,2026-12-03\r\n");
  danju::testing::run_job(job, "2026-12-04");
  BOOST_REQUIRE_EQUAL(mails_titled(job, "发货单（财务记账联）").size(), 1u);

  // Twelve notebooks now: 56.00 more is owed, so no new note yet.
  job.write("inbox/orders-2.csv", orders(12));
  const danju::RunReport changed = danju::testing::run_job(job, "2026-12-05");
  BOOST_TEST(made(changed, "shipment_note.pdf") == 0);
  const auto void_notice =
      mails_titled(job, "发货单（财务记账联）2026-12-05：作废 1 份");
  BOOST_REQUIRE_EQUAL(void_notice.size(), 1u);
  BOOST_TEST(void_notice[0].at("attachments") == "0");
  const std::string& told = void_notice[0].at("text.plain");
  BOOST_TEST(told.find("FH-LP301 第 1 版  订单 LP301  2026-12-04 开出  "
                       "【订单已变更，此单作废，请冲销原记账】") !=
                 std::string::npos,
             told);

  // Told once: the next night has nothing to say.
  danju::testing::run_job(job, "2026-12-06");
  BOOST_TEST(mails_titled(job, "发货单（财务记账联）").size() == 2u);

  // The balance comes in: the new note, marked as replacing the old.
  job.write("inbox/payments-2.csv",
            "订单号,款项类型,金额,到账日期\r\n"
            "LP301,尾款,56.00,2026-12-06\r\n");
  const danju::RunReport paid = danju::testing::run_job(job, "2026-12-07");
  BOOST_TEST(made(paid, "shipment_note.pdf") == 1);
  const auto replaced = mails_titled(
      job, "发货单（财务记账联）2026-12-07：共 1 份，其中 1 份为更正版");
  BOOST_REQUIRE_EQUAL(replaced.size(), 1u);
  BOOST_TEST(replaced[0].at("text.plain").find("已作废") == std::string::npos);
}

// A night cut off after its notes were made but before its digest was
// queued (the state a kill leaves), then the order changes: the next
// digest carries only the new note, unmarked, since finance never had the
// old one.
BOOST_AUTO_TEST_CASE(a_note_replaced_before_any_digest_is_left_out) {
  JobFolder job;
  auto orders = [](const std::string& contact) {
    return std::string(danju::testing::order_csv_header()) +
           "LP401,礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,黄伟,"
           "宁波鸿达贸易有限公司," + contact + ",定制U盘,64GB,个,10,35.50\r\n";
  };
  job.write("inbox/orders-1.csv", orders("王喆"));
  job.write("inbox/payments.csv",
            "订单号,款项类型,金额,到账日期\r\n"
            "LP401,全款,355.00,2026-12-03\r\n");
  danju::testing::run_job(job, "2026-12-04");
  {
    danju::Database db(job.path("data/danju.sqlite"));
    db.execute("DELETE FROM outbox WHERE purpose = 'finance_digest'; "
               "DELETE FROM digested_documents");
  }
  fs::remove_all(job.path("outbox"));

  job.write("inbox/orders-2.csv", orders("李堃"));
  danju::testing::run_job(job, "2026-12-05");
  const auto digests = mails_titled(job, "发货单（财务记账联）");
  BOOST_REQUIRE_EQUAL(digests.size(), 1u);
  BOOST_TEST(digests[0].at("subject.default") ==
             "发货单（财务记账联）2026-12-05：共 1 份");
  BOOST_TEST(digests[0].at("attachments") == "1");
  const std::string& body = digests[0].at("text.plain");
  BOOST_TEST(body.find("FH-LP401") != std::string::npos, body);
  BOOST_TEST(body.find("更正版") == std::string::npos, body);
  danju::Database db(job.path("data/danju.sqlite"), true);
  danju::Statement carried = db.prepare(
      "SELECT d.order_version FROM documents d JOIN digested_documents g ON "
      "g.document_id = d.id WHERE d.kind = 'shipment_note' AND "
      "g.message_id <> ''");
  BOOST_REQUIRE(carried.step());
  BOOST_TEST(carried.integer(0) == 2);
  BOOST_TEST(!carried.step());
}

// A night of many notes: the digest is split so that no mail is larger
// than the job allows, and every note is in exactly one part.
BOOST_AUTO_TEST_CASE(a_big_digest_is_split_to_the_mail_size) {
  JobFolder job("max_mail_mb = 1\n");
  std::string csv = danju::testing::order_csv_header();
  std::string payments = "订单号,款项类型,金额,到账日期\r\n";
  for (int i = 0; i < 60; ++i) {
    const std::string no = "LPS" + std::to_string(100 + i);
    csv += no + ",礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,黄伟,"
                "宁波鸿达贸易有限公司,王喆,定制U盘,64GB,个,10,35.50\r\n";
    payments += no + ",全款,355.00,2026-12-03\r\n";
  }
  job.write("inbox/orders.csv", csv);
  job.write("inbox/payments.csv", payments);
  danju::testing::run_job(job, "2026-12-04");

  std::map<std::string, int> carried;
  int parts = 0;
  for (const auto& entry : fs::directory_iterator(job.path("outbox"))) {
    auto facts = danju::testing::read_mail(entry.path().string());
    const std::string& subject = facts["subject.default"];
    if (subject.rfind("发货单（财务记账联）", 0) != 0) continue;
    ++parts;
    BOOST_TEST(fs::file_size(entry.path()) <= 1024u * 1024u, subject);
    BOOST_TEST(subject.find("封）") != std::string::npos, subject);
    const int attachments = std::stoi(facts["attachments"]);
    for (int k = 1; k <= attachments; ++k) {
      ++carried[facts["attachment." + std::to_string(k) +
                      ".filename.default"]];
    }
  }
  BOOST_TEST(parts >= 2);
  BOOST_TEST(carried.size() == 60u);
  for (const auto& [name, times] : carried) BOOST_TEST(times == 1, name);
}

// A server that refuses the night's digest for its size: the exit code
// says so that night, the digest's notes are carried again by the next
// night's digest, in parts small enough once the job says so, and a later
// night with nothing refused exits cleanly.
BOOST_AUTO_TEST_CASE(a_digest_refused_for_its_size_is_carried_again) {
  danju::testing::SmtpServerFixture server(false, false, 1500000);
  const std::string mail = "host = \"127.0.0.1\"\nport = " +
                           std::to_string(server.port()) + "\n";
  JobFolder job(mail + "max_mail_mb = 4\n");
  std::string csv = danju::testing::order_csv_header();
  std::string payments = "订单号,款项类型,金额,到账日期\r\n";
  for (int i = 0; i < 60; ++i) {
    const std::string no = "LPR" + std::to_string(100 + i);
    csv += no + ",礼品,样品已确认,2026-11-20,2026-12-10,礼品事业部,黄伟,"
                "宁波鸿达贸易有限公司,王喆,定制U盘,64GB,个,10,35.50\r\n";
    payments += no + ",全款,355.00,2026-12-03\r\n";
  }
  job.write("inbox/orders.csv", csv);
  job.write("inbox/payments.csv", payments);

  const danju::RunReport refused = danju::testing::run_job(job, "2026-12-04");
  BOOST_TEST(refused.exit_code == danju::kExitMailPending);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM outbox WHERE purpose = "
                        "'finance_digest' AND state = 'failed'") == 1);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM digested_documents WHERE "
                        "message_id <> ''") == 0);

  job.write_job(mail + "max_mail_mb = 1\n");
  const danju::RunReport next = danju::testing::run_job(job, "2026-12-05");
  BOOST_TEST(next.exit_code == danju::kExitOk);
  std::map<std::string, int> carried;
  for (const auto& received : server.received()) {
    if (received.raw.find("finance-digest.2026-12-05.") == std::string::npos) {
      continue;
    }
    BOOST_TEST(received.raw.size() <= 1000000u);
    for (std::size_t at = received.raw.find("FH-LPR");
         at != std::string::npos; at = received.raw.find("FH-LPR", at + 1)) {
      carried[received.raw.substr(at, 9)] = 1;
    }
  }
  BOOST_TEST(carried.size() == 60u);
  BOOST_TEST(count(job, "SELECT COUNT(*) FROM digested_documents WHERE "
                        "message_id LIKE 'finance-digest.2026-12-05.%'") ==
             60);

  // The refused mail stays listed, but no longer fails the night.
  const danju::RunReport later = danju::testing::run_job(job, "2026-12-06");
  BOOST_TEST(later.exit_code == danju::kExitOk);
  BOOST_TEST(later.mails_failed == 1);
}

// Nobody holds the role a digest goes to (a misspelt role): its papers
// wait, and the first night someone holds it gets them all.
BOOST_AUTO_TEST_CASE(papers_wait_for_someone_to_hold_the_digests_role) {
  JobFolder job;
  const std::string people = danju::read_file(job.path("people.toml"));
  auto with_dispatcher = [&](const std::string& role) {
    return people + "\n[[person]]\nname = \"钱志强\"\n"
                    "email = \"qian.zhiqiang@danju-test.example\"\n"
                    "roles = [\"" + role + "\"]\n";
  };
  job.write("people.toml", with_dispatcher("dispatch"));
  job.write("inbox/orders.csv",
            "订单号,业务线,状态,下单日期,业务员,客户名称,品名,数量,单价,"
            "出发地,目的地,用车时间,车型\r\n"
            "KY501,客运,已确认,2026-12-01,陈晓东,绍兴百川教育科技有限公司,"
            "包车服务,1,3800.00,杭州东站,黄山,2026-12-10 07:30,45座大巴\r\n");
  danju::testing::run_job(job, "2026-12-04");
  BOOST_TEST(mails_titled(job, "派车单").empty());

  job.write("people.toml", with_dispatcher("dispatcher"));
  danju::testing::run_job(job, "2026-12-05");
  const auto digests = mails_titled(job, "派车单");
  BOOST_REQUIRE_EQUAL(digests.size(), 1u);
  BOOST_TEST(digests[0].at("attachments") == "1");
  BOOST_TEST(digests[0].at("to.addresses") ==
             "qian.zhiqiang@danju-test.example");
}
