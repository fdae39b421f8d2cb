#!/usr/bin/env python3
"""Not a speed benchmark: how well the step-length asymmetry of the straight steps repeats within
each walker on the 80 Voisard trials (docs/algorithms/step-length.md, "Where the feet are").

The healthy adults of the set walk symmetrically and the set has no per-step length reference,
so the split of a stride between its steps cannot be scored there. A walker's own asymmetry
repeats from trial to trial while measurement noise does not, so this reports, over the trials
of each subject:
- ICC(1), the one-way random-effects intraclass correlation of the signed index
  100 · (L − R) / (0.5 · (L + R)) of the mean left and right straight step lengths per trial;
- the within-subject SD of that index, and the SD of the subjects' means.

For each trial: `gait analyze FILE --format json [--height H]` (H = Height / 100 where the dataset
JSON has it); steps with a length and not in a turn.

Environment: GAIT (default .build/release/gait), VOISARD_DIR (default
../shared/datasets/voisard-healthy). Run from the repository root. Reads the dataset in place.
"""
import json
import math
import os
import subprocess

GAIT = os.environ.get("GAIT", ".build/release/gait")
DATA = os.environ.get("VOISARD_DIR", "../shared/datasets/voisard-healthy")


def mean(v):
    return sum(v) / len(v)


def index_of(path, height_m):
    args = [GAIT, "analyze", path, "--format", "json"] + (["--height", str(height_m)] if height_m else [])
    doc = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    side = {"L": [], "R": []}
    for s in doc["steps"]:
        if s["step_length_m"] and not s["in_turn"] and s["side"] in side:
            side[s["side"]].append(s["step_length_m"])
    left, right = mean(side["L"]), mean(side["R"])
    return 100 * (left - right) / (0.5 * (left + right))


def main():
    by_subject = {}
    for name in sorted(os.listdir(DATA)):
        if not name.endswith("_lb.txt"):
            continue
        code = name[: -len("_lb.txt")]
        with open(os.path.join(DATA, code + ".json")) as f:
            meta = json.loads(f.read().replace("NaN", "null"))
        height = meta.get("Height")
        si = index_of(os.path.join(DATA, name), height / 100 if height else None)
        by_subject.setdefault(code.split("-")[0], []).append(si)
    groups = list(by_subject.values())
    n = sum(len(g) for g in groups)
    k = n / len(groups)
    grand = mean([x for g in groups for x in g])
    msb = sum(len(g) * (mean(g) - grand) ** 2 for g in groups) / (len(groups) - 1)
    msw = sum(sum((x - mean(g)) ** 2 for x in g) for g in groups) / (n - len(groups))
    icc = (msb - msw) / (msb + (k - 1) * msw)
    means = [mean(g) for g in groups]
    sd_means = math.sqrt(mean([(m - mean(means)) ** 2 for m in means]))
    print(f"{n} trials of {len(groups)} subjects")
    print(f"ICC(1) {icc:.2f}; within-subject SD {math.sqrt(msw):.2f} %; SD of the subjects' means {sd_means:.2f} %")


if __name__ == "__main__":
    main()
