#include "input/payment_csv_reader.h"

#include "core/text.h"
#include "input/field_values.h"

namespace danju {

namespace {

struct Column {
  const char* names[4];  // header spellings, the first as messages show it
  bool required;
};

enum Field { kOrderNo, kKind, kAmount, kDate, kReference, kFieldCount };

const Column kColumns[kFieldCount] = {
    {{"订单号", "order_no", nullptr, nullptr}, true},
    {{"款项类型", "款项", "payment_kind", "kind"}, true},
    {{"金额", "amount", nullptr, nullptr}, true},
    {{"到账日期", "date", nullptr, nullptr}, true},
    {{"凭证号", "reference", nullptr, nullptr}, false},
};
constexpr std::size_t kNoCell = static_cast<std::size_t>(-1);

std::string header_name(const std::string& cell) {
  std::string name = trim(fold_full_width(cell));
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return name;
}

bool names_column(const std::string& name, int field) {
  for (const char* spelling : kColumns[field].names) {
    if (spelling && name == spelling) return true;
  }
  return false;
}

// Thrown for the first wrong value of a row.
struct Refusal {
  int field;
  std::string message;
};

}  // namespace

bool is_payment_header(const std::vector<std::string>& header) {
  for (const std::string& cell : header) {
    const std::string name = header_name(cell);
    if (name == "款项类型" || name == "款项" || name == "payment_kind") {
      return true;
    }
  }
  return false;
}

void read_payment_csv(CsvSource& source, const std::string& file,
                      const InboxSink& sink) {
  const std::vector<std::string>& header = source.header();
  std::size_t cell[kFieldCount];
  std::string label[kFieldCount];
  std::string missing;
  for (int f = 0; f < kFieldCount; ++f) {
    cell[f] = kNoCell;
    label[f] = kColumns[f].names[0];
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string name = header_name(header[i]);
      if (cell[f] == kNoCell && names_column(name, f)) {
        cell[f] = i;
        label[f] = trim(header[i]);
      }
    }
    if (kColumns[f].required && cell[f] == kNoCell) {
      missing += (missing.empty() ? "" : ", ") + label[f];
    }
  }
  if (!missing.empty()) {
    InputProblem problem;
    problem.where = {file, source.header_line()};
    problem.message = "the header lacks required columns: " + missing;
    problem.skipped = Skipped::file;
    sink.problem(std::move(problem));
    return;
  }

  CsvRecord row;
  while (source.next(&row)) {
  }
  source.rewind();
  while (source.next(&row)) {
    std::string text[kFieldCount];
    bool blank = true;
    for (int f = 0; f < kFieldCount; ++f) {
      if (cell[f] < row.fields.size()) text[f] = trim(row.fields[cell[f]]);
      blank = blank && text[f].empty();
    }
    if (blank) continue;

    Payment payment;
    payment.source = {file, row.line};
    try {
      std::string error;
      for (int f = 0; f < kFieldCount; ++f) {
        if (kColumns[f].required && text[f].empty()) {
          throw Refusal{f, "missing"};
        }
      }
      if (!check_document_number(text[kOrderNo], &error)) {
        throw Refusal{kOrderNo, error};
      }
      payment.order_no = text[kOrderNo];

      const auto kind = parse_payment_kind(text[kKind], &error);
      if (!kind) throw Refusal{kKind, error};
      payment.kind = *kind;

      const auto amount = parse_money(text[kAmount], &error);
      if (!amount) throw Refusal{kAmount, error};
      if (amount->fen() == 0) {
        throw Refusal{kAmount, "a payment must be more than zero"};
      }
      payment.amount = *amount;

      const auto date = parse_date(text[kDate], &error);
      if (!date) throw Refusal{kDate, error};
      payment.date = *date;
      payment.reference = text[kReference];
    } catch (const Refusal& refusal) {
      InputProblem problem;
      problem.where = payment.source;
      problem.order_no = text[kOrderNo];
      problem.field = label[refusal.field];
      problem.message = refusal.message;
      problem.skipped = Skipped::payment;
      sink.problem(std::move(problem));
      continue;
    }
    sink.payment(std::move(payment));
  }
}

void read_payment_csv(const CsvTable& table, const std::string& file,
                      const InboxSink& sink) {
  CsvTableSource source(table);
  read_payment_csv(source, file, sink);
}

}  // namespace danju
