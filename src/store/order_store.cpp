#include "store/order_store.h"

#include <cstdlib>

#include "core/file_io.h"
#include "store/order_codec.h"

namespace danju {

namespace {

std::string source_text(const SourceRef& source) {
  return source.file + ":" + std::to_string(source.line);
}

SourceRef source_from(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) return {text, 0};
  return {text.substr(0, colon), std::atoi(text.c_str() + colon + 1)};
}

}  // namespace

SaveOutcome OrderStore::save(const Order& order, std::int64_t run_id,
                             const std::string& now, int* version) {
  const std::string content = encode_order(order);
  const std::string hash = sha256_hex(content);

  Statement last = db_.prepare(
      "SELECT version, content_hash FROM orders WHERE order_no = ?1 "
      "ORDER BY version DESC LIMIT 1");
  last.bind(1, order.order_no);
  int next = 1;
  if (last.step()) {
    if (last.text(1) == hash) {
      *version = static_cast<int>(last.integer(0));
      return SaveOutcome::unchanged;
    }
    next = static_cast<int>(last.integer(0)) + 1;
  }

  Statement insert = db_.prepare(
      "INSERT INTO orders (order_no, version, content_hash, business_line, "
      "status, order_date, total_fen, content, source, run_id, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  insert.bind(1, order.order_no)
      .bind(2, next)
      .bind(3, hash)
      .bind(4, business_line_name(order.line))
      .bind(5, order_status_name(order.status))
      .bind(6, order.date)
      .bind(7, order.total().fen())
      .bind(8, content)
      .bind(9, source_text(order.source))
      .bind(11, now);
  if (run_id) {
    insert.bind(10, run_id);
  } else {
    insert.bind_null(10);
  }
  insert.run();
  *version = next;
  return next == 1 ? SaveOutcome::new_order : SaveOutcome::new_version;
}

std::optional<StoredOrder> OrderStore::latest(const std::string& order_no) {
  Statement query = db_.prepare(
      "SELECT version, content_hash, content, source FROM orders "
      "WHERE order_no = ?1 ORDER BY version DESC LIMIT 1");
  query.bind(1, order_no);
  if (!query.step()) return std::nullopt;
  StoredOrder stored;
  stored.version = static_cast<int>(query.integer(0));
  stored.content_hash = query.text(1);
  stored.order = decode_order(query.text(2));
  stored.order.source = source_from(query.text(3));
  return stored;
}

std::optional<StoredOrder> OrderStore::version(const std::string& order_no,
                                               int version) {
  Statement query = db_.prepare(
      "SELECT version, content_hash, content, source FROM orders "
      "WHERE order_no = ?1 AND version = ?2");
  query.bind(1, order_no).bind(2, version);
  if (!query.step()) return std::nullopt;
  StoredOrder stored;
  stored.version = static_cast<int>(query.integer(0));
  stored.content_hash = query.text(1);
  stored.order = decode_order(query.text(2));
  stored.order.source = source_from(query.text(3));
  return stored;
}

std::vector<std::string> OrderStore::orders_dated_up_to(
    const std::string& date) {
  // The latest version decides the date, so a re-dated order moves.
  Statement query = db_.prepare(
      "SELECT o.order_no FROM orders o WHERE o.version = "
      "(SELECT MAX(version) FROM orders WHERE order_no = o.order_no) "
      "AND o.order_date <= ?1 ORDER BY o.order_no");
  query.bind(1, date);
  std::vector<std::string> numbers;
  while (query.step()) numbers.push_back(query.text(0));
  return numbers;
}

bool OrderStore::add_payment(const Payment& payment, const std::string& now) {
  // Finance's next export may leave out the 凭证号 it gave before, or add
  // one: a payment of the same order, kind, amount and day is the same
  // payment unless both carry references and they differ. A reference
  // added later is kept, so that a second payment alike but for its own
  // reference is not taken for the first.
  // Limitation: two payments alike in all four and without references are
  // taken for one; finance tells them apart by giving references.
  Statement known = db_.prepare(
      "SELECT id, reference FROM payments WHERE order_no = ?1 AND "
      "kind = ?2 AND amount_fen = ?3 AND received_on = ?4 AND "
      "(reference = ?5 OR reference = '' OR ?5 = '') "
      "ORDER BY reference = ?5 DESC, reference <> '' DESC LIMIT 1");
  known.bind(1, payment.order_no)
      .bind(2, payment_kind_name(payment.kind))
      .bind(3, payment.amount.fen())
      .bind(4, payment.date)
      .bind(5, payment.reference);
  if (known.step()) {
    if (known.text(1).empty() && !payment.reference.empty()) {
      Statement named = db_.prepare(
          "UPDATE payments SET reference = ?2 WHERE id = ?1");
      named.bind(1, known.integer(0)).bind(2, payment.reference);
      named.run();
    }
    return false;
  }

  Statement insert = db_.prepare(
      "INSERT OR IGNORE INTO payments (order_no, kind, amount_fen, "
      "received_on, reference, source, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.bind(1, payment.order_no)
      .bind(2, payment_kind_name(payment.kind))
      .bind(3, payment.amount.fen())
      .bind(4, payment.date)
      .bind(5, payment.reference)
      .bind(6, source_text(payment.source))
      .bind(7, now);
  insert.run();
  return db_.changes() > 0;
}

Money OrderStore::received(const std::string& order_no,
                           const std::string& up_to_date) {
  Statement query = db_.prepare(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM payments "
      "WHERE order_no = ?1 AND received_on <= ?2");
  query.bind(1, order_no).bind(2, up_to_date);
  query.step();
  return Money(query.integer(0));
}

}  // namespace danju
