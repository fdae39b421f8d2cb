#!/usr/bin/env python3
"""Seed corpus for fuzz-engine: the first seconds of each SampleData recording in the layouts the
reader accepts (comma with seconds, the Xsens tab export with a rate line and a PacketCounter that
skips, no time column, Shimmer's Consensys export, MetaWear's per-sensor file, Axivity's headerless
OMGUI export, milli-g, a local-time clock's daylight-saving steps, rows of numpy reprs), each behind the mode byte that FuzzEngine.swift reads. Usage:
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
    # Shimmer's Consensys export: quoted sep line, device-named columns, a units row, ms.
    if len(cols) == 6:
        p = "Shimmer_40AC_"
        sh = ['"sep=\t"', "\t".join(p + c for c in ["Timestamp_Unix_CAL", "Accel_LN_X_CAL", "Accel_LN_Y_CAL", "Accel_LN_Z_CAL",
                                                     "Gyro_X_CAL", "Gyro_Y_CAL", "Gyro_Z_CAL", "Battery_CAL"]) + "\t",
              "ms\tm/(s^2)\tm/(s^2)\tm/(s^2)\tdeg/s\tdeg/s\tdeg/s\tmV\t"]
        for r in rows:
            v = r.split(",")
            sh.append("\t".join([f"{1595933810034 + float(v[0]) * 1000:.3f}"] + v[1:7] + ["4139.19"]) + "\t")
        seed(0x00, "\n".join(sh) + "\n")
    # Axivity's OMGUI export: no header, a date-time, x, y, z (and the gyroscope).
    ax = []
    for r in rows:
        v = r.split(",")
        ms = round(float(v[0]) * 1000)
        ax.append(f"2019-01-01 10:{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}," + ",".join(v[1:]))
    seed(0x00, "\n".join(ax) + "\n")
    # A local-time clock going back, then forward, an hour at a whole hour (daylight saving time).
    for step in (-1, 1):
        dst = []
        for r in rows:
            v = r.split(",")
            ms = round(float(v[0]) * 1000) + 3_594_000  # 00:59:54.000 at the first row
            h = ms // 3_600_000 + (step if ms >= 3_600_000 else 0) + 1
            dst.append(f"2024-10-27T{h:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}," + ",".join(v[1:]))
        seed(0x00, "\n".join(["timestamp," + ",".join(cols)] + dst) + "\n")
    # MetaWear's accelerometer file: axes named by their unit.
    mw = ["epoch (ms),time (-13:00),elapsed (s),x-axis (g),y-axis (g),z-axis (g)"]
    for r in rows:
        v = r.split(",")
        g = [f"{float(x) / 9.80665:.4f}" for x in v[1:4]] if "-g-" not in name else v[1:4]
        mw.append(",".join([str(1700000000000 + round(float(v[0]) * 1000)), "2023-11-14T22:13:20.000", v[0]] + g))
    seed(0x00, "\n".join(mw) + "\n")
    # Milli-g, named in the header (Noraxon's `(mG)`).
    mg = ["time,Acc X (mG),Acc Y (mG),Acc Z (mG)"]
    for r in rows:
        v = r.split(",")
        scale = 1000 if "-g-" in name else 1000 / 9.80665
        mg.append(",".join([v[0]] + [f"{float(x) * scale:.1f}" for x in v[1:4]]))
    seed(0x00, "\n".join(mg) + "\n")
    # A Python export written through numpy's repr: a sample counter and no value a number.
    npr = ["samples," + ",".join(cols)] + [f"{i}," + ",".join(f"np.float64({x})" for x in r.split(",")[1:]) for i, r in enumerate(rows[:200])]
    seed(0x01, "\n".join(npr) + "\n")
print(f"{n} seeds in {out}")
