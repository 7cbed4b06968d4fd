// Payments from finance's CSV file (收款记录), one payment per row.
//
// Columns, in Chinese or by the English key: 订单号 order_no, 款项类型 (or
// 款项) kind, 金额 amount, 到账日期 date, all required; 凭证号 reference.
// Kinds: 预付款/定金/prepayment are prepayments, 尾款/余款/全款/balance are
// balances. The amount must be more than zero.
#pragma once

#include <string>
#include <vector>

#include "input/csv_reader.h"
#include "input/inbox_reader.h"

namespace danju {

// True when a header names a payment-kind column (款项类型, 款项,
// payment_kind): the file is a payments file, not an order export.
bool is_payment_header(const std::vector<std::string>& header);

// Gives each valid row to sink.payment in file order. A row with a wrong
// value is one problem (skipped = payment) and the next row is read. A
// header that lacks a required column is one problem for the file. The
// source is read through once before any payment is given, so that a file
// that is not valid CSV throws first.
void read_payment_csv(CsvSource& source, const std::string& file,
                      const InboxSink& sink);
// The same, for a table in memory.
void read_payment_csv(const CsvTable& table, const std::string& file,
                      const InboxSink& sink);

}  // namespace danju
