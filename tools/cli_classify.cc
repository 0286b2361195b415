// bengle classify: one JSON object per readable post, in input order.
#include <algorithm>

#include "bengle/classify.h"
#include "bengle/normalize.h"
#include "cli_common.h"
#include "cli_commands.h"

namespace bengle::cli {
void RegisterClassify(CLI::App& root, CommandState& state) {
  CLI::App* app = root.add_subcommand("classify", "Classify posts: one JSON object per post on stdout");
  state.input.Register(app);
  app->add_flag("--text", state.with_text, "Also print the normalized own text as \"text\"");
  app->add_option("--lexicon", state.lexicon_dir, "Folder of classifier lexicon files (*.lex); default: the installed data/lexicon");
  app->callback([&state] { state.exit_code = RunClassify(state); });
}

int RunClassify(CommandState& state) {
  ReadOptions ro;
  if (!state.input.ToReadOptions("classify", &ro)) return kExitUsage;
  Result<std::unique_ptr<PostReader>> reader = PostReader::Open(state.input.files, ro);
  if (!reader.ok()) {
    std::fprintf(stderr, "bengle classify: %s\n", reader.status().message().c_str());
    return kExitInput;
  }
  Result<std::unique_ptr<Normalizer>> normalizer = Normalizer::Create();
  if (!normalizer.ok()) {
    std::fprintf(stderr, "bengle classify: %s\n", normalizer.status().ToString().c_str());
    return kExitInput;
  }
  ClassifierOptions co;
  if (!state.lexicon_dir.empty()) co.lexicon_dir = state.lexicon_dir;
  Result<std::unique_ptr<Classifier>> classifier = Classifier::Create(co);
  if (!classifier.ok()) {
    std::fprintf(stderr, "bengle classify: %s\n", classifier.status().message().c_str());
    return kExitInput;
  }
  Post post;
  NormalizedText norm;
  Classification cls;
  std::string author;
  char num[32];
  Out out;
  std::vector<std::string_view> tags;
  while ((*reader)->Next(&post)) {
    Status st = (*normalizer)->Normalize(post.text, &norm);
    if (!st.ok()) continue;  // the reader validated UTF-8; cannot happen
    std::string& b = out.buf();
    b.append("{\"id\":");
    AppendJsonString(post.id, &b);
    author = post.user.empty() ? std::string() : (*normalizer)->NormalizeString(post.user);
    (*classifier)->Classify(norm, &cls, author);
    b.append(",\"services\":[");
    for (size_t k = 0; k < cls.services.size(); ++k) {
      if (k > 0) b.push_back(',');
      AppendJsonString(cls.services[k], &b);
    }
    b.append("],\"categories\":[");
    for (size_t k = 0; k < cls.categories.size(); ++k) {
      if (k > 0) b.push_back(',');
      b.append("{\"name\":");
      AppendJsonString(cls.categories[k].name, &b);
      std::snprintf(num, sizeof num, ",\"score\":%.2f}", cls.categories[k].score);
      b.append(num);
    }
    b.append("],\"complaint\":");
    b.append(cls.complaint ? "true" : "false");
    b.append(",\"negated\":");
    b.append(cls.negated ? "true" : "false");
    b.append(",\"recovery\":");
    b.append(cls.recovery ? "true" : "false");
    b.append(",\"official\":");
    b.append(cls.official ? "true" : "false");
    b.append(",\"hashtags\":[");
    tags.clear();
    for (const Hashtag& h : norm.hashtags) {
      if (std::find(tags.begin(), tags.end(), h.name) != tags.end()) continue;
      if (!tags.empty()) b.push_back(',');
      tags.push_back(h.name);
      AppendJsonString(h.name, &b);
    }
    b.append("],\"causes\":[");
    for (size_t k = 0; k < cls.causes.size(); ++k) {
      if (k > 0) b.push_back(',');
      AppendJsonString(cls.causes[k], &b);
    }
    b.push_back(']');
    if (state.with_text) {
      b.append(",\"text\":");
      AppendJsonString(norm.own_text, &b);
    }
    b.append("}\n");
    out.MaybeFlush();
  }
  out.Flush();
  return FinishReading("classify", **reader);
}

}  // namespace bengle::cli
