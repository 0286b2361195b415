// TimeZone: fixed offsets, and IANA zones through ICU's zone data.
#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>

#include "bengle/time.h"

namespace bengle {

namespace internal {
Result<UnixMillis> ParseTimeZoned(std::string_view text, int default_offset_minutes, bool* zoned);
}  // namespace internal

struct TimeZone::Impl {
  std::unique_ptr<icu::BasicTimeZone> zone;
};

namespace {
std::string OffsetName(int minutes) {
  const int a = minutes < 0 ? -minutes : minutes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}
}  // namespace

TimeZone::TimeZone() = default;

TimeZone TimeZone::Fixed(int offset_minutes) {
  TimeZone z;
  z.fixed_minutes_ = offset_minutes;
  z.name_ = OffsetName(offset_minutes);
  return z;
}

Result<TimeZone> TimeZone::Parse(std::string_view text) {
  if (Result<int> off = ParseUtcOffset(text); off.ok()) return Fixed(*off);
  // An IANA name: letters, digits, '/', '_', '-', '+' ("Etc/GMT+8").
  bool plausible = !text.empty() && text.size() < 64;
  for (char c : text) {
    plausible &= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                 c == '_' || c == '-' || c == '+';
  }
  if (plausible) {
    std::unique_ptr<icu::TimeZone> tz(
        icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()))));
    auto* basic = dynamic_cast<icu::BasicTimeZone*>(tz.get());
    if (tz != nullptr && *tz != icu::TimeZone::getUnknown() && basic != nullptr) {
      TimeZone z;
      auto impl = std::make_shared<Impl>();
      tz.release();
      impl->zone.reset(basic);
      z.impl_ = std::move(impl);
      z.name_ = std::string(text);
      return z;
    }
  }
  return Status::InvalidArgument("bad time zone '" + std::string(text) +
                                 "' (expected an offset like +08:00, or an IANA name like Asia/Shanghai)");
}

int TimeZone::OffsetAt(UnixMillis t) const {
  if (impl_ == nullptr) return fixed_minutes_;
  int32_t raw = 0, dst = 0;
  UErrorCode err = U_ZERO_ERROR;
  impl_->zone->getOffset(static_cast<UDate>(t), /*local=*/false, raw, dst, err);
  return U_SUCCESS(err) ? (raw + dst) / 60000 : fixed_minutes_;
}

int TimeZone::OffsetForLocal(int64_t local_ms) const {
  if (impl_ == nullptr) return fixed_minutes_;
  int32_t raw = 0, dst = 0;
  UErrorCode err = U_ZERO_ERROR;
  impl_->zone->getOffsetFromLocal(static_cast<UDate>(local_ms), UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw,
                                  dst, err);
  return U_SUCCESS(err) ? (raw + dst) / 60000 : fixed_minutes_;
}

Result<UnixMillis> ParseTime(std::string_view text, const TimeZone& zone) {
  bool zoned = false;
  Result<UnixMillis> local = internal::ParseTimeZoned(text, 0, &zoned);
  if (!local.ok() || zoned) return local;
  return *local - static_cast<int64_t>(zone.OffsetForLocal(*local)) * kMinuteMs;
}

std::string FormatTime(UnixMillis t, const TimeZone& zone) { return FormatTime(t, zone.OffsetAt(t)); }

}  // namespace bengle
