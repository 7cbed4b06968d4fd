#include "cli/calibrate_command.h"

#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/command_arguments.h"
#include "core/file_io.h"
#include "core/identifier.h"
#include "jobs/job_config.h"
#include "pipeline/night_run.h"
#include "render/calibration_page.h"
#include "render/document_renderer.h"
#include "render/template_set.h"

namespace danju {

namespace {

std::string signed_mm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f", value);
  return text;
}

}  // namespace

int calibrate_command(const std::vector<std::string>& args) {
  const std::optional<CommandArguments> parsed = parse_command_arguments(
      "calibrate", args, {"--printer", "--kind", "--out"});
  if (!parsed) return kExitUsage;
  const std::string name = parsed->value("--printer");
  const std::string asked_kind = parsed->value("--kind");
  const std::string asked_out = parsed->value("--out");
  if (name.empty()) {
    return usage_error("calibrate needs --printer NAME (a [printers.NAME] "
                       "of the job)");
  }
  const JobConfig job = load_job(parsed->job_file);
  if (!is_safe_identifier(name)) {
    return usage_error("--printer " + name + ": a printer name is "
                       "letters, digits, - _ or .");
  }

  // The kind: as asked, else the one the job prints on this printer.
  DocumentKind kind = DocumentKind::shipment_note;
  if (!asked_kind.empty()) {
    if (!parse_document_kind(asked_kind, &kind)) {
      return usage_error("--kind " + asked_kind + " is not a kind of "
                         "document (contract, contract_approval, "
                         "order_sheet, shipment_note)");
    }
  } else {
    for (const auto& [assigned, printer] : job.preprinted) {
      if (printer == name) kind = assigned;
    }
  }

  PrinterSettings printer;
  printer.name = name;
  const auto known = job.printers.find(name);
  if (known != job.printers.end()) printer = known->second;

  const DocumentRenderer renderer(renderer_settings(job));
  const PreprintedTemplate* form = renderer.preprinted_template(kind);
  if (form == nullptr) {
    return usage_error(std::string("no pre-printed form template for ") +
                       document_kind_name(kind) + ": write " +
                       TemplateSet::preprinted_path(job.templates_folder,
                                                    kind));
  }
  const std::string out =
      !asked_out.empty()
          ? asked_out
          : job.output_folder + "/calibration/calibration-" + printer.name +
                "-" + document_kind_name(kind) + ".pdf";
  if (asked_out.empty()) make_directories(job.output_folder + "/calibration");
  write_file_atomic(out, renderer.render_calibration_pdf(
                             kind, printer.name,
                             {printer.offset_x_mm, printer.offset_y_mm}));

  const CalibrationMark mark = calibration_marks(*form).front();
  const std::string ox = signed_mm(printer.offset_x_mm);
  const std::string oy = signed_mm(printer.offset_y_mm);
  std::cout << "Calibration page for printer " << printer.name << ", "
            << document_kind_name(kind) << " on " << form->width << "x"
            << form->height << " mm forms (" << form->file << ")\n"
            << "  written:  " << out << " (2 pages)\n"
            << "  offsets:  x " << ox << " mm, y " << oy << " mm"
            << (known == job.printers.end()
                    ? " (the printer is not in the job file yet)"
                    : "")
            << "\n"
            << "How to measure:\n"
            << "  1. Print page 1 on a blank form with this printer, fed as "
               "for real papers.\n"
            << "  2. Measure the centre of crosshair " << mark.name
            << ": X mm from the paper's left edge, Y mm from its top edge."
               "\n     It belongs at X = " << mark.x << ", Y = " << mark.y
            << ".\n"
            << "  3. Write the new offsets in " << job.file << ":\n"
            << "       [printers." << printer.name << "]\n"
            << "       offset_x_mm = " << ox << " + (" << mark.x
            << " - X)\n"
            << "       offset_y_mm = " << oy << " + (" << mark.y
            << " - Y)\n"
            << "  4. Print the page again: the crosshairs should sit at "
               "their marks and the blue boxes in the form's cells.\n"
            << "     Crosshairs B, C, D off by other amounts than A mean "
               "skewed paper: set the paper guide first.\n";
  return kExitOk;
}

}  // namespace danju
