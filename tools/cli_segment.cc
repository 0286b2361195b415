// bengle segment: plain lines in, the same lines out as space-separated words.
#include <iostream>
#include <memory>
#include <string>

#include "bengle/normalize.h"
#include "bengle/segment.h"
#include "cli_commands.h"

namespace bengle::cli {

namespace {
struct SegmentFlags {
  std::vector<std::string> files;
  bool normalize = false;
  std::string general_dict = "<default>";
  std::vector<std::string> user_dicts;
  bool no_lexicon = false;
  bool no_icu = false;
  bool kinds = false;
};
int Run(SegmentFlags flags) {
  SegmenterOptions so;
  so.general_dictionary = flags.general_dict;
  if (flags.no_lexicon) so.lexicons.clear();
  for (const auto& d : flags.user_dicts) so.lexicons.push_back(d);
  so.icu_fallback = !flags.no_icu;
  auto seg = Segmenter::Create(so);
  if (!seg.ok()) {
    std::fprintf(stderr, "bengle segment: %s\n", seg.status().ToString().c_str());
    return kExitInput;
  }
  auto norm = Normalizer::Create();
  if (!norm.ok()) {
    std::fprintf(stderr, "bengle segment: %s\n", norm.status().ToString().c_str());
    return kExitInput;
  }
  if (flags.files.empty()) flags.files.push_back("-");
  Out out;
  std::vector<Token> tokens;
  std::string line;
  for (const std::string& path : flags.files) {
    FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      std::fprintf(stderr, "bengle segment: %s: cannot open\n", path.c_str());
      return kExitInput;
    }
    char* buf = nullptr;
    size_t cap = 0;
    ssize_t n;
    uint64_t line_no = 0;
    while ((n = ::getline(&buf, &cap, f)) >= 0) {
      ++line_no;
      line.assign(buf, static_cast<size_t>(n));
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      if (flags.normalize) line = (*norm)->NormalizeString(line);
      (*seg)->Segment(line, &tokens);
      std::string& b = out.buf();
      for (size_t k = 0; k < tokens.size(); ++k) {
        if (k > 0) b.push_back(' ');
        b.append(line, tokens[k].begin, tokens[k].end - tokens[k].begin);
        if (flags.kinds) {
          b.push_back('/');
          b.append(TokenKindName(tokens[k].kind));
        }
      }
      b.push_back('\n');
      out.MaybeFlush();
    }
    std::free(buf);
    if (f != stdin) std::fclose(f);
  }
  return kExitOk;
}
}  // namespace

void RegisterSegment(CLI::App& root, int* exit_code) {
  auto flags = std::make_shared<SegmentFlags>();
  CLI::App* app = root.add_subcommand(
      "segment", "Segment plain text lines into words separated by single spaces (one output line per input line)");
  app->add_option("FILE", flags->files, "Input text files, one sentence per line; none or '-' = standard input");
  app->add_flag("--normalize", flags->normalize, "Normalize each line first (NFKC, case folding, Traditional->Simplified)");
  app->add_option("--general-dict", flags->general_dict,
                  "General dictionary ('word freq [tag]' lines); default: jieba's dict.txt from python3-jieba; '' = none");
  app->add_option("--dict", flags->user_dicts, "Extra user dictionary files ('word [freq] [tag]' lines)");
  app->add_flag("--no-lexicon", flags->no_lexicon, "Do not load bengle's outage lexicon (data/dict)");
  app->add_flag("--no-icu-fallback", flags->no_icu, "Leave unknown characters single instead of asking ICU");
  app->add_flag("--kinds", flags->kinds, "Append /kind to every token (cjk, latin, number, hashtag, ...)");
  app->callback([exit_code, flags] { *exit_code = Run(*flags); });
}

}  // namespace bengle::cli
