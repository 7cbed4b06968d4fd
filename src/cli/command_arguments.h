// The words after a command word: one job file and options, some of which
// take a value (--month 2026-12, --out=FILE). Shared by the commands so
// that each says the same thing about the same mistake.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace danju {

struct CommandArguments {
  std::string job_file;
  std::map<std::string, std::string> values;  // "--out" -> "x.pdf"
  std::set<std::string> flags;                // "--json"

  // The value given for option, or fallback.
  std::string value(const std::string& option,
                    const std::string& fallback = "") const;
};

// Prints "danju: message" and the hint to see the usage on standard error;
// returns kExitUsage.
int usage_error(const std::string& message);

// Reads args for command: exactly one job file, options in with_value
// (each followed by its value, or written --option=value) and options in
// flags. On a mistake (an unknown option, a missing value, no job file or
// two) prints it with usage_error and returns nothing.
std::optional<CommandArguments> parse_command_arguments(
    const std::string& command, const std::vector<std::string>& args,
    const std::set<std::string>& with_value,
    const std::set<std::string>& flags = {});

}  // namespace danju
