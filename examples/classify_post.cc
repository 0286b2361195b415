// Classify one post and print what bengle sees in it.
//   example_classify_post "#微信崩了# 图片发不出去，大图点不开"
#include <bengle/classify.h>
#include <bengle/normalize.h>

#include <cstdio>

int main(int argc, char** argv) {
  const char* text = argc > 1 ? argv[1] : "#微信崩了# 图片发不出去，大图点不开";
  auto normalizer = bengle::Normalizer::Create();
  auto classifier = bengle::Classifier::Create();
  if (!normalizer.ok() || !classifier.ok()) {
    std::fprintf(stderr, "%s\n", (normalizer.ok() ? classifier.status() : normalizer.status()).ToString().c_str());
    return 2;
  }
  bengle::NormalizedText norm;
  if (bengle::Status s = (*normalizer)->Normalize(text, &norm); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  bengle::Classification c;
  (*classifier)->Classify(norm, &c);
  std::printf("text: %s\n", norm.text.c_str());
  for (const std::string& s : c.services) std::printf("service: %s\n", s.c_str());
  for (const auto& cat : c.categories) std::printf("category: %s %.2f\n", cat.name.c_str(), cat.score);
  for (const auto& h : norm.hashtags) std::printf("hashtag: %s\n", h.name.c_str());
  std::printf("complaint=%d negated=%d recovery=%d official=%d\n", c.complaint, c.negated, c.recovery, c.official);
  return 0;
}
