// bengle classify: one JSON object per readable post, in input order.
#include <algorithm>

#include "bengle/classify.h"
#include "bengle/normalize.h"
#include "bengle/pipeline.h"
#include "cli_common.h"
#include "cli_commands.h"

namespace bengle::cli {
namespace {

// One post's line of `bengle classify` output (INTERFACES.md, plus causes).
void AppendClassificationJson(const Post& post, const NormalizedText& norm, const Classification& cls, bool with_text,
                              std::string* out) {
  std::string& b = *out;
  char num[32];
  b.append("{\"id\":");
  AppendJsonString(post.id, &b);
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
  thread_local std::vector<std::string_view> tags;
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
  if (with_text) {
    b.append(",\"text\":");
    AppendJsonString(norm.own_text, &b);
  }
  b.append("}\n");
}

}  // namespace

void RegisterClassify(CLI::App& root, CommandState& state) {
  CLI::App* app = root.add_subcommand("classify", "Classify posts: one JSON object per post on stdout");
  state.input.Register(app);
  app->add_flag("--text", state.with_text, "Also print the normalized own text as \"text\"");
  app->add_option("--lexicon", state.lexicon_dir, "Folder of classifier lexicon files (*.lex); default: the installed data/lexicon");
  AddThreadsOption(app, state);
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
  const bool with_text = state.with_text;
  PipelineStages stages{.normalizer = normalizer->get(), .classifier = classifier->get(), .aggregate = false};
  // Runs on the worker threads: the JSON line of one post.
  stages.format = [with_text](const Post& post, const NormalizedText& norm, const Classification& cls,
                              std::string* out) { AppendClassificationJson(post, norm, cls, with_text, out); };
  Out out;
  // The ordered stage: lines in input order.
  stages.sink = [&out](PipelineChunk& chunk) {
    out.buf().append(chunk.text);
    out.MaybeFlush();
    return Status::OK();
  };
  Status run = RunPipeline(**reader, stages, PipelineOptions{.threads = state.threads});
  if (!run.ok()) {
    std::fprintf(stderr, "bengle classify: %s\n", run.ToString().c_str());
    return kExitInput;
  }
  out.Flush();
  return FinishReading("classify", **reader);
}

}  // namespace bengle::cli
