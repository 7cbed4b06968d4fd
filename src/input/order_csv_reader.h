// Orders from a CSV export: one row per line item (明细行), the order's own
// fields repeated on each of its rows.
//
// Columns are found by their header, in Chinese as exported or by the
// English key: 订单号 order_no (required), 合同编号 contract_no, 发货单号
// shipment_no, 业务线 line (required), 订单类型 order_type, 状态 status,
// 下单日期 date (required), 交货日期 ship_date, 部门 department, 业务员
// salesperson (required), 客户名称 customer (required), 联系人 contact,
// 联系电话 phone, 地址 address, 付款方式 payment_terms, 预付比例
// prepayment_pct, 备注 remarks; per item 品名 item_name (required), 规格
// spec, 单位 unit, 数量 qty (required), 单价 unit_price (required), 金额
// amount; transport's extras 线路 route, 出发地 origin, 目的地 destination,
// 用车时间 service_time, 人数 headcount, 车型 vehicle_type, 车辆数
// vehicle_count, 司机 driver; the gift line's sample 材质 material, 颜色
// colour, 打样数量 sample_quantity, 样品要求 sample_notes; a guarantee's
// 担保人 guarantor, 担保金额 guarantee. Other columns are ignored.
#pragma once

#include <string>

#include "input/csv_reader.h"
#include "input/inbox_reader.h"

namespace danju {

// Groups the rows by order number (the rows of one order need not be next
// to each other) and gives each order to sink.order, in the order of its
// first row. A wrong value in any row of an order, or an order field that
// differs between its rows, skips the whole order with one problem naming
// the row's line and the column as headed. A header that lacks a required
// column is one problem for the file (skipped = file) and no order is
// read. file is the name used in SourceRef and messages.
//
// The source is read twice: first to count each order's rows (so a file
// that is not valid CSV throws before any order is given), then to give
// the orders. Memory holds the row count of each order number and the
// rows of orders not yet given: one order's rows when, as exports are
// written, each order's rows are next to each other.
void read_order_csv(CsvSource& source, const std::string& file,
                    const InboxSink& sink);
// The same, for a table in memory.
void read_order_csv(const CsvTable& table, const std::string& file,
                    const InboxSink& sink);

}  // namespace danju
