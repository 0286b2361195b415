// The bengle subcommands.
#ifndef BENGLE_TOOLS_CLI_COMMANDS_H_
#define BENGLE_TOOLS_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli_common.h"

namespace bengle::cli {

struct CommandState {
  InputFlags input;
  bool with_text = false;
  bool explain = false;  // classify --explain
  std::string lexicon_dir;
  int threads = 0;  // --threads: 0 = one per core
  int exit_code = kExitOk;
};

// Adds --threads N (worker threads of the pipeline, see bengle/pipeline.h).
void AddThreadsOption(CLI::App* app, CommandState& state);

void RegisterClassify(CLI::App& root, CommandState& state);
int RunClassify(CommandState& state);
void RegisterSegment(CLI::App& root, CommandState& state);
void RegisterStoreCommands(CLI::App& root, CommandState& state);
void RegisterSeries(CLI::App& root, CommandState& state);

}  // namespace bengle::cli

#endif  // BENGLE_TOOLS_CLI_COMMANDS_H_
