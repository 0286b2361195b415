// bengle: outage signals from Chinese social-media posts (command line).
#include <CLI/CLI.hpp>

#include "cli_commands.h"

int main(int argc, char** argv) {
  using namespace bengle::cli;
  CLI::App app{"bengle: outage signals from Chinese social-media posts"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "bengle 0.1.0");
  int exit_code = kExitOk;
  RegisterClassify(app, &exit_code);
  RegisterSegment(app, &exit_code);
  RegisterStoreCommands(app, &exit_code);
  RegisterSeries(app, &exit_code);
  RegisterWatch(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}
