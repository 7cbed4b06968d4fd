// The danju command as an operator uses it: help, status, dry runs, bad job
// files, and the business clock behind --date.
#define BOOST_TEST_MODULE cli_commands
#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "fixtures/danju_program.h"
#include "fixtures/job_folder.h"
#include "fixtures/python_check.h"
#include "fixtures/smtp_fixture.h"
#include "core/business_clock.h"
#include "pipeline/night_run.h"

namespace fs = std::filesystem;
using danju::testing::JobFolder;
using danju::testing::Outcome;
using danju::testing::danju_command;

namespace {

void write_orders(const JobFolder& job) {
  job.write("inbox/orders.csv",
            std::string(danju::testing::order_csv_header()) +
                "LP001,礼品,已确认,2026-12-01,,礼品事业部,陈晓东,宁波鸿达有限公司,"
                "王喆,定制保温杯,500ml,只,10,58.80\r\n");
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_names_every_command_and_exit_code) {
  const Outcome help = danju_command({"help"});
  BOOST_TEST(help.code == 0);
  for (const char* word : {"run JOB.toml", "status JOB.toml", "--date",
                           "--dry-run", "another run of this job holds"}) {
    BOOST_TEST(help.out.find(word) != std::string::npos, word);
  }
  const Outcome bad = danju_command({"frobnicate"});
  BOOST_TEST(bad.code == danju::kExitUsage);
  BOOST_TEST(bad.err.find("unknown command frobnicate") != std::string::npos);
  BOOST_TEST(danju_command({"run"}).code == danju::kExitUsage);
  BOOST_TEST(danju_command({"run", "x.toml", "--colour"}).code ==
             danju::kExitUsage);

  // Asking a command for help gets the same text, whatever else is given.
  for (const char* command : {"run", "verify", "calibrate", "decide"}) {
    const Outcome asked = danju_command({command, "--help"});
    BOOST_TEST(asked.code == 0, command);
    BOOST_TEST(asked.out == help.out, command);
  }
  BOOST_TEST(danju_command({"run", "x.toml", "-h"}).out == help.out);
}

BOOST_AUTO_TEST_CASE(a_job_file_typo_is_named_with_its_line) {
  JobFolder job;
  std::string text;
  {
    std::ifstream in(job.job_file());
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  job.write("job.toml", text + "\n[chains.gift]\ncontract_aproval = []\n");
  const Outcome outcome = danju_command({"run", job.job_file()});
  BOOST_TEST(outcome.code == danju::kExitUsage);
  BOOST_TEST(outcome.err.find("job.toml:") != std::string::npos, outcome.err);
  BOOST_TEST(outcome.err.find("contract_aproval") != std::string::npos);
  BOOST_TEST(!fs::exists(job.path("data/danju.sqlite")));
}

BOOST_AUTO_TEST_CASE(a_missing_people_file_is_named) {
  JobFolder job;
  fs::remove(job.path("people.toml"));
  const Outcome outcome = danju_command({"run", job.job_file()});
  BOOST_TEST(outcome.code == danju::kExitUsage);
  BOOST_TEST(outcome.err.find("people.toml does not exist") !=
             std::string::npos, outcome.err);
}

BOOST_AUTO_TEST_CASE(a_dry_run_reports_and_keeps_nothing) {
  JobFolder job;
  write_orders(job);
  const Outcome dry = danju_command({"run", job.job_file(), "--dry-run",
                                     "--quiet", "--date", "2026-12-04"});
  BOOST_TEST(dry.code == danju::kExitOk, dry.out + dry.err);
  BOOST_TEST(dry.out.find("nothing was kept or sent") != std::string::npos);
  BOOST_TEST(dry.out.find("1 contract.pdf") != std::string::npos, dry.out);
  BOOST_TEST(!fs::exists(job.path("data/danju.sqlite")));
  BOOST_TEST(!fs::exists(job.path("output/documents")));
  BOOST_TEST(!fs::exists(job.path("outbox")));
}

BOOST_AUTO_TEST_CASE(status_lists_the_waiting_approvals) {
  JobFolder job;
  write_orders(job);
  BOOST_TEST(danju_command({"run", job.job_file(), "--quiet"}).code == 0);

  const Outcome table = danju_command({"status", job.job_file()});
  BOOST_TEST(table.code == 0);
  BOOST_TEST(table.out.find("1 approvals waiting") != std::string::npos,
             table.out);
  BOOST_TEST(table.out.find("SP-HT-LP001") != std::string::npos);
  BOOST_TEST(table.out.find("王喆 (部门负责人)") != std::string::npos);

  const Outcome json = danju_command({"status", job.job_file(), "--json"});
  const auto checked = danju::testing::run_python(
      {"-c",
       "import json,sys; d=json.loads(sys.argv[1]); "
       "print(len(d), d[0]['document_no'], d[0]['approver_email'], "
       "d[0]['step'], d[0]['waiting_seconds'] >= 0)",
       json.out});
  BOOST_TEST(checked.out ==
             "1 SP-HT-LP001 wang.zhe@danju-test.example 1 True\n",
             checked.err);
}

BOOST_AUTO_TEST_CASE(a_bad_business_date_is_refused) {
  JobFolder job;
  write_orders(job);
  const Outcome outcome =
      danju_command({"run", job.job_file(), "--date", "2026-02-30"});
  BOOST_TEST(outcome.code == danju::kExitUsage);
  BOOST_TEST(outcome.err.find("2026-02-30 is not a date") !=
             std::string::npos, outcome.err);
  const Outcome eaten =
      danju_command({"run", job.job_file(), "--date", "--quiet"});
  BOOST_TEST(eaten.code == danju::kExitUsage);
  BOOST_TEST(eaten.err.find("--date needs a date") != std::string::npos,
             eaten.err);
}

BOOST_AUTO_TEST_CASE(the_clock_keeps_the_job_zone_whatever_the_server_zone) {
  setenv("TZ", "UTC", 1);
  const danju::BusinessClock clock("Asia/Shanghai");
  const std::string now = clock.now_iso();
  BOOST_TEST(now.substr(now.size() - 6) == "+08:00", now);
  const std::time_t parsed = danju::BusinessClock::parse_iso(now);
  BOOST_TEST(std::abs(parsed - std::time(nullptr)) <= 2);
  BOOST_TEST(danju::BusinessClock::parse_iso("2026-12-04T02:00:00+08:00") ==
             danju::BusinessClock::parse_iso("2026-12-03T18:00:00+00:00"));
  BOOST_TEST(clock.now_rfc5322().find("+0800") != std::string::npos);
  BOOST_CHECK_THROW(danju::BusinessClock("Mars/Olympus"), std::runtime_error);

  BOOST_TEST(danju::is_iso_date("2028-02-29"));
  BOOST_TEST(!danju::is_iso_date("2026-02-29"));
  BOOST_TEST(!danju::is_iso_date("2026-1-01"));
}

// A request mail the server refused for good (too big for it) is listed,
// and `danju resend` queues it again and delivers it once the server takes
// it; nothing else is sent twice.
BOOST_AUTO_TEST_CASE(refused_mail_is_resent_by_hand) {
  JobFolder job;
  write_orders(job);
  auto point_at = [&](int port) {
    job.write_job("host = \"127.0.0.1\"\nport = " + std::to_string(port) +
                  "\n");
  };
  {
    danju::testing::SmtpServerFixture small(false, false, 20000);
    point_at(small.port());
    const Outcome run = danju_command(
        {"run", job.job_file(), "--date", "2026-12-04", "--quiet"});
    BOOST_TEST(run.code == danju::kExitMailPending, run.out + run.err);
    BOOST_TEST(small.received().empty());
  }
  const Outcome status = danju_command({"status", job.job_file()});
  BOOST_TEST(status.out.find("Mail refused by the server") !=
                 std::string::npos,
             status.out);

  danju::testing::SmtpServerFixture server;
  point_at(server.port());
  const Outcome none = danju_command(
      {"resend", job.job_file(), "--mail", "no-such@danju-test.example"});
  BOOST_TEST(none.code == danju::kExitUsage, none.out + none.err);
  BOOST_TEST(server.received().empty());

  const Outcome resent = danju_command({"resend", job.job_file(), "--all"});
  BOOST_TEST(resent.code == danju::kExitOk, resent.out + resent.err);
  BOOST_TEST(resent.out.find("1 refused mail queued again; 1 sent") !=
                 std::string::npos,
             resent.out);
  BOOST_REQUIRE(server.received().size() == 1u);
  BOOST_TEST(server.received()[0].raw.find("SP-HT-LP001") !=
             std::string::npos);

  // Nothing left to resend, and the next night sends nothing again.
  const Outcome again = danju_command({"resend", job.job_file(), "--all"});
  BOOST_TEST(again.code == danju::kExitOk, again.out + again.err);
  const Outcome night = danju_command(
      {"run", job.job_file(), "--date", "2026-12-05", "--quiet"});
  BOOST_TEST(night.code == danju::kExitOk, night.out + night.err);
  BOOST_TEST(server.received().size() == 1u);
  BOOST_TEST(danju_command({"resend", job.job_file()}).code ==
             danju::kExitUsage);
}
