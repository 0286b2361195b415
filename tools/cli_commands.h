// The bengle subcommands.
#ifndef BENGLE_TOOLS_CLI_COMMANDS_H_
#define BENGLE_TOOLS_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli_common.h"

namespace bengle::cli {

// Options shared by several commands; each command owns its own copy.
struct CommandState {
  InputFlags input;
  bool with_text = false;
  bool explain = false;  // classify --explain
  std::string lexicon_dir;
  int threads = 0;  // --threads: 0 = one per core
};

// Adds --threads N (worker threads of the pipeline, see bengle/pipeline.h).
void AddThreadsOption(CLI::App* app, CommandState& state);

// Each adds its subcommand(s); the one that runs puts its exit code in
// *exit_code.
void RegisterClassify(CLI::App& root, int* exit_code);
int RunClassify(CommandState state);
void RegisterSegment(CLI::App& root, int* exit_code);
void RegisterStoreCommands(CLI::App& root, int* exit_code);
void RegisterSeries(CLI::App& root, int* exit_code);
void RegisterWatch(CLI::App& root, int* exit_code);

}  // namespace bengle::cli

#endif  // BENGLE_TOOLS_CLI_COMMANDS_H_
