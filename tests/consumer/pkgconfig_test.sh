#!/usr/bin/env bash
# Issue 15, bar 5: the installed package, moved to another prefix, links a
# consumer through pkg-config, shared (`pkg-config --libs bengle`) and static
# (`--static`, with only libbengle.a present); the consumer and the installed
# bengle program find the data of the moved tree, never the build tree.
# Usage: pkgconfig_test.sh BUILD_DIR SOURCE_DIR [CXX]
set -u
build="$1"
src="$2"
cxx="${3:-c++} ${4:-}"
source "$(dirname "${BASH_SOURCE[0]}")/../tools/check.sh"
cmake --install "$build" --prefix "$tmp/first" > /dev/null || { echo "FAIL install"; exit 1; }
mv "$tmp/first" "$tmp/moved"
prefix="$tmp/moved"
pc=$(find "$prefix" -name bengle.pc | head -1)
check "bengle.pc installed" test -n "$pc"
check "bengle.pc is relocatable (no build prefix in it)" test -z "$(grep -F "$tmp/first" "$pc")"
export PKG_CONFIG_PATH="$(dirname "$pc")"
libdir=$(pkg-config --variable=libdir bengle)
check "libdir follows the moved tree" test "$(realpath "$libdir")" = "$(realpath "$(dirname "$(dirname "$pc")")")"
check "shared and static libraries installed" test -e "$libdir/libbengle.so" -a -e "$libdir/libbengle.a"

cat > "$tmp/consumer.cc" <<'C'
#include <bengle/classify.h>
#include <bengle/data_dir.h>
#include <bengle/normalize.h>
#include <cstdio>
int main() {
  std::printf("%s\n", bengle::DefaultDataDir().c_str());
  auto n = bengle::Normalizer::Create();
  auto c = bengle::Classifier::Create();
  if (!n.ok() || !c.ok()) return 1;
  bengle::NormalizedText t;
  if (!(*n)->Normalize("#微信崩了# 圖片發不出去", &t).ok()) return 1;
  bengle::Classification out;
  (*c)->Classify(t, &out);
  std::printf("%s %d\n", out.services.empty() ? "-" : out.services[0].c_str(), out.complaint ? 1 : 0);
  return out.services.size() == 1 && out.services[0] == "wechat" && out.complaint ? 0 : 1;
}
C
# Shared: what `pkg-config --cflags --libs bengle` gives is enough.
$cxx "$tmp/consumer.cc" -o "$tmp/shared" $(pkg-config --cflags --libs bengle) -Wl,-rpath,"$libdir" 2> "$tmp/shared.err"
check "shared: links with pkg-config --libs bengle" test -x "$tmp/shared"
check "shared: uses libbengle.so" grep -q "libbengle.so" <(ldd "$tmp/shared" 2>/dev/null)
env -u BENGLE_DATA_DIR "$tmp/shared" > "$tmp/shared.out" 2>&1; rc=$?
check "shared: runs and classifies" test $rc = 0
check "shared: data from the moved tree" grep -qx "$(realpath "$prefix")/share/bengle" <(head -1 "$tmp/shared.out" | xargs realpath 2>/dev/null)

# Static: only libbengle.a, and what `pkg-config --static` adds must resolve everything.
cp -a "$prefix" "$tmp/static-prefix"
rm -f "$tmp"/static-prefix/lib*/libbengle.so* "$tmp"/static-prefix/lib/*/libbengle.so*
spc=$(find "$tmp/static-prefix" -name bengle.pc | head -1)
PKG_CONFIG_PATH="$(dirname "$spc")" $cxx "$tmp/consumer.cc" -o "$tmp/static" \
  $(PKG_CONFIG_PATH="$(dirname "$spc")" pkg-config --static --cflags --libs bengle) 2> "$tmp/static.err"
check "static: links with pkg-config --static --libs bengle" test -x "$tmp/static"
[ -x "$tmp/static" ] || head -5 "$tmp/static.err"
check "static: no libbengle.so needed" test -z "$(ldd "$tmp/static" 2>/dev/null | grep libbengle)"
# A program linked with libbengle.a may live anywhere: it learns a moved
# tree's data folder from pkg-config (the datadir variable).
sdata=$(PKG_CONFIG_PATH="$(dirname "$spc")" pkg-config --variable=datadir bengle)
check "static: pkg-config's datadir is the moved tree's" test "$(realpath "$sdata")" = "$(realpath "$tmp/static-prefix")/share/bengle"
BENGLE_DATA_DIR="$sdata" "$tmp/static" > "$tmp/static.out" 2>&1; rc=$?
check "static: runs and classifies" test $rc = 0

# The installed program, moved, reads its own tree's data.
if [ -x "$prefix/bin/bengle" ]; then
  echo '{"id":1,"created_at":"2021-10-18 09:40:00","text":"#微信崩了# 图片发不出去"}' |
    env -u BENGLE_DATA_DIR "$prefix/bin/bengle" classify > "$tmp/cli.out" 2> "$tmp/cli.err"; rc=$?
  check "installed bengle, moved: runs" test $rc = 0
  check "installed bengle, moved: classifies" grep -q '"services":\["wechat"\]' "$tmp/cli.out"
  # Its lexicon is the moved tree's: an edit there shows, the build tree is not read.
  echo "service wechat 测试专用服务名" >> "$prefix/share/bengle/lexicon/10-services.lex"
  echo '{"id":2,"created_at":"2021-10-18 09:40:00","text":"测试专用服务名 登录不上"}' |
    env -u BENGLE_DATA_DIR "$prefix/bin/bengle" classify > "$tmp/cli2.out" 2>/dev/null
  check "installed bengle, moved: reads the moved tree's lexicon" grep -q '"services":\["wechat"\]' "$tmp/cli2.out"
fi
exit $fail
