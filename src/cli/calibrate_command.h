// `danju calibrate JOB.toml --printer NAME [--kind KIND] [--out FILE]`
// makes the calibration page of a pre-printed form (render/calibration_page.h)
// for one printer, with the offsets the job gives it, and says how to
// measure the printed page and what to write in the job file.
//
// KIND defaults to the kind the job's [preprinted] assigns to the printer
// (shipment_note when it assigns none); FILE to
// <output>/calibration/calibration-<printer>-<kind>.pdf. A printer not yet
// in the job's [printers] is printed with offsets 0, for its first
// calibration. Changes no record.
#pragma once

#include <string>
#include <vector>

namespace danju {

// Takes the arguments after "calibrate" and returns the exit code: kExitOk
// when the page was written, kExitUsage for a bad command line, a kind
// without a pre-printed form template or a printer name that cannot be
// one. Job and template errors propagate as JobError and TemplateError,
// file errors as FileError.
int calibrate_command(const std::vector<std::string>& args);

}  // namespace danju
