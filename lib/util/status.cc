#include "bengle/status.h"

namespace bengle {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "Invalid argument"; break;
    case Code::kNotFound: name = "Not found"; break;
    case Code::kIOError: name = "IO error"; break;
    case Code::kCorruption: name = "Corruption"; break;
    case Code::kUnavailable: name = "Unavailable"; break;
  }
  std::string out(name);
  out += ": ";
  out += message_;
  return out;
}

}  // namespace bengle
