#include "cli/main_command.h"

int main(int argc, char** argv) { return danju::main_command(argc, argv); }
