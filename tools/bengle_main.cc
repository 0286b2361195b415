// bengle: outage signals from Chinese social-media posts (command line).
#include <CLI/CLI.hpp>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli_commands.h"

int main(int argc, char** argv) {
  using namespace bengle::cli;
#ifdef __GLIBC__
  // The worker threads' malloc arenas otherwise grow by a page run at a time
  // and give memory back as soon as it is free: `ingest --threads 2` made
  // ~20 mprotect calls per 1,000 posts, and the pages came back as faults.
  // Grown 16 MB at a time and kept up to 32 MB free: ~2 per 1,000 posts
  // (strace -c, 300k generated posts).
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
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
