#include "cli/main_command.h"

#include <iostream>

namespace danju {

int main_command(int argc, char** argv) {
  std::cerr << "danju: not ready\n";
  return 2;
}

}  // namespace danju
