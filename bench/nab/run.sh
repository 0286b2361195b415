#!/usr/bin/env bash
# Scores `bengle series` on NAB with the shared NAB scorer: all 53 files of
# ../shared/data/nab (per corpus, all files, and the parameters cross-validated
# by leaving one corpus out and one realTweets file out), then the five
# realTweets dev files of ../shared/data/nab-realtweets-dev.
# Usage: bench/nab/run.sh [BUILD_DIR]   (the grid is 432 settings: about 20 minutes on 2 cores)
# With BENGLE_NAB_MIN set (ctest cli.nab), only checks: the all-53 standard
# score at 0.5 >= BENGLE_NAB_MIN, every corpus >= BENGLE_NAB_MIN_CORPUS (50)
# and the realTweets dev score >= 78; exits 1
# when one is not met, 77 (skipped) when the data or python3 is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
nab="$root/../shared/data/nab"
dev="$root/../shared/data/nab-realtweets-dev"
score="$root/../shared/tools/nab_score.py"
if [ ! -d "$nab/data" ] || [ ! -f "$score" ] || ! command -v python3 >/dev/null; then
  echo "NAB data, its scorer or python3 missing: skipped"; exit 77
fi
dev_score() {
  local out; out="$(mktemp -d)"
  mkdir -p "$out/realTweets"
  for f in "$dev"/data/realTweets/*.csv; do
    "$build/bengle" series "$f" -o "$out/realTweets/$(basename "$f")" 2>/dev/null
  done
  python3 "$score" --nab-dir "$dev" --results "$out" --corpus realTweets --profile standard --threshold 0.5 |
    sed -n 's/.*NORMALIZED=\([-0-9.]*\).*/\1/p'
  rm -rf "$out"
}
if [ -n "${BENGLE_NAB_MIN:-}" ]; then
  python3 "$root/bench/nab/score.py" --bengle "$build/bengle" --nab-dir "$nab" --scorer "$score" \
    --min "$BENGLE_NAB_MIN" --min-corpus "${BENGLE_NAB_MIN_CORPUS:-50}"
  got=$(dev_score)
  echo "realTweets dev files, standard at 0.5: $got (required: >= 78)"
  awk -v g="$got" 'BEGIN { exit !(g >= 78) }'
  exit $?
fi
python3 "$root/bench/nab/score.py" --bengle "$build/bengle" --nab-dir "$nab" --scorer "$score" \
  --grid tail-expect=0.3,0.4,0.5,0.7 --grid tail-bandwidth=0.25,0.5,0.75 --grid quiet-rows=60,80,100,150 \
  --grid warmup-rows=1500,2000,2500 --grid rarity-quantile=0.7,0.75,0.8
echo "realTweets dev files (5), standard at 0.5: $(dev_score)"
