#include "archive/trail_page.h"

#include <string>
#include <vector>

#include "render/line_breaker.h"
#include "render/pdf_canvas.h"

namespace danju {

namespace {

constexpr double kPageWidth = 595.28;  // A4
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56;
constexpr double kLabelWidth = 64;
constexpr double kTextSize = 10;
constexpr double kLineGap = 15;

const Colour kGrey{0.45, 0.45, 0.45};

// Draws label-and-value lines down the page, starting a continued page
// when the next block would run past the bottom margin.
class TrailWriter {
 public:
  TrailWriter(const FontSet& fonts, PdfCanvas& canvas)
      : fonts_(fonts), canvas_(canvas) {}

  void new_page(const std::string& heading) {
    canvas_.begin_page(kPageWidth, kPageHeight);
    y_ = kPageHeight - kMargin - 16;
    const double width = fonts_.width(heading, 16);
    canvas_.text((kPageWidth - width) / 2, y_, 16, heading);
    y_ -= 12;
    canvas_.line(kMargin, y_, kPageWidth - kMargin, y_, 0.8);
    y_ -= 22;
  }

  // Lines a field takes once wrapped; at least one.
  std::vector<std::string> wrap(const std::string& value, double size) const {
    const double room = kPageWidth - 2 * kMargin - kLabelWidth;
    std::vector<std::string> lines = break_lines(fonts_, value, size, room);
    if (lines.empty()) lines.push_back("—");
    return lines;
  }

  bool fits(int lines) const {
    return y_ - lines * kLineGap >= kMargin;
  }

  void field(const std::string& label, const std::string& value,
             double size = kTextSize) {
    canvas_.text(kMargin, y_, kTextSize, label, kGrey);
    for (const std::string& line : wrap(value, size)) {
      canvas_.text(kMargin + kLabelWidth, y_, size, line);
      y_ -= kLineGap;
    }
  }

  void heading(const std::string& text) {
    canvas_.text(kMargin, y_, 12, text);
    y_ -= kLineGap + 3;
  }

  void rule() {
    y_ += 6;
    canvas_.line(kMargin, y_, kPageWidth - kMargin, y_, 0.3, kGrey);
    y_ -= 14;
  }

 private:
  const FontSet& fonts_;
  PdfCanvas& canvas_;
  double y_ = 0;
};

struct Field {
  std::string label;
  std::string value;
};

std::string approver_text(const TrailStep& step) {
  std::string text = step.approver_name + " <" + step.approver_email + ">";
  // A deputy or a delegate may have answered in the approver's place.
  if (!step.decided_by.empty() && step.decided_by != step.approver_email) {
    const std::string who =
        step.decided_by_name.empty() ? step.decided_by
                                     : step.decided_by_name + " <" +
                                           step.decided_by + ">";
    text += "，由 " + who + " 决定";
  }
  return text;
}

std::vector<Field> step_fields(const TrailStep& step) {
  return {
      {"审批人", approver_text(step)},
      {"决定", step.decision},
      {"时间", step.decided_at.empty() ? "—" : step.decided_at},
      {"方式", step.how_title.empty() ? "—" : step.how_title},
      {"凭据", step.evidence.empty() ? "—" : step.evidence},
  };
}

}  // namespace

std::string render_trail_pdf(const FontSet& fonts, const ApprovalTrail& trail) {
  PdfCanvas canvas(fonts);
  DocumentInfo info;
  info.title = "审批记录 " + trail.document_no;
  info.subject = trail.kind_title;
  info.date = trail.business_date;
  canvas.set_info(info);

  TrailWriter writer(fonts, canvas);
  writer.new_page("审批记录");
  writer.field("单据编号", trail.document_no);
  writer.field("单据种类", trail.kind_title);
  writer.field("订单", trail.order_no + "（第 " +
                           std::to_string(trail.order_version) + " 版）");
  writer.field("业务日期", trail.business_date);
  // 64 hex digits fit one line at 9 points.
  writer.field("SHA-256", trail.sha256, 9);
  writer.rule();

  if (trail.steps.empty()) {
    writer.field("审批", "本单据无需审批，开具即为定稿。");
  }
  for (const TrailStep& step : trail.steps) {
    const std::vector<Field> fields = step_fields(step);
    int lines = 2;
    for (const Field& field : fields) {
      lines += static_cast<int>(writer.wrap(field.value, kTextSize).size());
    }
    if (!writer.fits(lines)) writer.new_page("审批记录（续）");
    writer.heading("第 " + std::to_string(step.step) + " 步  " + step.title);
    for (const Field& field : fields) writer.field(field.label, field.value);
    writer.rule();
  }
  return canvas.finish();
}

}  // namespace danju
