// Ingest an archive into a store, detect incidents, write the HTML report.
//   outage_report STORE.db REPORT.html FILE...
#include <bengle/classify.h>
#include <bengle/analysis.h>
#include <bengle/ingest.h>
#include <bengle/report.h>
#include <bengle/store.h>

#include <cstdio>
#include <fstream>

int main(int argc, char** argv) {
  if (argc < 4) return 1;
  auto store = bengle::BaselineStore::OpenSqlite(argv[1]);
  auto reader = bengle::PostReader::Open({argv + 3, argv + argc});
  auto normalizer = bengle::Normalizer::Create();
  auto classifier = bengle::Classifier::Create();
  if (!store.ok() || !reader.ok() || !normalizer.ok() || !classifier.ok()) return 2;
  bengle::PostBatch batch;
  bengle::ApplyStats applied;
  bengle::Post post;
  bengle::NormalizedText norm;
  bengle::Classification c;
  while ((*reader)->Next(&post)) {
    if (!(*normalizer)->Normalize(post.text, &norm).ok()) continue;
    (*classifier)->Classify(norm, &c, post.user);
    batch.Add(post.id, post.created_at, post.user, post.text, norm, c);
    if (batch.size() >= 10000) {
      if (!(*store)->Apply(batch, &applied).ok()) return 2;
      batch.Clear();
    }
  }
  if (!(*store)->Apply(batch, &applied).ok()) return 2;
  bengle::Analysis analysis;
  if (!bengle::Analyze(**store, 0, 0, {}, &analysis).ok()) return 2;
  const std::vector<bengle::Incident>& incidents = analysis.incidents;
  for (const bengle::Incident& i : incidents) {
    std::printf("%s", i.service.c_str());
    for (size_t k = 1; k < i.services.size(); ++k) std::printf("+%s", i.services[k].c_str());
    std::printf(" from %s, %lld complaints\n", bengle::FormatTime(i.start).c_str(),
                static_cast<long long>(i.complaints));
  }
  std::string html;
  if (!bengle::WriteHtmlReport(**store, analysis, {}, &html).ok()) return 2;
  std::ofstream(argv[2]) << html;
  std::printf("%zu incidents, %llu posts stored, report %s\n", incidents.size(),
              static_cast<unsigned long long>(applied.posts_new), argv[2]);
}
