// Posting alert events to a webhook (libcurl), off the ingest path.
#ifndef BENGLE_TOOLS_WEBHOOK_H_
#define BENGLE_TOOLS_WEBHOOK_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace bengle::cli {

struct WebhookOptions {
  std::string url;
  // Seconds one POST may take (connecting included). Default: 5.
  double timeout_seconds = 5;
  // Tries after the first failed one, waiting 0.5 s, 1 s, 2 s, ... between
  // them. Default: 3.
  int retries = 3;
  // Events waiting at most; one more is dropped (and counted). Default: 1000.
  size_t queue = 1000;
};

// POSTs each event (a JSON object) to the URL from a thread of its own, in
// order, with a timeout, bounded retries with back-off and a bounded queue:
// Post() never waits for the network, so a slow or dead endpoint never holds
// up the caller. Events not delivered are reported on stderr and counted.
// Thread safety: Post() and Close() from one thread.
class Webhook {
 public:
  explicit Webhook(const WebhookOptions& options);
  ~Webhook();  // Close(0)
  Webhook(const Webhook&) = delete;
  Webhook& operator=(const Webhook&) = delete;

  // Queues one event (JSON, without a trailing newline).
  void Post(std::string json);
  // Delivers what is queued for at most `grace_seconds` more, then gives up
  // on the rest (counted as failed), and stops the thread.
  void Close(double grace_seconds);

  uint64_t delivered() const;
  uint64_t failed() const;   // given up after the last try, or at Close()
  uint64_t dropped() const;  // the queue was full

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bengle::cli

#endif  // BENGLE_TOOLS_WEBHOOK_H_
