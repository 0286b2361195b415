#!/usr/bin/env bash
# Scores `bengle series` on NAB's realTweets data with the shared NAB scorer.
# Usage: bench/nab/run.sh [BUILD_DIR] [NAB_DIR] [-- extra bengle series flags]
# With BENGLE_NAB_MIN set, exits 1 when the standard score at 0.5 is below it
# (ctest cli.nab); exits 77 (skipped) when the data or python3 is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
nab="${2:-$root/../shared/data/nab-realtweets-dev}"
shift $(( $# > 2 ? 2 : $# )) || true
if [ ! -d "$nab/data/realTweets" ] || ! command -v python3 >/dev/null; then
  echo "NAB data or python3 missing: skipped"; exit 77
fi
[ "${1:-}" = "--" ] && shift
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/realTweets"
start=$(date +%s.%N)
for f in "$nab"/data/realTweets/*.csv; do
  "$build/bengle" series "$@" "$f" -o "$out/realTweets/$(basename "$f")" 2>/dev/null
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "bengle series over all files: %.2f s wall\n", e - s }'
score="$root/../shared/tools/nab_score.py"
if [ -n "${BENGLE_NAB_MIN:-}" ]; then
  got=$(python3 "$score" --nab-dir "$nab" --results "$out" --corpus realTweets --profile standard --threshold 0.5 |
        sed -n 's/.*NORMALIZED=\([-0-9.]*\).*/\1/p')
  echo "standard at 0.5: $got (required: >= $BENGLE_NAB_MIN)"
  awk -v g="$got" -v m="$BENGLE_NAB_MIN" 'BEGIN { exit !(g >= m) }'
  exit $?
fi
for profile in standard reward_low_FP_rate reward_low_FN_rate; do
  echo "== $profile, threshold 0.5"
  python3 "$score" --nab-dir "$nab" --results "$out" --corpus realTweets --profile "$profile" --threshold 0.5 | tail -1
  echo "== $profile, swept threshold"
  python3 "$score" --nab-dir "$nab" --results "$out" --corpus realTweets --profile "$profile" | tail -1
done
