// Reads the order exports and finance's payment files of a job's inbox.
//
// The inbox is a folder. Each *.csv and *.json file in it (not in its
// subfolders) is read: a CSV whose header has a payment-kind column (款项类型
// / 款项 / payment_kind) is a payments file; every other CSV, and every JSON
// file, holds orders. Files are read in name order, so a run is repeatable.
#pragma once

#include <functional>
#include <string>

#include "core/order.h"

namespace danju {

// What a problem cost: the order, the payment, or the whole file.
enum class Skipped { order, payment, file };

// One record that was refused, and why. The order (or payment) is skipped as
// a whole; nothing of it reaches the store.
struct InputProblem {
  SourceRef where;       // file and line of the record (or of the file: 0)
  std::string order_no;  // as written, may be empty or mangled
  std::string field;     // column or JSON key, e.g. "单价" / "items[2].qty"
                         // (JSON array positions count from 0)
  std::string message;   // "more than two decimals: \"1.005\""
  Skipped skipped = Skipped::order;
};

// "orders.csv:14: order GD-2026-0107, field 单价: more than two decimals:
// \"1.005\"; order skipped" - the line the operator reads. The line number,
// order and field are left out when unknown; the text is on one line.
std::string describe(const InputProblem& problem);

// Receives what the reader finds, one record at a time, in file order.
// read_inbox skips the functions left empty; the single-file readers
// (order_csv_reader.h, order_json_reader.h, payment_csv_reader.h) need all
// three.
struct InboxSink {
  std::function<void(Order&&)> order;
  std::function<void(Payment&&)> payment;
  std::function<void(InputProblem&&)> problem;
};

struct InboxSummary {
  int files = 0;
  int orders = 0;
  int payments = 0;
  int problems = 0;
};

// Reads every file of the folder into the sink. A file that cannot be read
// at all (unknown charset, not JSON) is one problem; the other files are
// still read. Throws only when the folder itself cannot be listed.
InboxSummary read_inbox(const std::string& folder, const InboxSink& sink);

}  // namespace danju
