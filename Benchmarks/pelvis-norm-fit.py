#!/usr/bin/env python3
"""Fit the real side of `PelvisMotionNorm.voisard` (Sources/GaitSimulator/PelvisMotionNorm.swift):
healthy adults' pelvic roll range, yaw range and lateral excursion against walking speed, as the
analysis measures them on the 80 Voisard trials.

For each trial, `gait analyze FILE --format json [--height H]` (H = Height/100 where the dataset
JSON has it); from its `summary.measures`: speed_mps, pelvis_roll_range_deg, pelvis_yaw_range_deg,
lateral_excursion_m. Then, per measure:
- least squares on speed about the trials' mean speed (mean at that speed, slope per m/s);
- the between-person SD: the variance of the subjects' mean residuals minus the mean
  within-subject variance over the trials per subject;
- correlations between people from the subjects' mean residuals.

The template side of the norm (what the simulator's pooled templates give) does not depend on the
recordings and is not refitted here.

Environment: GAIT (default .build/release/gait), VOISARD_DIR (default
../shared/datasets/voisard-healthy). Run from the repository root. Reads the dataset in place.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

GAIT = os.environ.get("GAIT", ".build/release/gait")
DATA = os.environ.get("VOISARD_DIR", "../shared/datasets/voisard-healthy")


def trials():
    for name in sorted(os.listdir(DATA)):
        if name.endswith("_lb.txt"):
            code = name[:-len("_lb.txt")]
            with open(os.path.join(DATA, code + ".json")) as f:
                meta = json.load(f)
            yield code, os.path.join(DATA, name), meta


def analyse(path, height_m, out):
    cmd = [GAIT, "analyze", path, "--format", "json", "--out", out]
    if height_m is not None:
        cmd += ["--height", "%g" % height_m]
    subprocess.run(cmd, check=True, capture_output=True)
    with open(out) as f:
        return json.load(f)["summary"]


def mean(x):
    return sum(x) / len(x)


def main():
    if not os.path.isdir(DATA):
        sys.exit("%s is absent: nothing to fit" % DATA)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for code, path, meta in trials():
            h = meta.get("Height")
            height = h / 100 if isinstance(h, (int, float)) and not math.isnan(h) else None
            m = analyse(path, height, os.path.join(tmp, code + ".json"))
            rows.append((code.split("-")[0], m["speed_mps"], m["pelvis_roll_range_deg"],
                         m["pelvis_yaw_range_deg"], m["lateral_excursion_m"]))
    v = [r[1] for r in rows]
    v0 = mean(v)
    sxx = sum((a - v0) ** 2 for a in v)
    names = ["roll", "yaw", "sway"]
    residuals = {}
    print("| measure | mean at %.4f m/s | slope per m/s | between-person SD |" % v0)
    print("| --- | --- | --- | --- |")
    for k, name in enumerate(names):
        y = [r[2 + k] for r in rows]
        at = mean(y)
        slope = sum((a - v0) * (b - at) for a, b in zip(v, y)) / sxx
        res = [b - at - slope * (a - v0) for a, b in zip(v, y)]
        by_subject = {}
        for r, e in zip(rows, res):
            by_subject.setdefault(r[0], []).append(e)
        subject_means = {s: mean(e) for s, e in by_subject.items()}
        sm = list(subject_means.values())
        m = mean(sm)
        between = sum((x - m) ** 2 for x in sm) / (len(sm) - 1)
        within = mean([sum((x - subject_means[s]) ** 2 for x in e) / (len(e) - 1) / len(e)
                       for s, e in by_subject.items() if len(e) > 1])
        sd = math.sqrt(max(between - within, 0))
        residuals[name] = subject_means
        print("| %s | %.5g | %.5g | %.5g |" % (name, at, slope, sd))

    def corr(a, b):
        s = sorted(residuals[a])
        x = [residuals[a][k] for k in s]
        y = [residuals[b][k] for k in s]
        mx, my = mean(x), mean(y)
        sxy = sum((p - mx) * (q - my) for p, q in zip(x, y))
        return sxy / math.sqrt(sum((p - mx) ** 2 for p in x) * sum((q - my) ** 2 for q in y))

    print("\ncorrelations between people: roll-yaw %.3f, roll-sway %.3f, yaw-sway %.3f"
          % (corr("roll", "yaw"), corr("roll", "sway"), corr("yaw", "sway")))
    print("%d trials of %d subjects" % (len(rows), len({r[0] for r in rows})))


if __name__ == "__main__":
    main()
