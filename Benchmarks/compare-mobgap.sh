#!/usr/bin/env bash
# `gait analyze` against mobgap's Mobilise-D pipeline, side by side on one simulated recording
# (Benchmarks/compare-mobgap.py says what is timed). Installs mobgap with pip when it is absent.
# Usage: Benchmarks/compare-mobgap.sh [RUNS] [DURATION]   (defaults 5 rounds, 1h)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
duration=${2:-1h}
scripts/setup
python3 -c "import mobgap" 2>/dev/null || python3 -m pip install --quiet mobgap
swift build -c release --product gait >/dev/null
gait=$PWD/.build/release/gait
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$gait simulate --duration "$duration" --seed 7 --height 1.75 --out "$tmp/rec.csv" --truth "$tmp/truth.json"
python3 Benchmarks/compare-mobgap.py "$gait" "$tmp/rec.csv" "$tmp/truth.json" "$runs"
