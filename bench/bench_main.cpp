// danju-bench: Danju's speed figures, printed for the README.
//
//   danju-bench [--anchor FOLDER [--anchor-orders N]] [--mail N]
//               [--intake N] [--verify N [--verify-also DANJU]]
//               [--no-kinds] [N ...]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_support.h"

namespace {

const char kHelp[] =
    "usage: danju-bench [--anchor FOLDER] [--anchor-orders N] [--mail N]\n"
    "                   [--intake N] [--verify N [--verify-also DANJU]]\n"
    "                   [--no-kinds] [N ...]\n"
    "\n"
    "Prints how fast Danju makes its papers, on synthetic orders:\n"
    "  - each kind of document rendered on one thread and on every core\n"
    "    (left out with --no-kinds);\n"
    "  - with --anchor, the anchor harness's ReportLab program and Danju\n"
    "    side by side on the same orders (made by FOLDER/orders.py, 500\n"
    "    unless --anchor-orders says otherwise), and FOLDER/verify.py over\n"
    "    a sample of Danju's files;\n"
    "  - with --mail, N messages with a PDF attachment sent to a local SMTP\n"
    "    test server by Python's smtplib and by Danju's outbox;\n"
    "  - with --intake, N approvers' replies read from a local dovecot POP3\n"
    "    server and decided, after a night that asked for them;\n"
    "  - with --verify, `danju verify` over N filed documents made for it,\n"
    "    beside cat and sha256sum of the same files (and beside another\n"
    "    danju binary's verify with --verify-also);\n"
    "  - for each N, a whole night of N orders against a local SMTP test\n"
    "    server (default: 1000 10000; give 0 for none).\n";

}  // namespace

int main(int argc, char** argv) {
  std::string anchor;
  int anchor_orders = 500;
  int mails = 0;
  int replies = 0;
  int verified = 0;
  std::string other_danju;
  bool kinds = true;
  std::vector<int> nights;
  bool nights_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kHelp, stdout);
      return 0;
    }
    if ((arg == "--anchor" || arg == "--anchor-orders" || arg == "--mail" ||
         arg == "--intake" || arg == "--verify" ||
         arg == "--verify-also") &&
        i + 1 < argc) {
      if (arg == "--anchor") {
        anchor = argv[++i];
      } else if (arg == "--mail") {
        mails = std::atoi(argv[++i]);
      } else if (arg == "--intake") {
        replies = std::atoi(argv[++i]);
      } else if (arg == "--verify") {
        verified = std::atoi(argv[++i]);
      } else if (arg == "--verify-also") {
        other_danju = argv[++i];
      } else {
        anchor_orders = std::atoi(argv[++i]);
      }
      continue;
    }
    if (arg == "--no-kinds") {
      kinds = false;
      continue;
    }
    char* end = nullptr;
    const long n = std::strtol(arg.c_str(), &end, 10);
    if (arg.empty() || *end != '\0' || n < 0) {
      std::fprintf(stderr, "danju-bench: unknown argument \"%s\"\n\n%s",
                   arg.c_str(), kHelp);
      return 2;
    }
    nights_given = true;
    if (n > 0) nights.push_back(static_cast<int>(n));
  }
  if (!nights_given) nights = {1000, 10000};

  if (kinds) bench::render_kinds();
  if (!anchor.empty() && anchor_orders > 0) {
    bench::beside_anchor(anchor, anchor_orders);
  }
  if (mails > 0) bench::mail_rate(mails);
  if (replies > 0) bench::intake_rate(replies);
  if (verified > 0) bench::verify_rate(verified, other_danju);
  for (int count : nights) bench::whole_night(count);
  return 0;
}
