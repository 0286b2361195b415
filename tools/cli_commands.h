// The bengle subcommands.
#ifndef BENGLE_TOOLS_CLI_COMMANDS_H_
#define BENGLE_TOOLS_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli_common.h"

namespace bengle::cli {

struct CommandState {
  InputFlags input;
  bool with_text = false;
  std::string lexicon_dir;
  int exit_code = kExitOk;
};

void RegisterClassify(CLI::App& root, CommandState& state);
int RunClassify(CommandState& state);
void RegisterSegment(CLI::App& root, CommandState& state);
void RegisterStoreCommands(CLI::App& root, CommandState& state);
void RegisterSeries(CLI::App& root, CommandState& state);

}  // namespace bengle::cli

#endif  // BENGLE_TOOLS_CLI_COMMANDS_H_
