#include "render/page_layout.h"

#include <cmath>

#include <algorithm>
#include <string>
#include <vector>

#include "render/document_renderer.h"
#include "render/line_breaker.h"
#include "render/qr_code.h"

namespace danju {

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kPadX = 1.5 * kPointsPerMm;  // text to cell border
constexpr double kPadY = 1.2 * kPointsPerMm;
constexpr double kMinRow = 7 * kPointsPerMm;
constexpr double kRule = 0.6;     // grid line width
constexpr double kLeading = 1.4;  // line height as a multiple of the size
constexpr double kSmallestFigures = 5;  // points; a number shrinks to this

// The header: a centred line takes its size times these above and below
// its baseline; the number-and-date line is set at kNumberSize.
constexpr double kHeaderAbove = 1.1;
constexpr double kHeaderBelow = 0.5;
constexpr double kNumberSize = 9;
constexpr double kNumberAbove = 1.4;
constexpr double kNumberBelow = 0.8;
// The footer: a line's baseline stands its descent (at most this share of
// its size) above the margin; blocks stop kFooterGap sizes above it.
constexpr double kMostDescent = 0.3;
constexpr double kFooterGap = 2;

const Colour kShade{0.93, 0.93, 0.93};
const Colour kWhite{1, 1, 1};

double mm(double millimetres) { return millimetres * kPointsPerMm; }

// One drawing call, kept until the page count is known. Text is placed in a
// box [x, x + w] by its alignment; deferred text still holds {page.*}. A qr
// op draws the QR code of its text in the square (x, y, w).
struct Op {
  enum class Kind { text, line, fill, stroke, qr };
  Kind kind = Kind::text;
  double x = 0, y = 0, w = 0, h = 0;
  double size = 0;
  std::string text;
  Align align = Align::left;
  bool deferred = false;
  // Deferred text wrapped at w once its page numbers are known, its last
  // line at y, each line above the next by leading; 0: one line.
  double leading = 0;
  Colour colour;
};

using Page = std::vector<Op>;

// A piece of a table row: where it is and what it shows.
struct Cell {
  double x = 0, w = 0;
  std::vector<std::string> lines;
  Align align = Align::left;
  bool shaded = false;
  bool bottom = false;  // text sits at the bottom of the cell, not centred
  double size = 0;      // points; 0 for the row's size
};

class Layout {
 public:
  Layout(const DocumentTemplate& document, FieldValues* values,
         const FontSet& fonts)
      : doc_(document), values_(values), fonts_(fonts),
        left_(mm(document.page.margin_left)),
        width_(mm(document.page.content_width())),
        page_width_(mm(document.page.width)),
        page_height_(mm(document.page.height)) {}

  std::vector<Page> run(const CopyTemplate* copy) {
    copy_ = copy;
    new_page();
    for (const Block& block : doc_.blocks) {
      const double size = block.font_size > 0 ? block.font_size
                                              : doc_.page.font_size;
      switch (block.type) {
        case Block::Type::fields: fields(block, size); break;
        case Block::Type::items: items(block, size); break;
        case Block::Type::text: text(block, size); break;
        case Block::Type::approvals: approvals(block, size); break;
        case Block::Type::signatures: signatures(block, size); break;
        case Block::Type::space: y_ -= mm(block.height); break;
      }
    }
    return std::move(pages_);
  }

 private:
  std::string expand(const std::string& text) const {
    return values_->expand(text, &fonts_);
  }

  std::vector<std::string> wrap(const std::string& text, double size,
                                double width) const {
    if (text.empty()) return {};
    return break_lines(fonts_, text, size, std::max(width, size));
  }

  double text_height(std::size_t lines, double size) const {
    return static_cast<double>(lines) * size * kLeading;
  }

  void add_text(double x, double w, double baseline, double size,
                const std::string& text, Align align, bool deferred = false,
                const Colour& colour = Colour{}) {
    Op op;
    op.kind = Op::Kind::text;
    op.x = x, op.w = w, op.y = baseline, op.size = size;
    op.text = text, op.align = align, op.deferred = deferred;
    op.colour = colour;
    pages_.back().push_back(op);
  }

  void add_box(Op::Kind kind, double x, double y, double w, double h,
               const Colour& colour) {
    Op op;
    op.kind = kind;
    op.x = x, op.y = y, op.w = w, op.h = h, op.colour = colour;
    pages_.back().push_back(op);
  }

  // Lines of text inside the box whose top is top, centred vertically
  // (or set at the bottom).
  void place_lines(const std::vector<std::string>& lines, double x, double w,
                   double top, double h, double size, Align align,
                   bool bottom, const Colour& colour = Colour{}) {
    const double leading = size * kLeading;
    const double block = text_height(lines.size(), size);
    const double offset = bottom ? h - kPadY - block : (h - block) / 2;
    const double inner = (leading - (fonts_.ascent() + fonts_.descent()) *
                                        size) / 2;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const double baseline = top - offset - i * leading - inner -
                              fonts_.ascent() * size;
      add_text(x + kPadX, w - 2 * kPadX, baseline, size, lines[i], align,
               false, colour);
    }
  }

  // Sets the text of a table column's cell. A figure is read as a whole:
  // one wider than its cell is set smaller on one line rather than split.
  // Only a figure that does not fit even at the smallest size wraps.
  void fill_column_cell(const std::string& shown, NumberFormat format,
                        double size, Cell* cell) const {
    const double room = cell->w - 2 * kPadX;
    if (format == NumberFormat::text) {
      cell->lines = wrap(shown, size, room);
      return;
    }
    const double wide = fonts_.width(shown, size);
    if (shown.empty() || wide <= room) {
      cell->lines = wrap(shown, size, room);
      return;
    }
    const double smaller = size * room / wide;
    if (smaller >= kSmallestFigures) {
      cell->size = smaller;
      cell->lines = {shown};
      return;
    }
    cell->size = kSmallestFigures;
    cell->lines = wrap(shown, kSmallestFigures, room);
  }

  double row_height(const std::vector<Cell>& cells, double size,
                    double minimum) const {
    double h = minimum;
    for (const Cell& cell : cells) {
      const double own = cell.size > 0 ? cell.size : size;
      h = std::max(h, text_height(cell.lines.size(), own) + 2 * kPadY);
    }
    return h;
  }

  void draw_row(const std::vector<Cell>& cells, double h, double size) {
    const double top = y_;
    for (const Cell& cell : cells) {
      if (cell.shaded) {
        add_box(Op::Kind::fill, cell.x, top - h, cell.w, h, kShade);
      }
      add_box(Op::Kind::stroke, cell.x, top - h, cell.w, h, Colour{});
      place_lines(cell.lines, cell.x, cell.w, top, h,
                  cell.size > 0 ? cell.size : size, cell.align, cell.bottom);
    }
    y_ -= h;
  }

  // Starts a page if h does not fit below the cursor. Returns true when a
  // page was started.
  // Limitation: only text blocks split over pages; a single table row
  // taller than a whole page is refused with RenderError.
  bool make_room(double h) {
    if (y_ - h >= bottom_) return false;
    if (h > top_of_content_ - bottom_) {
      const auto in_mm = [](double points) {
        return std::to_string(static_cast<int>(std::lround(points / mm(1))));
      };
      throw RenderError(
          "a row of " + doc_.file + " is " + in_mm(h) + " mm tall, more " +
          "than the " + in_mm(std::max(0.0, top_of_content_ - bottom_)) +
          " mm the header and the footer leave on a page; shorten the text "
          "it shows, or what the footer or header holds");
    }
    new_page();
    return true;
  }

  void new_page() {
    pages_.emplace_back();
    const HeaderTemplate& header = doc_.header;
    double y = page_height_ - mm(doc_.page.margin_top);
    double corner = 0;  // what the copy label or the code takes of the top

    // The copy band: a coloured strip across the top and the copy's label
    // in a box at the right, so each part is told apart at a glance.
    if (copy_ != nullptr) {
      add_box(Op::Kind::fill, 0, page_height_ - mm(4), page_width_, mm(4),
              copy_->colour);
      const std::string label = expand(copy_->label);
      const double box_w = fonts_.width(label, 10) + mm(6);
      const double box_h = mm(8);
      const double box_x = left_ + width_ - box_w;
      add_box(Op::Kind::fill, box_x, y - box_h, box_w, box_h, copy_->colour);
      add_text(box_x, box_w, y - box_h / 2 - 3.5, 10, label, Align::center,
               false, kWhite);
      corner = box_w + mm(1);
    }

    // The paper code sits in the top left corner, where neither the copy
    // label (top right) nor the centred title reaches.
    double code_bottom = y;
    if (header.qr) {
      const double side = mm(header.qr_size);
      code_bottom = y - side;
      Op code;
      code.kind = Op::Kind::qr;
      code.x = left_, code.y = code_bottom, code.w = side;
      code.text = expand("{document.code}");
      pages_.back().push_back(code);
      corner = std::max(corner, side + mm(1));
    }

    // The company and the title are centred between the corners, each set
    // smaller when too wide, down to two thirds of its size, and wrapped
    // when too wide even so.
    const double between_corners = width_ - 2 * corner;
    const std::pair<const std::string*, double> lines[] = {
        {&header.company, header.company_size},
        {&header.title, header.title_size}};
    for (const auto& [line, wanted] : lines) {
      if (line->empty()) continue;
      const std::string text = expand(*line);
      const double size = size_to_fit(text, wanted, between_corners,
                                      std::max(6.0, wanted * 2 / 3));
      if (fonts_.width(text, size) <= between_corners) {
        y -= size * kHeaderAbove;
        add_text(left_, width_, y, size, *line, Align::center, true);
        y -= size * kHeaderBelow;
        continue;
      }
      for (const std::string& part : wrap(text, size, between_corners)) {
        y -= size * kHeaderAbove;
        add_text(left_, width_, y, size, part, Align::center);
        y -= size * (kLeading - kHeaderAbove);
      }
      y -= size * (kHeaderBelow - (kLeading - kHeaderAbove));
    }
    // The number line is set at the left margin, so below the code.
    if (header.qr) y = std::min(y, code_bottom - mm(1));
    y -= kNumberSize * kNumberAbove;
    // The number at the left and the date at the right share a line when
    // they can; else the date takes a line of its own below. Each is set
    // smaller, down to 6 points, when wider than the page's text.
    // Either, too long even at 7 points, wraps.
    const std::string number = expand(header.number);
    const std::string date = expand(header.date);
    const double number_size = size_to_fit(number, kNumberSize, width_, 7);
    const double date_size = size_to_fit(date, kNumberSize, width_, 7);
    const double number_w = header_side(header.number, number, number_size,
                                        Align::left, &y);
    if (!date.empty()) {
      const double both = number_w + fonts_.width(date, date_size) + mm(4);
      if (!number.empty() && both > width_) {
        y -= kNumberSize * kNumberAbove;
      }
      header_side(header.date, date, date_size, Align::right, &y);
    }
    y -= kNumberSize * kNumberBelow;
    top_of_content_ = y;
    y_ = y;
    footer();
  }

  // Sets one side of the number line, text (as expanded: shown) at size,
  // from *y down: on one line, or wrapped when wider than the page's text,
  // *y then at its last line. Returns the width it takes.
  double header_side(const std::string& text, const std::string& shown,
                     double size, Align align, double* y) {
    if (shown.empty()) return 0;
    const double wide = fonts_.width(shown, size);
    if (wide <= width_) {
      add_text(left_, width_, *y, size, text, align, true);
      return wide;
    }
    const std::vector<std::string> lines = wrap(shown, size, width_);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) *y -= size * kLeading;
      add_text(left_, width_, *y, size, lines[i], align);
    }
    return width_;
  }

  // The size at which text fits room: its own size when it fits, else
  // smaller, but never below smallest.
  double size_to_fit(const std::string& text, double size, double room,
                     double smallest) const {
    const double wide = fonts_.width(text, size);
    if (wide <= room) return size;
    return std::max(smallest, size * room / wide);
  }

  // A line with blanks to write in (日期：　　年　　月　　日) made to fit
  // room at size by taking one ideographic space at a time from its
  // longest run, down to one a run.
  std::string fewer_blanks(std::string text, double size,
                           double room) const {
    static const std::string blank = "\xE3\x80\x80";  // U+3000
    while (fonts_.width(text, size) > room) {
      std::size_t longest_at = std::string::npos, longest = 1;
      for (std::size_t at = text.find(blank); at != std::string::npos;) {
        std::size_t run = 0;
        while (text.compare(at + run * 3, 3, blank) == 0) ++run;
        if (run > longest) longest = run, longest_at = at;
        at = text.find(blank, at + run * 3);
      }
      if (longest_at == std::string::npos) break;
      text.erase(longest_at, 3);
    }
    return text;
  }


  // The footer stands on the bottom margin, descenders inside it. The
  // right text (the page count, usually) takes at most half the width,
  // set smaller if need be. The left text takes the rest: set a little
  // smaller when that keeps it on one line, else wrapped, its last line on
  // the margin. The blocks stop above the footer's first line.
  void footer() {
    const FooterTemplate& footer = doc_.footer;
    const double fs = footer.font_size;
    const double base = mm(doc_.page.margin_bottom) + fonts_.descent() * fs;
    const double leading = fs * kLeading;
    // A right text over half the width even at 5 points has the bottom
    // line to itself; the left text then stands above it, full width.
    // Limitation: one wider than the page even at 5 points runs past it.
    double right_w = 0;
    bool stacked = false;
    if (!footer.right.empty()) {
      const std::string widest = expand(widest_page_numbers(footer.right));
      double size = size_to_fit(widest, fs, width_ / 2, 5);
      stacked = fonts_.width(widest, size) > width_ / 2;
      if (stacked) size = size_to_fit(widest, fs, width_, 5);
      add_text(left_, width_, base, size, footer.right, Align::right, true);
      right_w = fonts_.width(widest, size) + mm(3);
    }
    const double room = stacked ? width_ : width_ - right_w;
    const double left_base = stacked ? base + leading : base;

    std::size_t lines = stacked ? 1 : 0;
    if (footer.left.find("{page.") != std::string::npos) {
      // Its page numbers are known only when the pages are: room is kept
      // for the lines it takes with numbers of three digits, and it is
      // wrapped when drawn.
      const std::string widest = expand(widest_page_numbers(footer.left));
      const std::size_t count =
          std::max<std::size_t>(1, wrap(widest, fs, room).size());
      Op op;
      op.kind = Op::Kind::text;
      op.x = left_, op.w = room, op.y = left_base, op.size = fs;
      op.text = footer.left, op.deferred = true, op.leading = leading;
      pages_.back().push_back(op);
      lines += count;
    } else if (!footer.left.empty()) {
      const std::string text = expand(footer.left);
      const double size = size_to_fit(text, fs, room, fs * 0.85);
      const std::vector<std::string> left =
          fonts_.width(text, size) <= room
              ? std::vector<std::string>{text}
              : wrap(text, fs, room);
      const double set = left.size() == 1 ? size : fs;
      lines += left.size();
      for (std::size_t i = 0; i < left.size(); ++i) {
        const double above = static_cast<double>(left.size() - 1 - i);
        add_text(left_, room, left_base + above * leading, set, left[i],
                 Align::left);
      }
    }
    lines = std::max<std::size_t>(lines, 1);
    bottom_ = base + static_cast<double>(lines - 1) * leading +
              fs * kFooterGap;
  }

  // Footer text with its page numbers as wide as three digits, to measure
  // the room it takes before the pages are counted.
  static std::string widest_page_numbers(std::string text) {
    for (const std::string name : {"{page.no}", "{page.count}"}) {
      for (std::size_t at = text.find(name); at != std::string::npos;
           at = text.find(name, at)) {
        text.replace(at, name.size(), "888");
      }
    }
    return text;
  }

  void fields(const Block& block, double size) {
    const double label_w = mm(block.label_width);
    const double value_w = width_ / block.columns - label_w;
    for (const auto& row : block.rows) {
      std::vector<Cell> cells;
      double x = left_;
      for (std::size_t k = 0; k < row.size(); ++k) {
        const bool last = k + 1 == row.size();
        Cell label;
        label.x = x, label.w = label_w, label.shaded = true;
        label.align = Align::center;
        label.lines = wrap(expand(row[k].label), size, label_w - 2 * kPadX);
        x += label_w;

        Cell value;
        value.x = x;
        value.w = last ? left_ + width_ - x : value_w;
        value.lines = wrap(expand(row[k].value), size, value.w - 2 * kPadX);
        x += value.w;
        cells.push_back(label);
        cells.push_back(value);
      }
      const double h = row_height(cells, size, kMinRow);
      make_room(h);
      draw_row(cells, h, size);
    }
  }

  std::vector<Cell> header_cells(const Block& block, double size) {
    std::vector<Cell> cells;
    double x = left_;
    for (const ItemColumn& column : block.item_columns) {
      Cell cell;
      cell.x = x, cell.w = mm(column.width);
      cell.align = Align::center, cell.shaded = true;
      cell.lines = wrap(expand(column.header), size, cell.w - 2 * kPadX);
      cells.push_back(cell);
      x += cell.w;
    }
    return cells;
  }

  void items(const Block& block, double size) {
    const std::vector<Cell> head = header_cells(block, size);
    const double head_h = row_height(head, size, kMinRow);
    const auto& order_items = values_->request().order->items;

    // The header row never stands alone at the foot of a page.
    double first_h = head_h;
    std::vector<std::vector<Cell>> rows;
    std::vector<double> heights;
    for (std::size_t i = 0; i < order_items.size(); ++i) {
      values_->set_item(&order_items[i], static_cast<int>(i) + 1);
      std::vector<Cell> cells;
      double x = left_;
      for (const ItemColumn& column : block.item_columns) {
        Cell cell;
        cell.x = x, cell.w = mm(column.width), cell.align = column.align;
        std::string shown = expand(column.value);
        if (column.format == NumberFormat::yuan) {
          std::string name;
          is_single_placeholder(column.value, &name);
          const FieldValue v = values_->value(name);
          if (v.number == FieldValue::Number::money) {
            shown = format_yuan(Money(v.amount));
          }
        }
        fill_column_cell(shown, column.format, size, &cell);
        cells.push_back(cell);
        x += cell.w;
      }
      heights.push_back(row_height(cells, size, kMinRow));
      rows.push_back(std::move(cells));
    }
    values_->set_item(nullptr, 0);
    if (!heights.empty()) first_h += heights.front();

    make_room(first_h);
    draw_row(head, head_h, size);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (make_room(heights[i])) draw_row(head, head_h, size);
      draw_row(rows[i], heights[i], size);
    }
    totals(block, size, head, head_h);
  }

  // The totals row and the amount in capitals, under the items.
  void totals(const Block& block, double size, const std::vector<Cell>& head,
              double head_h) {
    const auto& columns = block.item_columns;
    std::size_t span = columns.size();
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (!columns[k].total.empty()) {
        span = k;
        break;
      }
    }

    if (!block.total_label.empty() || span < columns.size()) {
      // The label spans the columns before the first total; when the first
      // column has a total itself, the label goes before it in its cell.
      std::vector<Cell> cells;
      if (span > 0) {
        Cell label;
        label.x = left_;
        label.w = head[span - 1].x + head[span - 1].w - left_;
        label.align = Align::center, label.shaded = true;
        label.lines = wrap(expand(block.total_label), size,
                           label.w - 2 * kPadX);
        cells.push_back(label);
      }
      for (std::size_t k = span; k < columns.size(); ++k) {
        Cell cell;
        cell.x = head[k].x, cell.w = head[k].w, cell.align = columns[k].align;
        std::string shown = expand(columns[k].total);
        if (k == 0 && !block.total_label.empty()) {
          shown = expand(block.total_label) + " " + shown;
        }
        fill_column_cell(shown, columns[k].format, size, &cell);
        cells.push_back(cell);
      }
      const double h = row_height(cells, size, kMinRow);
      if (make_room(h)) draw_row(head, head_h, size);
      draw_row(cells, h, size);
    }

    if (!block.capitals.empty()) {
      // The amount in words needs the room: its label takes the first two
      // columns only.
      const std::size_t last_of_label =
          std::min<std::size_t>(1, std::max<std::size_t>(span, 1) - 1);
      const double words_at = head[last_of_label].x + head[last_of_label].w;
      std::vector<Cell> cells;
      Cell label;
      label.x = left_, label.w = words_at - left_;
      label.align = Align::center, label.shaded = true;
      label.lines = wrap(expand(block.capitals_label), size,
                         label.w - 2 * kPadX);
      Cell words;
      words.x = words_at, words.w = left_ + width_ - words_at;
      words.lines = wrap(expand(block.capitals), size + 1,
                         words.w - 2 * kPadX);
      cells.push_back(label);
      cells.push_back(words);
      const double h = row_height(cells, size + 1, kMinRow);
      make_room(h);
      draw_row(cells, h, size + 1);
    }
  }

  void text(const Block& block, double size) {
    const double inset = block.framed ? kPadX : 0;
    const std::vector<std::string> lines =
        wrap(expand(block.text), size, width_ - 2 * inset - 2 * kPadX);
    const double leading = size * kLeading;
    std::size_t next = 0;
    y_ -= mm(1);
    while (next < lines.size()) {
      // As many lines as fit here; the rest continue on the next page.
      std::size_t room = static_cast<std::size_t>(
          std::max(0.0, (y_ - bottom_ - 2 * kPadY) / leading));
      if (room == 0) {
        if (y_ == top_of_content_) {
          throw RenderError("a line of text in " + doc_.file +
                            " is taller than a whole page");
        }
        new_page();
        continue;
      }
      const std::size_t count = std::min(room, lines.size() - next);
      const std::vector<std::string> part(lines.begin() + next,
                                          lines.begin() + next + count);
      const double h = text_height(count, size) + 2 * kPadY;
      if (block.framed) {
        add_box(Op::Kind::stroke, left_, y_ - h, width_, h, Colour{});
      }
      place_lines(part, left_ + inset, width_ - 2 * inset, y_, h, size,
                  block.align, false);
      y_ -= h;
      next += count;
    }
  }

  void approvals(const Block& block, double size) {
    const double label_w = mm(block.label_width);
    for (const ApprovalBox& box : values_->request().approvals) {
      values_->set_approval(&box);
      const bool decided = !box.approver.empty() || !box.decision.empty();
      Cell label;
      label.x = left_, label.w = label_w, label.align = Align::center;
      label.shaded = true;
      label.lines = wrap(expand("{approval.title}"), size,
                         label_w - 2 * kPadX);
      Cell opinion;
      opinion.x = left_ + label_w, opinion.w = width_ - label_w;
      opinion.align = decided ? Align::left : Align::right;
      opinion.bottom = !decided;
      opinion.lines = wrap(expand(decided ? block.decided : block.pending),
                           size, opinion.w - 2 * kPadX);
      const std::vector<Cell> cells = {label, opinion};
      const double h = row_height(cells, size, mm(block.box_height));
      make_room(h);
      draw_row(cells, h, size);
    }
    values_->set_approval(nullptr);
  }

  // Boxes side by side: each label wraps at the top of its box, the date
  // line (set smaller when too wide) at its foot, room to sign between;
  // the boxes grow together when a label needs it.
  void signatures(const Block& block, double size) {
    const double w = width_ / block.boxes.size();
    const double room = w - 2 * kPadX;
    const std::string date =
        fewer_blanks(expand(block.date_line), size - 1.5, room);
    const double date_size =
        date.empty() ? 0 : size_to_fit(date, size - 1.5, room, 5);
    // Too wide even so, it wraps at the foot of the box.
    const std::vector<std::string> date_lines =
        date.empty() || fonts_.width(date, date_size) <= room
            ? std::vector<std::string>{date}
            : wrap(date, date_size, room);
    const double date_h =
        date.empty() ? 0 : text_height(date_lines.size(), date_size) + kPadY;

    std::vector<std::vector<std::string>> labels;
    double h = mm(block.box_height);
    for (const std::string& box : block.boxes) {
      labels.push_back(wrap(expand(box), size, room));
      h = std::max(h, 2 * kPadY + text_height(labels.back().size(), size) +
                          date_h + mm(6));
    }
    make_room(h);

    const double top = y_;
    for (std::size_t k = 0; k < block.boxes.size(); ++k) {
      const double x = left_ + k * w;
      add_box(Op::Kind::stroke, x, top - h, w, h, Colour{});
      for (std::size_t i = 0; i < labels[k].size(); ++i) {
        add_text(x + kPadX, room,
                 top - kPadY - size - static_cast<double>(i) * size *
                                          kLeading,
                 size, labels[k][i], Align::left);
      }
      for (std::size_t i = 0; !date.empty() && i < date_lines.size(); ++i) {
        const double above =
            static_cast<double>(date_lines.size() - 1 - i) * date_size *
            kLeading;
        add_text(x + kPadX, room, top - h + kPadY + 1 + above, date_size,
                 date_lines[i], Align::left);
      }
    }
    y_ -= h;
  }

  const DocumentTemplate& doc_;
  FieldValues* values_;
  const FontSet& fonts_;
  const CopyTemplate* copy_ = nullptr;
  double left_, width_, page_width_, page_height_;
  double y_ = 0, bottom_ = 0, top_of_content_ = 0;
  std::vector<Page> pages_;
};

// One drawing call with everything decided: page numbers filled in, text
// placed by its alignment. Copies of a multi-part form are compared in this
// form to find what they share.
struct Drawn {
  Op::Kind kind = Op::Kind::text;
  double x = 0, y = 0, w = 0, h = 0;
  double size = 0, degrees = 0;
  std::string text;
  Colour colour;

  bool operator==(const Drawn& o) const {
    return kind == o.kind && x == o.x && y == o.y && w == o.w && h == o.h &&
           size == o.size && degrees == o.degrees && text == o.text &&
           colour.r == o.colour.r && colour.g == o.colour.g &&
           colour.b == o.colour.b;
  }
};

using DrawnPage = std::vector<Drawn>;

// The pages of one copy as final drawing calls, the 草稿 / 作废 mark first.
std::vector<DrawnPage> resolve_pages(const std::vector<Page>& pages,
                                     const DocumentTemplate& doc,
                                     FieldValues* values,
                                     const FontSet& fonts) {
  std::vector<DrawnPage> resolved;
  const int count = static_cast<int>(pages.size());
  const std::string& mark = values->request().watermark;
  for (int n = 0; n < count; ++n) {
    values->set_page(n + 1, count);
    DrawnPage page;
    if (!mark.empty()) {
      // Across the middle of the page, under the form, in light grey.
      Drawn drawn;
      drawn.size = std::min(mm(doc.page.width), mm(doc.page.height)) /
                   (1.0 + static_cast<double>(mark.size()) / 3.0);
      const double w = fonts.width(mark, drawn.size);
      const double cx = mm(doc.page.width) / 2;
      const double cy = mm(doc.page.height) / 2;
      drawn.degrees = 35;
      const double turn = drawn.degrees * 3.14159265358979323846 / 180;
      drawn.x = cx - std::cos(turn) * w / 2 + std::sin(turn) * drawn.size / 3;
      drawn.y = cy - std::sin(turn) * w / 2 - std::cos(turn) * drawn.size / 3;
      drawn.text = mark;
      drawn.colour = Colour{0.85, 0.85, 0.85};
      page.push_back(std::move(drawn));
    }
    for (const Op& op : pages[n]) {
      Drawn drawn;
      drawn.kind = op.kind;
      drawn.x = op.x;
      drawn.y = op.y;
      drawn.w = op.w;
      drawn.h = op.h;
      drawn.size = op.size;
      drawn.colour = op.colour;
      drawn.text = op.text;  // a QR code's text
      if (op.kind == Op::Kind::text && op.leading > 0) {
        const std::string text = values->expand(op.text, &fonts);
        const std::vector<std::string> lines =
            break_lines(fonts, text, op.size, std::max(op.w, op.size));
        for (std::size_t i = 0; i < lines.size(); ++i) {
          Drawn line = drawn;
          line.text = lines[i];
          line.y = op.y + static_cast<double>(lines.size() - 1 - i) *
                              op.leading;
          page.push_back(std::move(line));
        }
        continue;
      }
      if (op.kind == Op::Kind::text) {
        drawn.text = op.deferred ? values->expand(op.text, &fonts) : op.text;
        if (op.align != Align::left) {
          const double w = fonts.width(drawn.text, op.size);
          drawn.x = op.align == Align::right ? op.x + op.w - w
                                             : op.x + (op.w - w) / 2;
        }
      }
      page.push_back(std::move(drawn));
    }
    resolved.push_back(std::move(page));
  }
  return resolved;
}

void draw(const Drawn& drawn, PdfCanvas* canvas) {
  switch (drawn.kind) {
    case Op::Kind::fill:
      canvas->fill_rect(drawn.x, drawn.y, drawn.w, drawn.h, drawn.colour);
      break;
    case Op::Kind::stroke:
      canvas->stroke_rect(drawn.x, drawn.y, drawn.w, drawn.h, kRule,
                          drawn.colour);
      break;
    case Op::Kind::line:
      canvas->line(drawn.x, drawn.y, drawn.x + drawn.w, drawn.y + drawn.h,
                   kRule, drawn.colour);
      break;
    case Op::Kind::qr:
      draw_qr_code(canvas, QrCode::encode(drawn.text), drawn.x, drawn.y,
                   drawn.w);
      break;
    case Op::Kind::text:
      canvas->rotated_text(drawn.x, drawn.y, drawn.size, drawn.text,
                           drawn.colour, drawn.degrees);
      break;
  }
}

// A stretch [begin, end) of one page's drawing calls, the same on that page
// of every copy or not.
struct Stretch {
  std::size_t begin = 0, end = 0;
  bool shared = false;
  int form = -1;  // once drawn as a form
};

// How page n of the copies splits into shared and own stretches: one own
// stretch when the copies differ in pages or calls.
std::vector<Stretch> stretches_of(
    const std::vector<std::vector<DrawnPage>>& copies, std::size_t n) {
  const DrawnPage& first = copies.front()[n];
  std::vector<Stretch> stretches;
  for (const auto& copy : copies) {
    if (copy.size() != copies.front().size() ||
        copy[n].size() != first.size()) {
      stretches.push_back({0, first.size(), false});
      return stretches;
    }
  }
  for (std::size_t i = 0; i < first.size(); ++i) {
    bool same = true;
    for (const auto& copy : copies) same = same && copy[n][i] == first[i];
    if (stretches.empty() || stretches.back().shared != same) {
      stretches.push_back({i, i, same});
    }
    stretches.back().end = i + 1;
  }
  return stretches;
}

}  // namespace

double content_room(const DocumentTemplate& document) {
  const HeaderTemplate& header = document.header;
  double above = 0;
  if (!header.company.empty()) {
    above += header.company_size * (kHeaderAbove + kHeaderBelow);
  }
  if (!header.title.empty()) {
    above += header.title_size * (kHeaderAbove + kHeaderBelow);
  }
  if (header.qr) above = std::max(above, mm(header.qr_size + 1));
  above += kNumberSize * (kNumberAbove + kNumberBelow);

  const double below =
      document.footer.font_size * (kMostDescent + kFooterGap);
  return mm(document.page.height - document.page.margin_top -
            document.page.margin_bottom) - above - below;
}

int draw_document(const DocumentTemplate& document, FieldValues values,
                  const FontSet& fonts, PdfCanvas* canvas) {
  const int copies = std::max(static_cast<int>(document.copies.size()), 1);
  std::vector<std::vector<DrawnPage>> drawn(static_cast<std::size_t>(copies));
  for (int c = 0; c < copies; ++c) {
    const CopyTemplate* copy =
        document.copies.empty() ? nullptr : &document.copies[c];
    values.set_copy(c + 1, copies, copy != nullptr ? copy->label : "");
    Layout layout(document, &values, fonts);
    drawn[c] = resolve_pages(layout.run(copy), document, &values, fonts);
  }

  // What the copies of a multi-part form have in common (all but the copy
  // band and label, usually) is drawn once, as forms each copy's pages
  // show: the PDF is smaller and quicker to make and to print.
  std::vector<std::vector<Stretch>> pages;
  if (copies > 1) {
    for (std::size_t n = 0; n < drawn.front().size(); ++n) {
      pages.push_back(stretches_of(drawn, n));
    }
  }

  int count = 0;
  for (int c = 0; c < copies; ++c) {
    for (std::size_t n = 0; n < drawn[c].size(); ++n) {
      const DrawnPage& page = drawn[c][n];
      canvas->begin_page(mm(document.page.width), mm(document.page.height));
      ++count;
      if (n >= pages.size() || drawn[c].size() != drawn.front().size()) {
        for (const Drawn& call : page) draw(call, canvas);
        continue;
      }
      for (Stretch& stretch : pages[n]) {
        if (!stretch.shared) {
          for (std::size_t i = stretch.begin; i < stretch.end; ++i) {
            draw(page[i], canvas);
          }
          continue;
        }
        if (stretch.form < 0) {
          stretch.form = canvas->begin_form();
          for (std::size_t i = stretch.begin; i < stretch.end; ++i) {
            draw(page[i], canvas);
          }
          canvas->end_form();
        }
        canvas->place_form(stretch.form);
      }
    }
  }
  return count;
}

}  // namespace danju
