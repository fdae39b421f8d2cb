#!/usr/bin/env python3
"""Left/right without a gyroscope on real gait (docs/algorithms/side.md).

Copies each Voisard lower-back recording to a temporary folder with only PacketCounter and the
accelerometer columns, analyses it with `gait analyze --format json` (with the subject's height),
matches our contacts one-to-one to the reference heel strikes inside the trial (within 100 ms, as
`gait validate voisard`) and prints the fraction of matched contacts whose side is right, over all
80 trials and without 4-1 and 4-2 (whose foot sensors look swapped), and the trials below 0.9.

Environment: GAIT (default .build/release/gait), VOISARD_DIR (default
../shared/datasets/voisard-healthy). Run from the repository root. The dataset is read in place;
the copies live in a temporary folder that is removed.
"""
import glob
import json
import os
import subprocess
import tempfile

GAIT = os.environ.get("GAIT", ".build/release/gait")
DATA = os.environ.get("VOISARD_DIR", "../shared/datasets/voisard-healthy")


def first_counter(path):
    for line in open(path):
        try:
            return float(line.split("\t")[0])
        except ValueError:
            continue


def match(ref, ours, tol=0.1):
    """One-to-one, closest pairs first."""
    pairs = sorted((abs(a - b), i, j) for i, a in enumerate(ref) for j, b in enumerate(ours) if abs(a - b) <= tol)
    used_ref, used_ours = {}, set()
    for _, i, j in pairs:
        if i not in used_ref and j not in used_ours:
            used_ref[i] = j
            used_ours.add(j)
    return used_ref


def main():
    right = total = right_kept = total_kept = 0
    low = []
    with tempfile.TemporaryDirectory() as tmp:
        for meta_path in sorted(glob.glob(os.path.join(DATA, "*.json"))):
            code = os.path.basename(meta_path)[:-5]
            meta = json.load(open(meta_path))
            source = os.path.join(DATA, f"{code}_lb.txt")
            copy = os.path.join(tmp, f"{code}_lb.txt")
            with open(source) as f, open(copy, "w") as g:
                for k, line in enumerate(f):
                    g.write(line if k == 0 else "\t".join(line.rstrip("\n").split("\t")[:4]) + "\n")
            height = meta.get("Height")
            extra = ["--height", str(height / 100)] if isinstance(height, (int, float)) and height == height else []
            out = subprocess.run([GAIT, "analyze", copy, "--format", "json"] + extra, capture_output=True, text=True, check=True)
            doc = json.loads(out.stdout)
            first = first_counter(source)
            t = lambda e: (e - first) / 100
            lo, hi = (t(x) for x in meta["TrialBoundaries"])
            inside = lambda x: lo - 0.2 <= x <= hi + 0.2
            ref = sorted([(t(hs), "L") for _, hs in meta["LeftFootEvents"]] + [(t(hs), "R") for _, hs in meta["RightFootEvents"]])
            ref = [r for r in ref if inside(r[0])]
            steps = [s for s in doc["steps"] if inside(s["ic_s"])]
            pairs = match([r[0] for r in ref], [s["ic_s"] for s in steps])
            ok = sum(1 for i, j in pairs.items() if steps[j]["side"] == ref[i][1])
            n = sum(1 for i, j in pairs.items() if steps[j]["side"])
            right += ok
            total += n
            if code not in ("4-1", "4-2"):
                right_kept += ok
                total_kept += n
            if n and ok / n < 0.9:
                low.append(f"{code} {ok / n:.2f}")
    print(f"accelerometer only: side accuracy {right / total:.3f} ({right} of {total} matched contacts); "
          f"without 4-1, 4-2: {right_kept / total_kept:.3f}")
    print("trials below 0.9:", ", ".join(low))


if __name__ == "__main__":
    main()
