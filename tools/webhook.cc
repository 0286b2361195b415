// Webhook (webhook.h) on libcurl.
#include "webhook.h"

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

namespace bengle::cli {

struct Webhook::Impl {
  WebhookOptions options;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::string> queue;
  bool closing = false;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::atomic<uint64_t> delivered{0}, failed{0}, dropped{0};
  std::thread worker;

  // Sleeps up to `d`; false when the close deadline passed meanwhile.
  bool Wait(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu);
    const auto until = std::min(std::chrono::steady_clock::now() + d, deadline);
    cv.wait_until(lock, until, [&] { return std::chrono::steady_clock::now() >= deadline; });
    return std::chrono::steady_clock::now() < deadline;
  }

  // One POST: "" when the endpoint took it (2xx), else why not.
  std::string Send(CURL* curl, const std::string& body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK) return error[0] ? error : curl_easy_strerror(rc);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 200 && code < 300) return "";
    return "HTTP " + std::to_string(code);
  }

  void Run() {
    CURL* curl = curl_easy_init();
    struct curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    if (curl != nullptr) {
      curl_easy_setopt(curl, CURLOPT_URL, options.url.c_str());
      curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout_seconds * 1000));
      curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.timeout_seconds * 1000));
      curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) { return size * n; });
    }
    for (;;) {
      std::string body;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return !queue.empty() || closing; });
        if (queue.empty()) break;
        if (std::chrono::steady_clock::now() >= deadline) {
          failed += queue.size();
          std::fprintf(stderr, "bengle watch: webhook: %zu events not delivered (stopping)\n", queue.size());
          queue.clear();
          break;
        }
        body = std::move(queue.front());
        queue.pop_front();
      }
      std::string why = curl == nullptr ? "libcurl could not start" : "";
      bool ok = false;
      for (int attempt = 0; curl != nullptr && attempt <= options.retries; ++attempt) {
        if (attempt > 0 && !Wait(std::chrono::milliseconds(500 << std::min(attempt - 1, 6)))) break;
        why = Send(curl, body);
        if (why.empty()) {
          ok = true;
          break;
        }
      }
      if (ok) {
        ++delivered;
      } else {
        ++failed;
        std::fprintf(stderr, "bengle watch: webhook %s: event not delivered: %s\n", options.url.c_str(), why.c_str());
      }
    }
    curl_slist_free_all(headers);
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

Webhook::Webhook(const WebhookOptions& options) : impl_(std::make_unique<Impl>()) {
  static const bool global = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)global;
  impl_->options = options;
  impl_->worker = std::thread([this] { impl_->Run(); });
}

Webhook::~Webhook() { Close(0); }

void Webhook::Post(std::string json) {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (impl_->closing) return;
    if (impl_->queue.size() >= impl_->options.queue) {
      ++impl_->dropped;
      std::fprintf(stderr, "bengle watch: webhook: queue full (%zu events), an event was dropped\n",
                   impl_->options.queue);
      return;
    }
    impl_->queue.push_back(std::move(json));
  }
  impl_->cv.notify_all();
}

void Webhook::Close(double grace_seconds) {
  if (!impl_->worker.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->closing = true;
    impl_->deadline = std::chrono::steady_clock::now() +
                      std::chrono::milliseconds(static_cast<int64_t>(std::max(0.0, grace_seconds) * 1000));
  }
  impl_->cv.notify_all();
  impl_->worker.join();
}

uint64_t Webhook::delivered() const { return impl_->delivered; }
uint64_t Webhook::failed() const { return impl_->failed; }
uint64_t Webhook::dropped() const { return impl_->dropped; }

}  // namespace bengle::cli
