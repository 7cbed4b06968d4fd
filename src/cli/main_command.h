// The danju command line: dispatches to run, status and the other commands.
#pragma once

namespace danju {

// Parses argv, runs the command, returns the process exit code (see
// cli/exit_codes.h). Never throws.
int main_command(int argc, char** argv);

}  // namespace danju
