// Stream posts through the detector and print alerts as they fire.
//   example_stream_alerts FILE...   (posts in time order, JSONL or CSV)
#include <bengle/aggregate.h>
#include <bengle/detect.h>
#include <bengle/ingest.h>
#include <bengle/classify.h>

#include <cstdio>

int main(int argc, char** argv) {
  auto reader = bengle::PostReader::Open({argv + 1, argv + argc});
  auto normalizer = bengle::Normalizer::Create();
  auto classifier = bengle::Classifier::Create();
  if (!reader.ok() || !normalizer.ok() || !classifier.ok()) return 2;
  bengle::StreamAggregator stream;  // closes 5-minute buckets 10 minutes late
  bengle::Detector detector;
  bengle::Post post;
  bengle::NormalizedText norm;
  bengle::Classification c;
  int alerts = 0;
  auto report = [&] {
    bengle::FeedDetector(stream.TakeClosed(), &detector);
    for (const bengle::DetectorEvent& e : detector.TakeEvents()) {
      const bengle::Incident& i = e.incident;
      if (e.kind == bengle::DetectorEvent::Kind::kOpen) {
        ++alerts;
        std::printf("ALERT %s at %s: outage since %s, top symptom %s\n", i.service.c_str(),
                    bengle::FormatTime(i.alarm).c_str(), bengle::FormatTime(i.start).c_str(),
                    i.categories.empty() ? "?" : i.categories[0].name.c_str());
      } else if (e.kind == bengle::DetectorEvent::Kind::kClose) {
        std::printf("over   %s at %s\n", i.service.c_str(), bengle::FormatTime(i.end).c_str());
      }
    }
  };
  while ((*reader)->Next(&post)) {
    if (!(*normalizer)->Normalize(post.text, &norm).ok()) continue;
    (*classifier)->Classify(norm, &c);
    bengle::PostBatch one;
    one.Add(post.id, post.created_at, post.user, post.text, norm, c);
    stream.Add(one);
    report();
  }
  stream.Flush();
  report();
  detector.Finish();
  std::printf("%d alert(s)\n", alerts);
  return 0;
}
