// `danju status JOB.toml [--json]`: the approvals waiting for an answer.
#pragma once

#include <ostream>

#include "jobs/job_config.h"

namespace danju {

// Writes the open approval steps, longest waiting first, as a table or as
// JSON. Returns the exit code.
int print_status(const JobConfig& job, bool json, std::ostream& out);

}  // namespace danju
