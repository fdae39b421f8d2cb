#!/usr/bin/env bash
# `gait batch` on FILES simulated 10-minute recordings (100 Hz, with gyroscope), side by side:
#   - a shell loop of `gait analyze --format json --out` per file (what a script without batch does),
#   - `gait batch --jobs 1`,
#   - `gait batch --jobs 2`,
#   - two `gait batch --jobs 1 --shard K/2` processes at once (the machine's own ceiling for two
#     cores: on a shared 2-vCPU machine two independent processes do not run twice as fast),
# N rounds, the four alternating within each round; medians, ratios and recordings per second.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
files=${2:-200}
scripts/setup
swift build -c release --product gait >/dev/null
gait=$PWD/.build/release/gait
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
# Ten distinct recordings, each copied into files/10 subject folders: simulation is not what is timed.
for s in $(seq 0 9); do $gait simulate --duration 10m --seed $((100 + s)) --out "$tmp/r$s.csv"; done
for i in $(seq 0 $((files - 1))); do
  mkdir -p "$tmp/in/s$((i / 10))"
  cp "$tmp/r$((i % 10)).csv" "$tmp/in/s$((i / 10))/walk$((i % 10)).csv"
done
bytes=$(du -sb "$tmp/in" | cut -f1)
loop() {
  mkdir -p "$tmp/loop"
  for f in "$tmp"/in/*/*.csv; do
    rel=${f#"$tmp/in/"}; mkdir -p "$tmp/loop/$(dirname "$rel")"
    $gait analyze "$f" --height 1.75 --format json --out "$tmp/loop/${rel%.csv}.json"
  done
}
: > "$tmp/times"
for r in $(seq "$runs"); do
  for variant in loop jobs1 jobs2 shards2; do
    rm -rf "$tmp/out" "$tmp/loop" "$tmp/sh1" "$tmp/sh2"
    start=$(date +%s.%N)
    case $variant in
      loop) loop ;;
      jobs1) /usr/bin/time -f "%M" -o "$tmp/rss1" $gait batch "$tmp/in" --out "$tmp/out" --jobs 1 --height 1.75 2>/dev/null ;;
      jobs2) /usr/bin/time -f "%M" -o "$tmp/rss2" $gait batch "$tmp/in" --out "$tmp/out" --jobs 2 --height 1.75 2>/dev/null ;;
      shards2)
        $gait batch "$tmp/in" --out "$tmp/sh1" --jobs 1 --shard 1/2 --height 1.75 2>/dev/null &
        $gait batch "$tmp/in" --out "$tmp/sh2" --jobs 1 --shard 2/2 --height 1.75 2>/dev/null
        wait ;;
    esac
    end=$(date +%s.%N)
    echo "$variant $(echo "$end - $start" | bc)" >> "$tmp/times"
  done
done
# The batch's documents are the loop's, byte for byte.
rm -rf "$tmp/out" "$tmp/loop"; loop; $gait batch "$tmp/in" --out "$tmp/out" --height 1.75 2>/dev/null
same=$(diff -rq -x summary.csv -x errors.csv "$tmp/loop" "$tmp/out" >/dev/null && echo yes || echo NO)
awk -v files="$files" -v bytes="$bytes" -v same="$same" -v rss1="$(cat "$tmp/rss1")" -v rss2="$(cat "$tmp/rss2")" '
  { n[$1]++; t[$1, n[$1]] = $2 }
  function median(name,   k, i, j, x, v) {
    k = n[name]
    for (i = 1; i <= k; i++) v[i] = t[name, i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
    return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
  }
  END {
    printf "%d recordings of 10 min at 100 Hz (%.0f MB), %d rounds, variants alternating\n", files, bytes / 1e6, n["loop"]
    l = median("loop"); a = median("jobs1"); b = median("jobs2"); c = median("shards2")
    printf "analyze, one process per file: median %.2f s (%.1f recordings/s)\n", l, files / l
    printf "batch --jobs 1:                median %.2f s (%.1f recordings/s), peak RSS %.0f MB\n", a, files / a, rss1 / 1024
    printf "batch --jobs 2:                median %.2f s (%.1f recordings/s), peak RSS %.0f MB\n", b, files / b, rss2 / 1024
    printf "two shard processes at once:   median %.2f s (%.1f recordings/s)\n", c, files / c
    printf "ratios: loop / jobs 1 = %.2fx, jobs 1 / jobs 2 = %.2fx, jobs 1 / two shard processes = %.2fx\n", l / a, a / b, a / c
    printf "batch documents identical to analyze --format json: %s\n", same
  }' "$tmp/times"
