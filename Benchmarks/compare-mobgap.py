"""Side by side: `gait analyze` against mobgap's Mobilise-D pipeline on the same simulated recording.

Usage: python3 compare-mobgap.py GAIT_BINARY RECORDING.csv TRUTH.json RUNS

Each round runs both, one after the other, in this one process's loop:
- `gait analyze RECORDING --format json` as a subprocess: reading the CSV, the whole analysis
  (walking, contacts, sides, step lengths, turns, measures, flags) and writing the JSON;
- mobgap 1.x `MobilisedPipelineHealthy().safe_run` on the same samples already in memory as a
  DataFrame, rotated into the Mobilise-D sensor frame (x up, y left, z forward) with the truth's
  axes, gyroscope in deg/s: its CSV parsing and any output are NOT timed, which favours mobgap.
The first mobgap run also compiles its numba code; it is reported apart and left out of the median.
"""
import json, statistics, subprocess, sys, tempfile, time, warnings

warnings.filterwarnings("ignore")
import numpy as np, pandas as pd

gait, csv_path, truth_path, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
from mobgap.data import GaitDatasetFromData
from mobgap.pipeline import MobilisedPipelineHealthy
import mobgap

truth = json.load(open(truth_path))
inp = truth["input"]
rotation = np.array([inp["vertical_axis"], inp["left_axis"], inp["forward_axis"]])
raw = np.loadtxt(csv_path, delimiter=",", skiprows=1)
frame = pd.DataFrame(np.column_stack([raw[:, 1:4] @ rotation.T, np.degrees(raw[:, 4:7] @ rotation.T)]),
                     columns=["acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z"])
subject = truth["subject"]
height = subject.get("height_m") or 1.75
meta = {"height_m": height, "sensor_height_m": subject.get("sensor_height_m") or round(0.56 * height, 3), "cohort": "HA"}
dataset = GaitDatasetFromData({"rec": {"LowerBack": frame}}, inp["sampling_rate_hz"], {"rec": meta},
                              {"rec": {"measurement_condition": "laboratory"}})

def run_mobgap():
    t = time.perf_counter()
    p = MobilisedPipelineHealthy().safe_run(dataset[0])
    return time.perf_counter() - t, p.per_wb_parameters_

def run_gait(out):
    t = time.perf_counter()
    subprocess.run([gait, "analyze", csv_path, "--format", "json", "--height", str(height), "--out", out], check=True)
    return time.perf_counter() - t

cold, _ = run_mobgap()
mob, ours = [], []
with tempfile.TemporaryDirectory() as tmp:
    out = tmp + "/a.json"
    for _ in range(runs):
        ours.append(run_gait(out))
        t, wb = run_mobgap()
        mob.append(t)
    doc = json.load(open(out))

m, g = statistics.median(mob), statistics.median(ours)
minutes = inp["duration_s"] / 60
print(f"recording: {minutes:.0f} min at {inp['sampling_rate_hz']:.0f} Hz, {runs} rounds, both in each round")
print(f"gait analyze (CSV in, JSON out, whole pipeline): median {g:.3f} s (min {min(ours):.3f}, max {max(ours):.3f})")
print(f"mobgap {mobgap.__version__} MobilisedPipelineHealthy (samples in memory): median {m:.3f} s "
      f"(min {min(mob):.3f}, max {max(mob):.3f}); first run with numba compilation {cold:.3f} s")
print(f"ratio mobgap / gait: {m / g:.1f}x")
print(f"cadence, truth {truth['summary']['cadence_spm']:.1f} steps/min: gait {doc['summary']['cadence_spm']:.1f}, "
      f"mobgap (mean over {len(wb)} walking bouts) {wb['cadence_spm'].mean():.1f}")
