#include "cli/command_arguments.h"

#include <iostream>

#include "pipeline/night_run.h"

namespace danju {

std::string CommandArguments::value(const std::string& option,
                                    const std::string& fallback) const {
  const auto found = values.find(option);
  return found == values.end() ? fallback : found->second;
}

int usage_error(const std::string& message) {
  std::cerr << "danju: " << message << "\n(danju help shows the usage)\n";
  return kExitUsage;
}

std::optional<CommandArguments> parse_command_arguments(
    const std::string& command, const std::vector<std::string>& args,
    const std::set<std::string>& with_value,
    const std::set<std::string>& flags) {
  CommandArguments parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const std::size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    if (arg.rfind("--", 0) == 0 && with_value.count(name)) {
      std::string value;
      if (equals != std::string::npos) {
        value = arg.substr(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      }
      if (value.empty()) {
        usage_error(name + " needs a value");
        return std::nullopt;
      }
      parsed.values[name] = value;
    } else if (flags.count(arg)) {
      parsed.flags.insert(arg);
    } else if (!arg.empty() && arg[0] == '-') {
      usage_error("unknown option " + arg);
      return std::nullopt;
    } else if (parsed.job_file.empty()) {
      parsed.job_file = arg;
    } else {
      usage_error(command + " takes one job file");
      return std::nullopt;
    }
  }
  if (parsed.job_file.empty()) {
    usage_error(command + " needs a job file");
    return std::nullopt;
  }
  return parsed;
}

}  // namespace danju
