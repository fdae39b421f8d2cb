#!/usr/bin/env python3
"""Stride-to-stride residual of lower-back trunk acceleration: real (Voisard healthy,
lower-back IMU) vs `gait simulate`.

Run from the repository root, after `swift build -c release`:
    python3 Benchmarks/trunk-residual.py
Environment: GAIT (the binary, default .build/release/gait), VOISARD_DIR (default
../shared/datasets/voisard-healthy), RESID_OUT (default /tmp/trunk-residual). Writes analysis
JSONs (RESID_OUT/json), simulated CSVs (RESID_OUT/sim_V_SEED.csv), per-recording numbers
(RESID_OUT/per_recording.json) and the report (RESID_OUT/report.md). Dataset files are only read
in place. It calibrated `TrunkVariation` (docs/simulator.md); delete RESID_OUT/json and the CSVs
to re-measure after a change.
"""
import glob
import json
import math
import os
import subprocess
import sys

import numpy as np

GAIT = os.environ.get("GAIT", ".build/release/gait")
DATA = os.environ.get("VOISARD_DIR", "../shared/datasets/voisard-healthy")
OUT = os.environ.get("RESID_OUT", "/tmp/trunk-residual")
JDIR = os.path.join(OUT, "json")
NPTS = 128
NH = 20
FS = 100.0
SPEEDS = [0.9, 1.2, 1.5]
SEEDS = [11, 12]
AXES = ["V", "AP", "ML"]
SUMMARY_FIELDS = ["harmonic_ratio_v", "harmonic_ratio_ap", "harmonic_ratio_ml",
                  "step_regularity_v", "stride_regularity_v",
                  "rms_acc_v_mps2", "rms_acc_ap_mps2", "rms_acc_ml_mps2",
                  "speed_mps", "cadence_spm"]

os.makedirs(JDIR, exist_ok=True)


def run_analyze(path, height_m, jpath):
    if not os.path.exists(jpath):
        cmd = [GAIT, "analyze", path, "--format", "json"]
        if height_m is not None:
            cmd += ["--height", "%g" % height_m]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("analyze failed (%d): %s" % (r.returncode, r.stderr.strip()[:300]))
        with open(jpath, "w") as f:
            f.write(r.stdout)
    with open(jpath) as f:
        return json.load(f)


def load_real(path):
    """Returns t (s, from first PacketCounter), acc (N,3), pc (PacketCounter)."""
    a = np.loadtxt(path, skiprows=2, usecols=(0, 1, 2, 3))
    pc = a[:, 0]
    # drop duplicated / backward counters (keep first occurrence, stay monotonic)
    keep = np.ones(len(pc), bool)
    last = -np.inf
    for i, p in enumerate(pc):
        if p <= last:
            keep[i] = False
        else:
            last = p
    a = a[keep]
    pc = a[:, 0]
    t = (pc - pc[0]) / FS
    return t, a[:, 1:4], pc


def load_sim(path):
    a = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1, 2, 3))
    return a[:, 0], a[:, 1:4]


def body_frame(acc, inp):
    fwd = np.asarray(inp["forward_axis"], float)
    left = np.asarray(inp["left_axis"], float)
    vert = np.asarray(inp["vertical_axis"], float)
    av = acc @ vert
    return np.stack([av - av.mean(), acc @ fwd, acc @ left], axis=1)  # V, AP, ML


def extract_strides(doc, t, body, gaps, uturn):
    """gaps: list of (t_before, t_after) where samples are missing between them.
    uturn: (t0, t1) or None. Returns list of (side, duration, (128,3) array) and reject counts."""
    steps = sorted(doc["steps"], key=lambda s: s["ic_s"])
    rej = {"side_order": 0, "in_turn": 0, "duration": 0, "gap": 0, "uturn": 0, "bout": 0, "range": 0}
    out = []
    for i in range(len(steps) - 2):
        s0, s1, s2 = steps[i], steps[i + 1], steps[i + 2]
        t0, t1 = s0["ic_s"], s2["ic_s"]
        if s0.get("in_turn") or s1.get("in_turn"):
            rej["in_turn"] += 1
            continue
        d = t1 - t0
        if not (0.7 <= d <= 1.6):
            rej["duration"] += 1
            continue
        if not (s0["side"] == s2["side"] and s0["side"] != s1["side"] and s0["side"] in ("L", "R")):
            rej["side_order"] += 1
            continue
        if s0.get("bout") is not None and not (s0.get("bout") == s1.get("bout") == s2.get("bout")):
            rej["bout"] += 1
            continue
        if any(ga < t1 and gb > t0 for ga, gb in gaps):
            rej["gap"] += 1
            continue
        if uturn is not None and (t0 < uturn[1] and t1 > uturn[0]):
            rej["uturn"] += 1
            continue
        if t0 < t[0] or t1 > t[-1]:
            rej["range"] += 1
            continue
        tt = t0 + d * np.arange(NPTS) / NPTS  # one period, endpoint excluded (clean DFT)
        w = np.stack([np.interp(tt, t, body[:, k]) for k in range(3)], axis=1)
        out.append((s0["side"], d, w))
    return out, rej


def stride_stats(strides):
    """Per-recording statistics from the list of strides. Side groups with <2 strides dropped."""
    groups = {}
    for side, d, w in strides:
        groups.setdefault(side, []).append((d, w))
    groups = {k: v for k, v in groups.items() if len(v) >= 2}
    if not groups:
        return None
    res_all, tmpl_all, durs, corr_num, corr_den = [], [], [], 0.0, 0.0
    tmpl_amp_acc = np.zeros((NH + 1, 3))
    n_tot = 0
    for side, lst in groups.items():
        W = np.stack([w for _, w in lst])          # (n,128,3)
        M = W.mean(axis=0)                          # (128,3)
        R = W - M
        n = len(lst)
        res_all.append(R)
        tmpl_all.append(np.repeat(M[None], n, axis=0))
        durs += [d for d, _ in lst]
        Fm = np.abs(np.fft.rfft(M, axis=0))[: NH + 1] * 2 / NPTS
        tmpl_amp_acc += n * Fm
        n_tot += n
        # unbiased residual power: sum R^2 / ((n-1)*128) instead of /(n*128)
        corr_num += (R ** 2).sum(axis=(0, 1))
        corr_den += (n - 1) * NPTS
    # unbiased per-harmonic residual power and the expected leakage floor of the mean waveform amplitude
    ub_num = np.zeros((NH + 1, 3))
    floor2 = np.zeros((NH + 1, 3))
    for Rg in res_all:
        n = Rg.shape[0]
        F2 = (np.abs(np.fft.rfft(Rg, axis=1))[:, : NH + 1, :] * 2 / NPTS) ** 2
        ub_num += F2.sum(axis=0)
        # variance of one stride's A_h about the true mean ~ sum F2/(n-1); mean of n strides: /n
        floor2 += n * (F2.sum(axis=0) / (n - 1) / n)
    R = np.concatenate(res_all)                     # (N,128,3)
    T = np.concatenate(tmpl_all)
    Fr = np.abs(np.fft.rfft(R, axis=1))[:, : NH + 1, :] * 2 / NPTS   # (N,21,3)
    Tac = T - T.mean(axis=1, keepdims=True)
    st = {
        "n_strides": int(R.shape[0]),
        "n_by_side": {k: len(v) for k, v in groups.items()},
        "stride_time_s": float(np.mean(durs)),
        "stride_freq_hz": float(1.0 / np.mean(durs)),
        "wave_rms": np.sqrt((T ** 2).mean(axis=(0, 1))).tolist(),
        "wave_rms_ac": np.sqrt((Tac ** 2).mean(axis=(0, 1))).tolist(),
        "res_rms": np.sqrt((R ** 2).mean(axis=(0, 1))).tolist(),
        "res_rms_unbiased": np.sqrt(corr_num / corr_den).tolist(),
        "res_amp_h": np.sqrt((Fr ** 2).mean(axis=0)).tolist(),       # (21,3) RMS over strides
        "wave_amp_h": (tmpl_amp_acc / n_tot).tolist(),                # (21,3) stride-weighted over sides
        "res_amp_h_unbiased": np.sqrt(ub_num / (corr_den / NPTS)).tolist(),
        "wave_amp_floor_h": np.sqrt(floor2 / n_tot).tolist(),  # RMS amplitude that residual leakage puts in the mean
    }
    Rp = (R ** 2).mean(axis=(0, 1))
    Fr2 = (Fr ** 2).mean(axis=0)
    st["res_pow_frac_h1_20"] = ((Fr2[1:NH + 1] / 2).sum(axis=0) / Rp).tolist()
    st["res_pow_frac_dc"] = ((Fr2[0] / 4) / Rp).tolist()  # DC power = (A0/2)^2
    return st


def standing_floor(t, body, gaps, meta, pc, d):
    """Same pipeline on quiet standing before walking: windows of the trial's mean stride time between t = 0
    and 1 s before TrialBoundaries[0]; window mean removed. Returns None if < 2 windows."""
    tb = meta.get("TrialBoundaries")
    if not tb:
        return None
    t_end = (tb[0] - pc[0]) / FS - 1.0
    W = []
    k = 0
    while (k + 1) * d <= t_end:
        t0, t1 = k * d, (k + 1) * d
        k += 1
        if any(ga < t1 and gb > t0 for ga, gb in gaps):
            continue
        tt = t0 + d * np.arange(NPTS) / NPTS
        W.append(np.stack([np.interp(tt, t, body[:, j]) for j in range(3)], axis=1))
    if len(W) < 2:
        return None
    W = np.stack(W)
    R = W - W.mean(axis=0)
    n = len(W)
    Fr = np.abs(np.fft.rfft(R, axis=1))[:, : NH + 1, :] * 2 / NPTS
    return {"n_windows": n,
            "res_rms_unbiased": np.sqrt((R ** 2).sum(axis=(0, 1)) / ((n - 1) * NPTS)).tolist(),
            "res_amp_h": np.sqrt((Fr ** 2).mean(axis=0) * n / (n - 1)).tolist()}


def summary_fields(doc):
    s = doc.get("summary") or {}
    return {k: (s.get(k) if isinstance(s.get(k), (int, float)) else None) for k in SUMMARY_FIELDS}


def analyse_real():
    recs, skipped = [], []
    files = sorted(glob.glob(os.path.join(DATA, "*_lb.txt")),
                   key=lambda p: tuple(int(x) for x in os.path.basename(p).split("_")[0].split("-")))
    for path in files:
        name = os.path.basename(path).split("_")[0]
        try:
            with open(os.path.join(DATA, name + ".json")) as f:
                meta = json.load(f)
            h = meta.get("Height")
            height_m = h / 100.0 if isinstance(h, (int, float)) and not math.isnan(h) else None
            doc = run_analyze(path, height_m, os.path.join(JDIR, name + ".json"))
            t, acc, pc = load_real(path)
            body = body_frame(acc, doc["input"])
            dpc = np.diff(pc)
            gi = np.where(dpc > 1)[0]
            gaps = [(t[i], t[i + 1]) for i in gi]
            ut = meta.get("UTurnBoundaries")
            uturn = ((ut[0] - pc[0]) / FS, (ut[1] - pc[0]) / FS) if ut else None
            strides, rej = extract_strides(doc, t, body, gaps, uturn)
            st = stride_stats(strides)
            if st is None:
                skipped.append((name, "fewer than 2 usable strides per side (%d strides; rejects %s)"
                                % (len(strides), rej)))
                continue
            st["standing"] = standing_floor(t, body, gaps, meta, pc, st["stride_time_s"])
            st.update(name=name, height_m=height_m, rejects=rej, n_steps=len(doc["steps"]),
                      n_gaps=len(gaps), missing_samples=int((dpc[gi] - 1).sum()),
                      summary=summary_fields(doc))
            recs.append(st)
        except Exception as e:  # noqa
            skipped.append((name, "error: %s" % e))
    return recs, skipped


def analyse_sim():
    recs = []
    for v in SPEEDS:
        for seed in SEEDS:
            csv = os.path.join(OUT, "sim_%s_%d.csv" % (v, seed))
            if not os.path.exists(csv):
                subprocess.run([GAIT, "simulate", "--duration", "120s", "--seed", str(seed),
                                "--speed", str(v), "--height", "1.75", "--out", csv], check=True,
                               capture_output=True)
            doc = run_analyze(csv, 1.75, os.path.join(JDIR, "sim_%s_%d.json" % (v, seed)))
            t, acc = load_sim(csv)
            body = body_frame(acc, doc["input"])
            dt = np.diff(t)
            gi = np.where(dt > 1.5 / FS)[0]
            gaps = [(t[i], t[i + 1]) for i in gi]
            strides, rej = extract_strides(doc, t, body, gaps, None)
            st = stride_stats(strides)
            st.update(name="sim_%s_%d" % (v, seed), speed_set=v, seed=seed, rejects=rej,
                      n_steps=len(doc["steps"]), summary=summary_fields(doc))
            recs.append(st)
    return recs


# ----------------------------------------------------------------- reporting helpers
def arr(recs, key):
    return np.array([r[key] for r in recs], float)


def ms(x, fmt="%.3f"):
    x = np.asarray(x, float)
    x = x[np.isfinite(x)]
    if len(x) == 0:
        return "n/a"
    if len(x) == 1:
        return fmt % x[0]
    return (fmt + " ± " + fmt) % (x.mean(), x.std(ddof=1))


def loglog_slope(h, a):
    h = np.asarray(h, float)
    a = np.asarray(a, float)
    return float(np.polyfit(np.log(h), np.log(a), 1)[0])


def main():
    real, skipped = analyse_real()
    sim = analyse_sim()
    groups = [("Real (%d trials)" % len(real), real)]
    groups += [("Sim pooled (6)", sim)]
    groups += [("Sim %.1f m/s (2)" % v, [r for r in sim if r["speed_set"] == v]) for v in SPEEDS]

    with open(os.path.join(OUT, "per_recording.json"), "w") as f:
        json.dump({"real": real, "sim": sim, "skipped": skipped}, f, indent=1)

    L = []
    L.append("# Stride-to-stride residual of lower-back acceleration: real vs simulated\n")
    L.append("Generated by `python3 Benchmarks/trunk-residual.py`. Real: `%s/*_lb.txt` (%d files, %d analysed). "
             "Simulated: `gait simulate --duration 120s --height 1.75 --speed V --seed S`, V ∈ {0.9, 1.2, 1.5}, "
             "S ∈ {11, 12}. All values are mean ± SD over recordings (SD with ddof=1).\n"
             % (DATA, len(real) + len(skipped), len(real)))
    L.append("## Method\n")
    L.append("- `gait analyze FILE --format json [--height H]` (H = Height/100 when the dataset JSON has it; "
             "trials of subjects 10 and 14 have Height NaN → no --height). Sim: `--height 1.75`.\n"
             "- Body frame from the analysis axes: V = acc·vertical_axis − mean over the whole recording; "
             "AP = acc·forward_axis; ML = acc·left_axis (no mean removed from AP/ML).\n"
             "- Time of a real row = (PacketCounter − first PacketCounter)/100 s; one duplicated counter (11-1) "
             "dropped. Missing counters are gaps; a stride is rejected if any gap interval overlaps it.\n"
             "- Stride = detected contacts ic[i] → ic[i+2] (steps sorted by ic_s). Kept if steps i and i+1 are "
             "not in_turn, 0.7 ≤ duration ≤ 1.6 s, sides alternate (side[i] = side[i+2] ≠ side[i+1]), the three "
             "steps are in the same bout, no gap inside, no overlap with UTurnBoundaries (real only).\n"
             "- Each stride resampled by linear interpolation at t0 + d·k/128, k = 0..127 (one full period, end "
             "point excluded so the 128-point DFT is periodic). Mean waveform per trial and per starting side; "
             "residual = stride − mean of strides of the same starting side. Side groups with < 2 strides are "
             "dropped.\n"
             "- Waveform RMS = RMS over all points of the side-mean waveform assigned to each stride (includes its "
             "DC; an AC-only version with each mean waveform's own mean removed is also given). Residual RMS = RMS "
             "over all strides and points. Because the mean is estimated from the same n strides, the plain "
             "residual RMS is biased low by √((n−1)/n); 'residual RMS (unbiased)' divides the sum of squares by "
             "(n−1)·128 per side group. Real trials have few strides per side (see counts), simulated ones many, "
             "so compare the unbiased column.\n"
             "- Harmonic amplitude A_h = |X_h|·2/128 of the 128-point DFT (h = 1 is the stride frequency, h = 2 "
             "the step frequency). Residual: RMS of A_h over strides of a recording. Waveform: A_h of the side-mean "
             "waveform (stride-weighted average over the two sides). The real trial-level stride frequency converts "
             "h to Hz: f = h · f_stride. Note the linear interpolation of 100 Hz data slightly attenuates high h "
             "(≈ sinc²(f/100): ≈ 0.97 at 10 Hz, ≈ 0.90 at 18 Hz).\n")

    # ---------------- Table 1
    L.append("## 1. Waveform vs residual RMS (m/s²)\n")
    for k, ax in enumerate(AXES):
        L.append("### %s\n" % ax)
        L.append("| group | waveform RMS | waveform RMS (AC only) | residual RMS | residual RMS (unbiased) | "
                 "ratio residual/waveform | ratio residual(unbiased)/waveform(AC) |")
        L.append("|---|---|---|---|---|---|---|")
        for gname, g in groups:
            w = arr(g, "wave_rms")[:, k]
            wac = arr(g, "wave_rms_ac")[:, k]
            rr = arr(g, "res_rms")[:, k]
            ru = arr(g, "res_rms_unbiased")[:, k]
            L.append("| %s | %s | %s | %s | %s | %s | %s |" % (gname, ms(w), ms(wac), ms(rr), ms(ru),
                                                              ms(rr / w), ms(ru / wac)))
        L.append("")
    L.append("Ratio columns are the mean ± SD over recordings of the per-recording ratio.\n")

    # stride frequency
    L.append("### Stride frequency (from kept strides, 1/mean stride time)\n")
    L.append("| group | stride frequency (Hz) | stride time (s) | strides per recording (min / median / max) |")
    L.append("|---|---|---|---|")
    for gname, g in groups:
        n = arr(g, "n_strides")
        L.append("| %s | %s | %s | %d / %g / %d |" % (gname, ms(arr(g, "stride_freq_hz")), ms(arr(g, "stride_time_s")),
                                                     n.min(), np.median(n), n.max()))
    L.append("")

    # ---------------- Table 2 harmonics
    L.append("## 2. Harmonic amplitudes (m/s²), h = 1..20 of the stride\n")
    fr = arr(real, "stride_freq_hz")
    L.append("Real f_stride = %s Hz, so h ≈ %.2f·h Hz (range over trials %.2f–%.2f Hz per h). Sim f_stride "
             "pooled = %s Hz.\n" % (ms(fr), fr.mean(), fr.min(), fr.max(), ms(arr(sim, "stride_freq_hz"))))
    RA = arr(real, "res_amp_h_unbiased")   # (n,21,3)
    WF = arr(real, "wave_amp_floor_h")
    WA = arr(real, "wave_amp_h")
    SRA = arr(sim, "res_amp_h_unbiased")
    SWA = arr(sim, "wave_amp_h")
    spd = np.array([r["speed_set"] for r in sim])
    L.append("Residual amplitudes here are bias-corrected (per side group, sum of A_h² over strides divided by n−1 "
             "instead of n). 'real waveform leakage floor' = RMS amplitude the residual alone puts into a mean of n "
             "strides (≈ residual A_h/√n per side group, mean over trials): real mean-waveform amplitudes at or "
             "below this floor are not distinguishable from stride-to-stride residual. Sim floors are ≈ 0.1× the "
             "sim residual (n ≈ 90–110 per side).\n")
    for k, ax in enumerate(AXES):
        L.append("### %s\n" % ax)
        hdr = ("| h | f real (Hz) | real residual | real waveform | real waveform leakage floor | sim residual (pooled) | sim waveform (pooled) | "
               + " | ".join("sim res %.1f | sim wave %.1f" % (v, v) for v in SPEEDS) + " | real res / sim res |")
        L.append(hdr)
        L.append("|" + "---|" * (8 + 2 * len(SPEEDS)))
        for h in range(1, NH + 1):
            row = ["%d" % h, "%.2f" % (h * fr.mean()), ms(RA[:, h, k]), ms(WA[:, h, k]), "%.3f" % WF[:, h, k].mean(),
                   ms(SRA[:, h, k]),
                   ms(SWA[:, h, k])]
            for v in SPEEDS:
                m = spd == v
                row += ["%.3f" % SRA[m, h, k].mean(), "%.3f" % SWA[m, h, k].mean()]
            row.append("%.1f" % (RA[:, h, k].mean() / SRA[:, h, k].mean()))
            L.append("| " + " | ".join(row) + " |")
        L.append("")
        L.append("Residual DC (h = 0) amplitude term |X_0|·2/128 (RMS over strides): real %s, sim %s. "
                 "Fraction of residual power in h = 1..20: real %s, sim %s; in DC: real %s, sim %s.\n"
                 % (ms(RA[:, 0, k]), ms(SRA[:, 0, k]),
                    ms(arr(real, "res_pow_frac_h1_20")[:, k]), ms(arr(sim, "res_pow_frac_h1_20")[:, k]),
                    ms(arr(real, "res_pow_frac_dc")[:, k]), ms(arr(sim, "res_pow_frac_dc")[:, k])))

    # shape of real residual spectrum
    L.append("### Shape of the residual spectrum (log–log least-squares slope of amplitude vs h)\n")
    L.append("Fit on the across-recording mean amplitude. Since f = h·f_stride with f_stride fixed per recording, "
             "the slope vs h equals the slope vs frequency (amplitude ∝ f^slope). Per-trial slopes (fitted per "
             "trial) given as mean ± SD.\n")
    L.append("| axis | group | h 1–20 | h 1–5 | h 3–10 | h 5–20 | h 10–20 | per-trial slope h 1–20 |")
    L.append("|---|---|---|---|---|---|---|---|")
    ranges = [(1, 20), (1, 5), (3, 10), (5, 20), (10, 20)]
    for k, ax in enumerate(AXES):
        for gname, A in [("real residual", RA), ("real waveform", WA), ("sim residual", SRA), ("sim waveform", SWA)]:
            mean = A[:, :, k].mean(axis=0)
            cells = []
            for a, b in ranges:
                hh = np.arange(a, b + 1)
                cells.append("%.2f" % loglog_slope(hh, mean[hh]))
            hh = np.arange(1, NH + 1)
            per = [loglog_slope(hh, A[i, hh, k]) for i in range(A.shape[0])]
            L.append("| %s | %s | %s | %s |" % (ax, gname, " | ".join(cells), ms(per, "%.2f")))
    L.append("")
    # residual amplitude in Hz bins for real (pooled over trials with actual f)
    L.append("### Real residual amplitude binned by frequency (Hz), pooling (trial, h) pairs\n")
    L.append("Each trial contributes A_h at f = h·f_stride(trial); values are the RMS of A_h within the bin "
             "(m/s²) and the number of (trial, h) pairs.\n")
    edges = [0.5, 1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 18, 20]
    L.append("| f bin (Hz) | " + " | ".join(AXES) + " | pairs |")
    L.append("|---|---|---|---|---|")
    F = np.outer(fr, np.arange(NH + 1))
    for a, b in zip(edges[:-1], edges[1:]):
        m = (F >= a) & (F < b)
        m[:, 0] = False
        if m.sum() == 0:
            continue
        cells = ["%.3f" % np.sqrt((RA[:, :, k][m] ** 2).mean()) for k in range(3)]
        L.append("| %g–%g | %s | %d |" % (a, b, " | ".join(cells), m.sum()))
    L.append("")

    # standing floor
    stand = [r["standing"] for r in real if r.get("standing")]
    L.append("### Quiet-standing floor (real)\n")
    L.append("Same resampling / mean-subtraction / DFT applied to quiet standing before walking (t from 0 to 1 s "
             "before TrialBoundaries[0], windows of the trial's mean stride time, gap-free), in %d trials "
             "(%s windows per trial, min/median/max); values here are bias-corrected by n/(n−1). "
             "This bounds how much of the walking residual is sensor noise / non-gait signal.\n"
             % (len(stand), "%d/%g/%d" % (min(s_["n_windows"] for s_ in stand),
                                          np.median([s_["n_windows"] for s_ in stand]),
                                          max(s_["n_windows"] for s_ in stand))))
    SA = np.array([s_["res_amp_h"] for s_ in stand])
    SR = np.array([s_["res_rms_unbiased"] for s_ in stand])
    L.append("| axis | standing residual RMS | A_h standing, h = 1 / 2 / 5 / 10 / 15 / 20 | walking residual RMS (unbiased) |")
    L.append("|---|---|---|---|")
    for k, ax in enumerate(AXES):
        L.append("| %s | %s | %s | %s |" % (ax, ms(SR[:, k]), " / ".join("%.4f" % SA[:, h, k].mean() for h in (1, 2, 5, 10, 15, 20)),
                                          ms(arr(real, "res_rms_unbiased")[:, k])))
    L.append("")

    # ---------------- Table 3 summary fields
    L.append("## 3. Analysis summary fields (gait analyze `summary`)\n")
    L.append("| field | " + " | ".join(g for g, _ in groups) + " |")
    L.append("|---|" + "---|" * len(groups))
    for fld in SUMMARY_FIELDS:
        cells = []
        for gname, g in groups:
            vals = [r["summary"][fld] for r in g]
            vals = np.array([v for v in vals if v is not None], float)
            nmiss = len(g) - len(vals)
            c = ms(vals)
            if nmiss:
                c += " (%d null)" % nmiss
            cells.append(c)
        L.append("| %s | %s |" % (fld, " | ".join(cells)))
    L.append("")

    # ---------------- Table 4 counts
    L.append("## 4. Strides used and skipped trials\n")
    n = arr(real, "n_strides")
    L.append("Real: %d of %d trials analysed. Strides per trial: min %d, median %g, max %d (total %d). "
             "Per starting side: min %d, median %g, max %d.\n"
             % (len(real), len(real) + len(skipped), n.min(), np.median(n), n.max(), n.sum(),
                min(min(r["n_by_side"].values()) for r in real),
                np.median([v for r in real for v in r["n_by_side"].values()]),
                max(max(r["n_by_side"].values()) for r in real)))
    rej_tot = {}
    for r in real:
        for kk, vv in r["rejects"].items():
            rej_tot[kk] = rej_tot.get(kk, 0) + vv
    L.append("Candidate strides rejected over all real trials (first failing criterion, in order in_turn, "
             "duration, side order, bout, gap, U-turn, range): %s.\n" % rej_tot)
    if skipped:
        L.append("Skipped trials:\n")
        for nm, why in skipped:
            L.append("- %s: %s" % (nm, why))
        L.append("")
    else:
        L.append("Skipped trials: none.\n")
    L.append("Sim: strides per recording %s; rejects %s.\n"
             % (", ".join("%s: %d" % (r["name"], r["n_strides"]) for r in sim),
                "; ".join("%s %s" % (r["name"], r["rejects"]) for r in sim)))
    L.append("### Per-trial stride counts (real)\n")
    L.append("| trial | strides (L-start / R-start) | missing samples | H (m) |")
    L.append("|---|---|---|---|")
    for r in real:
        L.append("| %s | %d (%s / %s) | %d | %s |" % (r["name"], r["n_strides"], r["n_by_side"].get("L", 0),
                                                      r["n_by_side"].get("R", 0), r["missing_samples"],
                                                      "%.2f" % r["height_m"] if r["height_m"] else "—"))
    L.append("")
    with open(os.path.join(OUT, "report.md"), "w") as f:
        f.write("\n".join(L) + "\n")
    print("wrote", os.path.join(OUT, "report.md"))


if __name__ == "__main__":
    main()
