#!/usr/bin/env bash
# Scores `bengle series` on NAB's realTweets data with the shared NAB scorer.
# Usage: bench/nab/run.sh [BUILD_DIR] [NAB_DIR] [-- extra bengle series flags]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
nab="${2:-$root/../shared/data/nab-realtweets-dev}"
shift $(( $# > 2 ? 2 : $# )) || true
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
for profile in standard reward_low_FP_rate reward_low_FN_rate; do
  echo "== $profile, threshold 0.5"
  python3 "$score" --nab-dir "$nab" --results "$out" --corpus realTweets --profile "$profile" --threshold 0.5 | tail -1
  echo "== $profile, swept threshold"
  python3 "$score" --nab-dir "$nab" --results "$out" --corpus realTweets --profile "$profile" | tail -1
done
