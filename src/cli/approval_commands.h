// `danju intake`, `danju serve` and `danju decide`: the ways an approver's
// answer comes in besides the nightly run.
#pragma once

#include <string>
#include <vector>

namespace danju {

// Each takes the arguments after the command name and returns the exit
// code; errors of the job file propagate as JobError.
int intake_command(const std::vector<std::string>& args);
int serve_command(const std::vector<std::string>& args);
int decide_command(const std::vector<std::string>& args);

}  // namespace danju
