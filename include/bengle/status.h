// Status and Result<T>: how every bengle call reports failure.
//
// No bengle call throws across the API or aborts on bad input. A call that can
// fail returns a Status (success or an error code with a message) or a
// Result<T> (a T or an error Status).
//
// Thread safety: both are plain values. Distinct objects may be used from
// different threads; a const object may be shared.
#ifndef BENGLE_STATUS_H_
#define BENGLE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "bengle/export.h"

namespace bengle {

class [[nodiscard]] BENGLE_EXPORT Status {
 public:
  enum class Code { kOk = 0, kInvalidArgument, kNotFound, kIOError, kCorruption, kUnavailable };

  // Success.
  Status() = default;

  static Status OK() { return Status(); }
  // The caller passed something unusable (bad option, bad pattern, bad value).
  static Status InvalidArgument(std::string_view msg) { return Status(Code::kInvalidArgument, msg); }
  // A named file, key or resource does not exist.
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  // Reading or writing failed at the operating-system level.
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  // Stored or input data is damaged (bad gzip stream, broken store).
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  // A needed component is missing (a library feature or data file).
  static Status Unavailable(std::string_view msg) { return Status(Code::kUnavailable, msg); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "OK", or "<code name>: <message>".
  std::string ToString() const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// A value of type T, or the Status saying why there is none.
//
//   Result<std::unique_ptr<PostReader>> r = PostReader::Open(path, opts);
//   if (!r.ok()) return r.status();
//   PostReader& reader = **r;
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok()
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(v_).ok()) v_ = Status::InvalidArgument("Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(v_); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace bengle

#endif  // BENGLE_STATUS_H_
