// The inbox as a whole: which files are read, in which order, and how a
// file that cannot be read leaves the others alone.
#define BOOST_TEST_MODULE input_inbox
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/file_io.h"
#include "input/inbox_reader.h"

namespace fs = std::filesystem;

namespace {

// A fresh folder under the system's temporary folder, removed at the end.
struct TempInbox {
  fs::path path;
  TempInbox() {
    path = fs::temp_directory_path() /
           ("danju-inbox-test-" + std::to_string(getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempInbox() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& bytes) const {
    danju::write_file_atomic((path / name).string(), bytes);
  }
};

const char* const kOrders =
    "订单号,业务线,下单日期,业务员,客户名称,品名,数量,单价\n"
    "GD-1,礼品,2026-03-02,赵敏,甲公司,茶具,2,100\n"
    "GD-2,礼品,2026-03-02,赵敏,乙公司,茶具,2,1.005\n";

}  // namespace

BOOST_AUTO_TEST_CASE(reads_every_order_and_payment_file_in_name_order) {
  TempInbox inbox;
  inbox.write("b_orders.csv", kOrders);
  inbox.write("a_payments.CSV",
              "订单号,款项类型,金额,到账日期\nGD-1,预付款,60,2026-03-03\n");
  inbox.write("c_shop.json",
              R"({"orders": [{"order_no": "J-1", "flow": "gift",
  "date": "2026-03-02", "salesperson": "孙静", "customer": {"name": "丙"},
  "items": [{"name": "杯", "qty": 1, "unit_price_fen": 990}]}]})");
  inbox.write("d_broken.json", "[{");
  inbox.write("e_latin.csv", std::string("h\n\xFF\xFF\n", 5));
  inbox.write("notes.txt", "not read");
  inbox.write(".hidden.csv", "not read");
  inbox.write("~$b_orders.csv", "not read");

  std::vector<std::string> seen;
  std::vector<std::string> problems;
  danju::InboxSink sink;
  sink.order = [&](danju::Order&& order) { seen.push_back(order.order_no); };
  sink.payment = [&](danju::Payment&& payment) {
    seen.push_back("payment " + payment.order_no);
  };
  sink.problem = [&](danju::InputProblem&& problem) {
    problems.push_back(danju::describe(problem));
  };
  const danju::InboxSummary summary =
      danju::read_inbox(inbox.path.string(), sink);

  const std::vector<std::string> expected = {"payment GD-1", "GD-1", "J-1"};
  BOOST_TEST(seen == expected, boost::test_tools::per_element());
  BOOST_TEST(summary.files == 5);
  BOOST_TEST(summary.orders == 2);
  BOOST_TEST(summary.payments == 1);
  BOOST_TEST(summary.problems == 3);

  BOOST_REQUIRE_EQUAL(problems.size(), 3u);
  const std::string folder = inbox.path.string();
  BOOST_TEST(problems[0] == folder +
                                "/b_orders.csv:3: order GD-2, field 单价: "
                                "more than two decimals: \"1.005\"; order "
                                "skipped");
  BOOST_TEST(problems[1].find(folder + "/d_broken.json: not valid JSON") ==
             0u);
  BOOST_TEST(problems[1].find("; file skipped") != std::string::npos);
  BOOST_TEST(problems[2].find(folder + "/e_latin.csv: charset not "
                                       "recognised") == 0u);
}

BOOST_AUTO_TEST_CASE(a_folder_that_cannot_be_listed_throws) {
  danju::InboxSink sink;
  BOOST_CHECK_THROW(danju::read_inbox("/nonexistent/danju/inbox", sink),
                    danju::FileError);
}
