#!/usr/bin/env bash
# Issue 17, bar 1, on more streams than the ctest's one: tests/watch/live_test.sh
# (a 21-day generated stream fed live through a named pipe at 4 simulated hours
# per second) for each seed given, and a summary of when each small night
# incident was announced. About 2 minutes per seed; run on a quiet machine.
# Usage: bench/watch/live_seeds.sh [BUILD_DIR] [SEEDS...]   (default seeds 1 2 3)
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
shift || true
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3)
status=0
for seed in "${seeds[@]}"; do
  out="$(bash "$root/tests/watch/live_test.sh" "$build/bengle" "$root" "$seed" 2>&1)" || status=1
  night="$(grep -o 'the small night incident ([^)]*) within 10 simulated minutes' <<<"$out" | head -1)"
  when="$(grep -E "^(ok|FAIL) +incident " <<<"$out" | grep -E 'T0[2-5]:' | head -1)"
  verdict="$(tail -1 <<<"$out")"
  echo "seed $seed: ${when:-no night incident line} | ${night:-night bar NOT met} | $verdict"
done
exit $status
