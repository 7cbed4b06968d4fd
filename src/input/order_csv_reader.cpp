#include "input/order_csv_reader.h"

#include <deque>
#include <iterator>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/order.h"
#include "core/text.h"
#include "input/field_values.h"
#include "input/order_draft.h"

namespace danju {

namespace {

enum class Level { order, item, extra };

struct Column {
  const char* key;      // OrderDraft key, DraftItem key or Order::extra key
  const char* chinese;  // header as exported
  const char* english;  // header alias
  Level level;
  bool required;
};

const Column kBaseColumns[] = {
    {"order_no", "订单号", "order_no", Level::order, true},
    {"contract_no", "合同编号", "contract_no", Level::order, false},
    {"shipment_no", "发货单号", "shipment_no", Level::order, false},
    {"line", "业务线", "line", Level::order, true},
    {"order_type", "订单类型", "order_type", Level::order, false},
    {"status", "状态", "status", Level::order, false},
    {"date", "下单日期", "date", Level::order, true},
    {"ship_date", "交货日期", "ship_date", Level::order, false},
    {"department", "部门", "department", Level::order, false},
    {"salesperson", "业务员", "salesperson", Level::order, true},
    {"customer", "客户名称", "customer", Level::order, true},
    {"contact", "联系人", "contact", Level::order, false},
    {"phone", "联系电话", "phone", Level::order, false},
    {"address", "地址", "address", Level::order, false},
    {"payment_terms", "付款方式", "payment_terms", Level::order, false},
    {"prepayment_pct", "预付比例", "prepayment_pct", Level::order, false},
    {"remarks", "备注", "remarks", Level::order, false},
    {"name", "品名", "item_name", Level::item, true},
    {"spec", "规格", "spec", Level::item, false},
    {"unit", "单位", "unit", Level::item, false},
    {"qty", "数量", "qty", Level::item, true},
    {"unit_price", "单价", "unit_price", Level::item, true},
    {"amount", "金额", "amount", Level::item, false},
};

// The order's and items' columns, then one per extra field, headed by its
// Chinese name or its key.
const std::vector<Column>& all_columns() {
  static const std::vector<Column> columns = [] {
    std::vector<Column> out(std::begin(kBaseColumns), std::end(kBaseColumns));
    for (const ExtraField& field : order_extra_fields()) {
      out.push_back({field.key, field.chinese, field.key, Level::extra,
                     false});
    }
    return out;
  }();
  return columns;
}

const std::vector<Column>& kColumns = all_columns();
const std::size_t kColumnCount = kColumns.size();
constexpr std::size_t kNoCell = static_cast<std::size_t>(-1);

// Which cell holds each known column, and what the header calls it.
struct Layout {
  std::vector<std::size_t> cell = std::vector<std::size_t>(kColumnCount);
  std::vector<std::string> label = std::vector<std::string>(kColumnCount);
};

// Fills layout from the header; returns a reason when the header is unusable.
std::string map_header(const std::vector<std::string>& header,
                       Layout* layout) {
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    layout->cell[c] = kNoCell;
    layout->label[c] = kColumns[c].chinese;
  }

  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = trim(fold_full_width(header[i]));
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (name != kColumns[c].chinese &&
          ascii_lower(name) != kColumns[c].english) {
        continue;
      }
      if (layout->cell[c] != kNoCell) {
        return "column " + name + " appears twice in the header";
      }
      layout->cell[c] = i;
      layout->label[c] = name;
    }
  }

  std::string missing;
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    if (kColumns[c].required && layout->cell[c] == kNoCell) {
      missing += missing.empty() ? "" : ", ";
      missing += kColumns[c].chinese;
    }
  }
  if (!missing.empty()) return "the header lacks required columns: " + missing;
  return "";
}

std::string cell_text(const CsvRecord& row, std::size_t cell) {
  if (cell == kNoCell || cell >= row.fields.size()) return "";
  return trim(row.fields[cell]);
}

bool is_blank_row(const CsvRecord& row) {
  for (const std::string& field : row.fields) {
    if (!trim(field).empty()) return false;
  }
  return true;
}

InputProblem row_problem(const std::string& file, const CsvRecord& row,
                         const std::string& order_no,
                         const std::string& field,
                         const std::string& message) {
  InputProblem problem;
  problem.where = {file, row.line};
  problem.order_no = order_no;
  problem.field = field;
  problem.message = message;
  problem.skipped = Skipped::order;
  return problem;
}

// The order-level value of a column: the first row that fills it. Exports
// that write the order's fields on its first row only, and leave them blank
// on the item rows below, read the same as those that repeat them.
const CsvRecord* first_filled(const std::vector<const CsvRecord*>& rows,
                              std::size_t cell) {
  for (const CsvRecord* row : rows) {
    if (!trim(cell_text(*row, cell)).empty()) return row;
  }
  return rows.front();
}

// The first way the rows of one order contradict each other, if any.
std::optional<InputProblem> check_rows(
    const std::vector<const CsvRecord*>& rows, const Layout& layout,
    std::size_t header_size, const std::string& file,
    const std::string& order_no) {
  const CsvRecord& first = *rows.front();

  // A mangled number may have merged several orders into one group, so it
  // is reported before the rows are compared.
  std::string error;
  if (!order_no.empty() && !check_document_number(order_no, &error)) {
    return row_problem(file, first, order_no, layout.label[0], error);
  }

  for (const CsvRecord* row : rows) {
    for (std::size_t i = header_size; i < row->fields.size(); ++i) {
      if (trim(row->fields[i]).empty()) continue;
      return row_problem(file, *row, order_no, "",
                         "the row has " + std::to_string(row->fields.size()) +
                             " cells but the header only " +
                             std::to_string(header_size) +
                             "; a comma in a value needs quotes");
    }
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (kColumns[c].level == Level::item) continue;
      const std::string here = cell_text(*row, layout.cell[c]);
      if (trim(here).empty()) continue;
      const CsvRecord& filled = *first_filled(rows, layout.cell[c]);
      const std::string there = cell_text(filled, layout.cell[c]);
      if (here == there) continue;
      return row_problem(
          file, *row, order_no, layout.label[c],
          "differs between the rows of this order: \"" + one_line(there) +
              "\" on line " + std::to_string(filled.line) + ", \"" +
              one_line(here) + "\" here");
    }
  }
  return std::nullopt;
}

OrderDraft make_draft(const std::vector<const CsvRecord*>& rows,
                      const Layout& layout, const std::string& file) {
  const CsvRecord& first = *rows.front();
  OrderDraft draft;
  draft.source = {file, first.line};
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    if (kColumns[c].level == Level::item) continue;
    const CsvRecord& filled = *first_filled(rows, layout.cell[c]);
    DraftValue value{cell_text(filled, layout.cell[c]), layout.label[c],
                     filled.line};
    auto& target =
        kColumns[c].level == Level::order ? draft.values : draft.extra;
    target[kColumns[c].key] = value;
  }

  for (const CsvRecord* row : rows) {
    DraftItem item;
    item.line = row->line;
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (kColumns[c].level != Level::item) continue;
      item.values[kColumns[c].key] = {cell_text(*row, layout.cell[c]),
                                      layout.label[c], row->line};
    }
    draft.items.push_back(std::move(item));
  }
  return draft;
}

// Checks an order's rows and gives the order, or its problem, to sink.
void give_order(const std::vector<CsvRecord>& records, const Layout& layout,
                std::size_t columns, const std::string& file,
                const InboxSink& sink) {
  std::vector<const CsvRecord*> rows;
  for (const CsvRecord& record : records) rows.push_back(&record);
  const std::string order_no = cell_text(*rows.front(), layout.cell[0]);
  auto contradiction = check_rows(rows, layout, columns, file, order_no);
  if (contradiction) {
    sink.problem(std::move(*contradiction));
    return;
  }

  InputProblem problem;
  auto order = build_order(make_draft(rows, layout, file), &problem);
  if (order) {
    sink.order(std::move(*order));
  } else {
    sink.problem(std::move(problem));
  }
}

}  // namespace

void read_order_csv(CsvSource& source, const std::string& file,
                    const InboxSink& sink) {
  Layout layout;
  const std::string unusable = map_header(source.header(), &layout);
  if (!unusable.empty()) {
    InputProblem problem;
    problem.where = {file, source.header_line()};
    problem.message = unusable;
    problem.skipped = Skipped::file;
    sink.problem(std::move(problem));
    return;
  }

  // How many rows each order has.
  std::unordered_map<std::string, int> rows_left;
  const std::size_t order_no_cell = layout.cell[0];
  CsvRecord row;
  while (source.next(&row)) {
    if (is_blank_row(row)) continue;
    const std::string order_no = cell_text(row, order_no_cell);
    if (!order_no.empty()) ++rows_left[order_no];
  }

  // The orders in the order of their first rows, each given once its last
  // row is read and every order before it was given. A row with no order
  // number stays alone, so that it is refused by itself.
  struct Waiting {
    std::string order_no;          // empty: a row alone
    std::vector<CsvRecord> rows;
  };
  std::deque<Waiting> waiting;
  std::unordered_map<std::string, Waiting*> open;
  source.rewind();
  while (source.next(&row)) {
    if (is_blank_row(row)) continue;
    const std::string order_no = cell_text(row, order_no_cell);
    if (order_no.empty()) {
      waiting.push_back({"", {std::move(row)}});
    } else {
      auto [found, fresh] = open.emplace(order_no, nullptr);
      if (fresh) {
        waiting.push_back({order_no, {}});
        found->second = &waiting.back();
      }
      found->second->rows.push_back(std::move(row));
      --rows_left[order_no];
    }
    while (!waiting.empty() && (waiting.front().order_no.empty() ||
                                rows_left[waiting.front().order_no] == 0)) {
      const Waiting& ready = waiting.front();
      give_order(ready.rows, layout, source.header().size(), file, sink);
      if (!ready.order_no.empty()) {
        open.erase(ready.order_no);
        rows_left.erase(ready.order_no);
      }
      waiting.pop_front();
    }
  }
}

void read_order_csv(const CsvTable& table, const std::string& file,
                    const InboxSink& sink) {
  CsvTableSource source(table);
  read_order_csv(source, file, sink);
}

}  // namespace danju
