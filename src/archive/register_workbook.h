// The register (台账) of a month as an XLSX workbook for finance: one sheet,
// a header row, one row per paper (archive/register_rows.h) and a totals
// row, set up to print on A4 landscape.
//
// Every cell that comes from data is a string or a number, never a formula,
// so a customer named "=HYPERLINK(...)" stays text. The one formula is the
// totals row's SUM, written with its computed value so that readers that do
// not recalculate see the right total.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "archive/register_rows.h"

namespace danju {

// A register that could not be written: what() names the file and why.
class RegisterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RegisterSheet {
  std::string month;  // YYYY-MM
  std::string company;  // printed in the page header; may be empty
  std::vector<RegisterRow> rows;
};

// The columns, left to right: 日期, 订单号, 客户, 单据, 单据编号, 版本,
// 金额（元）, 状态, 审批人及日期, 文件, SHA-256. 金额 is a number in yuan
// with the format ¥#,##0.00; 版本 is a number.
//
// With no rows the sheet has the header row only (no totals row).
//
// Limitation: the totals row adds the amount of every row, and each paper
// of an order carries the order's whole total, so an order with a contract
// and a shipment note in the month counts twice there. It is a check sum
// of the column, not the month's turnover.
//
// Writes the workbook to path atomically (archive/register_staged_file.h),
// making its folder if needed. Throws RegisterError when the workbook
// cannot be built or written, FileError when it cannot be put in place.
void write_register_workbook(const RegisterSheet& sheet,
                             const std::string& path);

}  // namespace danju
