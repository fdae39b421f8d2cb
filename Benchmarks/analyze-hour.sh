#!/usr/bin/env bash
# Wall time and peak memory of `gait analyze` on one simulated hour at 100 Hz; median of N runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scripts/setup
swift build -c release --product gait >/dev/null
gait=.build/release/gait
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$gait simulate --duration 1h --seed 7 --out "$tmp/hour.csv"
bytes=$(stat -c %s "$tmp/hour.csv")
times=()
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$tmp/t" $gait analyze "$tmp/hour.csv" --height 1.75 --format json --out "$tmp/out.json"
  times+=("$(cat "$tmp/t")")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" -v bytes="$bytes" '
  { t[NR] = $1; m[NR] = $2 }
  END {
    med = t[int((n + 1) / 2)]
    printf "gait analyze, 1 h at 100 Hz (%.1f MB), %d runs: median %.3f s wall (min %.3f, max %.3f), peak RSS %.0f MB\n", bytes / 1e6, n, med, t[1], t[n], m[int((n + 1) / 2)] / 1024
    printf "throughput: %.1f MB/s, %.0f hours of recording per second\n", bytes / 1e6 / med, 1 / med
  }'
