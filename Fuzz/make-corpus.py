#!/usr/bin/env python3
"""Seed corpus for fuzz-engine: the first seconds of each SampleData recording in the layouts the
reader accepts (comma with seconds, the Xsens tab export with a rate line and a PacketCounter that
skips, no time column), each behind the mode byte that FuzzEngine.swift reads. Usage:
make-corpus.py OUT_DIR (run from the package root)."""
import os, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
n = 0

def seed(mode, text):
    global n
    with open(os.path.join(out, f"seed-{n:03d}"), "wb") as f:
        f.write(bytes([mode]) + text.encode())
    n += 1

for name in ["normal-1.3mps", "asymmetric-slow-g-degps", "accelerometer-only"]:
    lines = open(f"SampleData/{name}.csv").read().splitlines()
    header, rows = lines[0], lines[1:1201]  # 12 s: walking starts near 3.5 s
    comma = "\n".join([header] + rows) + "\n"
    for mode in (0x00, 0x02, 0x7E, 0xFF):
        seed(mode, comma)
    # The Xsens export: rate line, tabs, PacketCounter as 12.0, packets 500-509 lost.
    cols = header.split(",")[1:]
    xs = ["Acquisition frequency: 100 Hz", "\t".join(["PacketCounter"] + [c.replace("acc_", "Acc_").replace("gyr_", "Gyr_").upper().replace("ACC_", "Acc_").replace("GYR_", "Gyr_") for c in cols])]
    for i, r in enumerate(rows):
        if 500 <= i < 510:
            continue
        xs.append("\t".join([f"{i}.0"] + r.split(",")[1:]))
    seed(0x00, "\r\n".join(xs) + "\r\n")
    seed(0x41, "\n".join(xs) + "\n")
    # No time column: needs the rate (mode bit 0).
    seed(0x01, "\n".join([",".join(cols)] + [",".join(r.split(",")[1:]) for r in rows]) + "\n")
    seed(0x01, "\n".join(",".join(r.split(",")[1:]) for r in rows) + "\n")
print(f"{n} seeds in {out}")
