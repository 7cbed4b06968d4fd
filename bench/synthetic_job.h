// The synthetic business the benchmarks run on: a job folder with six
// approvers, and an inbox of seeded orders and payments.
#pragma once

#include <string>

#include "pipeline/night_run.h"

namespace bench {

// One product line of the synthetic orders: name, specification, unit and
// unit price in 分, as the order exports write them.
extern const char* const kProducts[8][4];
extern const char* const kCities[10];
extern const char* const kTrades[10];

// Writes root/job.toml and root/people.toml (six approvers, one role each,
// approver1@bench.example .. approver6@bench.example, and the salesperson
// of every order, sales@bench.example) and makes root/inbox.
// Mail goes to the SMTP server on 127.0.0.1:smtp_port; tables are appended
// to the job file as they are (e.g. a [reply_mailbox]).
void write_job(const std::string& root, int smtp_port,
               const std::string& tables = "");

// Writes count orders (gift, furniture and transport, at every stage, 5-15
// items each) to inbox/orders.csv and their payments to inbox/payments.csv.
// The same count always gives the same orders.
void write_inbox(const std::string& inbox, int count);

// Runs the night of root/job.toml for business date 2026-12-04, without
// log lines; what run_night reports.
danju::RunReport run_synthetic_night(const std::string& root);

}  // namespace bench
