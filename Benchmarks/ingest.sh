#!/usr/bin/env bash
# Ingest and end-to-end throughput, side by side in one run, medians of N runs:
#   GaitIngest alone (ingest-throughput), numpy.loadtxt, and `gait analyze` end to end,
# on one simulated CSV of HOURS hours at 100 Hz with gyroscope (default 10 h ≈ 250 MB).
# Then, unless SKIP_BIG=1, peak RSS of GaitIngest alone and of `gait analyze` on a file of at
# least 2 GB (the recording's samples ten times over: 100 h with 10 h = 250 MB).
# Usage: Benchmarks/ingest.sh [RUNS] [HOURS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
hours=${2:-10}
scripts/setup
python3 -c "import numpy" 2>/dev/null || pip install -q numpy
swift build -c release --product gait >/dev/null
(cd Benchmarks && swift build -c release --product ingest-throughput >/dev/null)
gait=.build/release/gait
ingest=Benchmarks/.build/release/ingest-throughput
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$gait simulate --duration "${hours}h" --seed 11 --out "$tmp/rec.csv"
bytes=$(stat -c %s "$tmp/rec.csv")
echo "file: $hours h at 100 Hz, $bytes bytes"
: > "$tmp/ours"; : > "$tmp/numpy"; : > "$tmp/e2e"
for i in $(seq "$runs"); do
  $ingest "$tmp/rec.csv" | awk '{print $(NF-3)}' >> "$tmp/ours"
  python3 Benchmarks/loadtxt.py "$tmp/rec.csv" | awk '{print $(NF-1)}' >> "$tmp/numpy"
  /usr/bin/time -f "%e" -o "$tmp/t" $gait analyze "$tmp/rec.csv" --height 1.75 --format json --out "$tmp/out.json"
  awk -v b="$bytes" '{printf "%.1f\n", b / 1e6 / $1}' "$tmp/t" >> "$tmp/e2e"
done
median() { sort -n "$1" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ours=$(median "$tmp/ours"); numpy=$(median "$tmp/numpy"); e2e=$(median "$tmp/e2e")
echo "GaitIngest parse (bytes to uniform samples): median $ours MB/s over $runs runs"
echo "numpy.loadtxt, same file:                    median $numpy MB/s"
echo "gait analyze end to end:                     median $e2e MB/s"
awk -v a="$ours" -v b="$numpy" -v c="$e2e" 'BEGIN {printf "ratios: parser / numpy.loadtxt = %.1fx, analyze end to end / numpy.loadtxt = %.1fx\n", a / b, c / b}'
if [ "${SKIP_BIG:-0}" != 1 ]; then
  # A file of at least 2 GB: the sample columns of the same recording ten times over, without a
  # time column (read with --rate 100), so memory is measured on 100 h of contiguous samples.
  { echo "acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z"
    for i in $(seq 10); do tail -n +2 "$tmp/rec.csv" | cut -d, -f2-7; done; } > "$tmp/big.csv"
  rm -f "$tmp/rec.csv" "$tmp/out.json"
  big=$(stat -c %s "$tmp/big.csv")
  /usr/bin/time -f "%e %M" -o "$tmp/t" $ingest "$tmp/big.csv" 100 >/dev/null
  read -r secs rss < "$tmp/t"
  awk -v b="$big" -v s="$secs" -v r="$rss" 'BEGIN {printf "big file, GaitIngest alone: %.2f GB in %.1f s (%.1f MB/s), peak RSS %.0f MB\n", b / 1e9, s, b / 1e6 / s, r / 1024}'
  /usr/bin/time -f "%e %M" -o "$tmp/t" $gait analyze "$tmp/big.csv" --rate 100 --height 1.75 --format csv --out "$tmp/big.out.csv"
  read -r secs rss < "$tmp/t"
  awk -v b="$big" -v s="$secs" -v r="$rss" 'BEGIN {printf "big file, gait analyze --format csv: %.2f GB in %.1f s (%.1f MB/s), peak RSS %.0f MB\n", b / 1e9, s, b / 1e6 / s, r / 1024}'
fi
