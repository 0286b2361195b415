// Webhook (webhook.h) on libcurl, loaded when the first webhook is made.
//
// libcurl is not linked: with its dependencies (TLS, Kerberos, LDAP, SSH,
// ...: 30 shared libraries) it made every start of the program 7 ms slower
// (a program linking the same libraries starts in 11.8 ms with it, 4.5 ms
// without; perf stat, 30 runs), for `watch --webhook` alone. Its header
// gives the types and constants; the functions come from dlopen/dlsym.
#include "webhook.h"

#include <curl/curl.h>
#include <dlfcn.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>

namespace bengle::cli {
namespace {

// The libcurl functions the webhook calls.
struct CurlApi {
  CURLcode (*global_init)(long);
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  void (*easy_cleanup)(CURL*);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

// Loads libcurl once (never unloaded). *error says why not, when it fails.
const CurlApi* LoadCurl(std::string* error) {
  static std::string why;
  static const CurlApi* api = []() -> const CurlApi* {
    void* lib = nullptr;
    // The names Debian's libcurl packages (OpenSSL, GnuTLS, NSS) give it.
    for (const char* name : {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4"}) {
      if ((lib = ::dlopen(name, RTLD_NOW | RTLD_LOCAL)) != nullptr) break;
      if (why.empty()) why = ::dlerror();
    }
    if (lib == nullptr) return nullptr;
    static CurlApi loaded;
    bool ok = true;
    auto get = [&](auto*& fn, const char* symbol) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(lib, symbol));
      if (fn == nullptr && ok) {
        ok = false;
        why = std::string("libcurl has no ") + symbol;
      }
    };
    get(loaded.global_init, "curl_global_init");
    get(loaded.easy_init, "curl_easy_init");
    get(loaded.easy_setopt, "curl_easy_setopt");
    get(loaded.easy_perform, "curl_easy_perform");
    get(loaded.easy_getinfo, "curl_easy_getinfo");
    get(loaded.easy_strerror, "curl_easy_strerror");
    get(loaded.easy_cleanup, "curl_easy_cleanup");
    get(loaded.slist_append, "curl_slist_append");
    get(loaded.slist_free_all, "curl_slist_free_all");
    if (!ok) return nullptr;
    if (loaded.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      why = "curl_global_init failed";
      return nullptr;
    }
    return &loaded;
  }();
  if (api == nullptr) *error = "libcurl could not be loaded: " + why;
  return api;
}

}  // namespace

struct Webhook::Impl {
  WebhookOptions options;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::string> queue;
  bool closing = false;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::atomic<uint64_t> delivered{0}, failed{0}, dropped{0};
  std::thread worker;
  const CurlApi* curl_api = nullptr;
  std::string no_curl;  // why curl_api is null

  // Sleeps up to `d`; false when the close deadline passed meanwhile.
  bool Wait(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu);
    const auto until = std::min(std::chrono::steady_clock::now() + d, deadline);
    cv.wait_until(lock, until, [&] { return std::chrono::steady_clock::now() >= deadline; });
    return std::chrono::steady_clock::now() < deadline;
  }

  // One POST: "" when the endpoint took it (2xx), else why not.
  std::string Send(CURL* curl, const std::string& body) {
    const CurlApi& c = *curl_api;
    c.easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    c.easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    char error[CURL_ERROR_SIZE] = "";
    c.easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = c.easy_perform(curl);
    if (rc != CURLE_OK) return error[0] ? error : c.easy_strerror(rc);
    long code = 0;
    c.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 200 && code < 300) return "";
    return "HTTP " + std::to_string(code);
  }

  void Run() {
    CURL* curl = curl_api != nullptr ? curl_api->easy_init() : nullptr;
    curl_slist* headers = curl != nullptr ? curl_api->slist_append(nullptr, "Content-Type: application/json") : nullptr;
    if (curl != nullptr) {
      const CurlApi& c = *curl_api;
      c.easy_setopt(curl, CURLOPT_URL, options.url.c_str());
      c.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
      c.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
      c.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout_seconds * 1000));
      c.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.timeout_seconds * 1000));
      c.easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) { return size * n; });
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
      std::string why = curl_api == nullptr ? no_curl : curl == nullptr ? "libcurl could not start" : "";
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
    if (headers != nullptr) curl_api->slist_free_all(headers);
    if (curl != nullptr) curl_api->easy_cleanup(curl);
  }
};

Webhook::Webhook(const WebhookOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->curl_api = LoadCurl(&impl_->no_curl);
  if (impl_->curl_api == nullptr) std::fprintf(stderr, "bengle watch: webhook: %s\n", impl_->no_curl.c_str());
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
