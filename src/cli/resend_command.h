// `danju resend JOB.toml (--mail MESSAGE-ID | --all)`: mail the server
// refused for good (a full mailbox since emptied, an address since
// corrected in the server's alias table) is queued again and delivered at
// once. Digests are not: a refused digest's papers already went into the
// next night's digest.
#pragma once

#include <string>
#include <vector>

namespace danju {

// Takes the arguments after the command word and returns the exit code:
// kExitOk when every mail queued again was delivered, kExitMailPending
// when some still wait or were refused again, kExitUsage for a bad command
// line or a message id that names no refused mail, kExitLocked while a
// night run holds the job. Job and database errors propagate for
// main_command to report.
int resend_command(const std::vector<std::string>& args);

}  // namespace danju
