// bengle classify: one JSON object per readable post, in input order.
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <thread>

#include "bengle/classify.h"
#include "bengle/normalize.h"
#include "bengle/pipeline.h"
#include "cli_common.h"
#include "cli_commands.h"

namespace bengle::cli {
namespace {

using namespace std::string_view_literals;  // append() of a literal without strlen

// One post's line of `bengle classify` output (README "Interfaces", plus causes).
void AppendClassificationJson(const Post& post, const NormalizedText& norm, const Classification& cls, bool with_text,
                              const Explanation* why, std::string* out) {
  std::string& b = *out;
  char num[32];
  b.append("{\"id\":"sv);
  AppendJsonString(post.id, &b);
  b.append(",\"services\":["sv);
  for (size_t k = 0; k < cls.services.size(); ++k) {
    if (k > 0) b.push_back(',');
    AppendJsonString(cls.services[k], &b);
  }
  b.append("],\"service_names\":"sv);
  AppendJsonArray(cls.service_names, &b);
  b.append(",\"categories\":["sv);
  for (size_t k = 0; k < cls.categories.size(); ++k) {
    if (k > 0) b.push_back(',');
    b.append("{\"name\":"sv);
    AppendJsonString(cls.categories[k].name, &b);
    std::snprintf(num, sizeof num, ",\"score\":%.2f}", cls.categories[k].score);
    b.append(num);
  }
  b.append("],\"complaint\":"sv);
  b.append(cls.complaint ? "true"sv : "false"sv);
  b.append(",\"negated\":"sv);
  b.append(cls.negated ? "true"sv : "false"sv);
  b.append(",\"recovery\":"sv);
  b.append(cls.recovery ? "true"sv : "false"sv);
  b.append(",\"official\":"sv);
  b.append(cls.official ? "true"sv : "false"sv);
  b.append(",\"hashtags\":["sv);
  thread_local std::vector<std::string_view> tags;
  tags.clear();
  for (const Hashtag& h : norm.hashtags) {
    if (std::find(tags.begin(), tags.end(), h.name) != tags.end()) continue;
    if (!tags.empty()) b.push_back(',');
    tags.push_back(h.name);
    AppendJsonString(h.name, &b);
  }
  b.append("],\"causes\":["sv);
  for (size_t k = 0; k < cls.causes.size(); ++k) {
    if (k > 0) b.push_back(',');
    AppendJsonString(cls.causes[k], &b);
  }
  b.push_back(']');
  if (with_text) {
    b.append(",\"text\":"sv);
    AppendJsonString(norm.own_text, &b);
  }
  if (why != nullptr) {
    b.append(",\"explain\":{\"decisions\":["sv);
    for (size_t k = 0; k < why->decisions.size(); ++k) {
      if (k > 0) b.push_back(',');
      AppendJsonString(why->decisions[k], &b);
    }
    b.append("],\"rules\":["sv);
    for (size_t k = 0; k < why->hits.size(); ++k) {
      const Explanation::Hit& h = why->hits[k];
      if (k > 0) b.push_back(',');
      b.append("{\"rule\":"sv);
      AppendJsonString(h.rule, &b);
      b.append(",\"kind\":"sv);
      AppendJsonString(h.kind, &b);
      b.append(",\"id\":"sv);
      AppendJsonString(h.id, &b);
      b.append(",\"segment\":"sv);
      AppendJsonString(h.segment, &b);
      b.append(",\"match\":"sv);
      AppendJsonString(h.text, &b);
      b.append(h.counted ? ",\"counted\":true}"sv : ",\"counted\":false}"sv);
    }
    b.append("]}"sv);
  }
  b.append("}\n"sv);
}

}  // namespace

void RegisterClassify(CLI::App& root, int* exit_code) {
  auto own = std::make_shared<CommandState>();
  CommandState& state = *own;
  CLI::App* app = root.add_subcommand("classify", "Classify posts: one JSON object per post on stdout");
  state.input.Register(app);
  app->add_flag("--text", state.with_text, "Also print the normalized own text as \"text\"");
  app->add_flag("--explain", state.explain,
                "Also print \"explain\": the lexicon rules (file:line) that matched and why each flag was set");
  app->add_option("--lexicon", state.lexicon_dir, "Folder of classifier lexicon files (*.lex); default: the installed data/lexicon");
  AddThreadsOption(app, state);
  app->callback([exit_code, own] { *exit_code = RunClassify(*own); });
}

int RunClassify(CommandState state) {
  ReadOptions ro;
  if (!state.input.ToReadOptions("classify", &ro)) return kExitUsage;
  Result<std::unique_ptr<PostReader>> reader = PostReader::Open(state.input.files, ro);
  if (!reader.ok()) {
    std::fprintf(stderr, "bengle classify: %s\n", reader.status().message().c_str());
    return reader.status().code() == Status::Code::kInvalidArgument ? kExitUsage : kExitInput;
  }
  Result<std::unique_ptr<Normalizer>> normalizer = Normalizer::Create();
  if (!normalizer.ok()) {
    std::fprintf(stderr, "bengle classify: %s\n", normalizer.status().ToString().c_str());
    return kExitInput;
  }
  ClassifierOptions co;
  if (!state.lexicon_dir.empty()) co.lexicon_dir = state.lexicon_dir;
  co.build_threads =
      state.threads > 0 ? state.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // The classifier is built while the first posts are read (the pipeline's
  // prepare stage); a lexicon that does not load stops the run before any
  // output.
  std::unique_ptr<Classifier> classifier;
  const bool with_text = state.with_text;
  const Normalizer* norm_ptr = normalizer->get();
  const bool explain = state.explain;
  PipelineStages stages{.normalizer = normalizer->get(), .classifier = nullptr, .aggregate = false};
  stages.prepare = [&co, &classifier, &stages]() -> Status {
    Result<std::unique_ptr<Classifier>> made = Classifier::Create(co);
    if (!made.ok()) return made.status();
    classifier = std::move(*made);
    stages.classifier = classifier.get();
    return Status::OK();
  };
  // Runs on the worker threads: the JSON line of one post.
  stages.format = [with_text, explain, &stages, norm_ptr](const Post& post, const NormalizedText& norm,
                                                         const Classification& cls, std::string* out) {
    if (!explain) return AppendClassificationJson(post, norm, cls, with_text, nullptr, out);
    // Classified again, the same way, recording the rules.
    thread_local Explanation why;
    thread_local Classification again;
    stages.classifier->Classify(norm, &again,
                                post.user.empty() ? std::string() : norm_ptr->NormalizeString(post.user), &why);
    AppendClassificationJson(post, norm, again, with_text, &why, out);
  };
  Out out;
  // On a pipe or terminal every chunk is passed on as soon as it is ready (a
  // live feed's consumer sees each post within a chunk); into a file, output
  // is written in large blocks.
  struct stat st;
  const bool to_file = ::fstat(1, &st) == 0 && S_ISREG(st.st_mode);
  // The ordered stage: lines in input order.
  stages.sink = [&out, to_file](PipelineChunk& chunk) {
    out.buf().append(chunk.text);
    if (to_file) {
      out.MaybeFlush();
    } else {
      out.Flush();
      std::fflush(stdout);
    }
    return Status::OK();
  };
  Status run = RunPipeline(**reader, stages, PipelineOptions{.threads = state.threads});
  if (!run.ok() && !classifier) {  // the lexicon did not load
    std::fprintf(stderr, "bengle classify: %s\n", run.message().c_str());
    return kExitInput;
  }
  if (!run.ok()) {
    std::fprintf(stderr, "bengle classify: %s\n", run.ToString().c_str());
    return kExitInput;
  }
  out.Flush();
  return FinishReading("classify", **reader);
}

}  // namespace bengle::cli
