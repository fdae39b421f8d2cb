import GaitCore

/// The shapes of the body's sideways sway and the pelvis's rotations over a stride, as Fourier
/// series in the stride phase θ (0 at the left initial contact, π at the right one; see
/// `StridePhase`), calibrated on real lower-back recordings.
///
/// Each term is `amplitude · cos(h·θ + phase)`. Lateral sway is the body's position to the
/// left, metres; roll, pitch and yaw are angles of the pelvis, degrees, in the body frame (x
/// forward, y left, z up): roll positive = left side up (rotation about +x), pitch positive =
/// top tilted forward (about +y), yaw positive = turned to the left, counter-clockwise from
/// above (about +z).
///
/// ## Calibration (Voisard et al. 2023, IPOL, https://www.ipol.im/pub/art/2023/497/)
/// 78 trials of 14 healthy adults (Xsens MTw at L5, 100 Hz, hand-checked heel strikes; trials
/// 4-1 and 4-2 left out, see below). Axes per straight walking segment: vertical from the mean
/// acceleration; forward = the sensor's −z projected on the horizontal (the walking direction
/// by strap-down integration of the first ~1.2 s of walking from a still stance: along −z in 74
/// of 80 gait initiations, 2 contrary, 4 unusable; 57 of 80 terminations, 1 contrary);
/// left = up × forward. Signals were averaged over strides from a left heel strike (LHS) to the
/// next, time-normalised (688 strides). Percentages below are of that stride.
/// - Events: right heel strike (RHS) at 50.4 %, right toe-off at 11.8 %, left toe-off at 61.7 %;
///   stride time median 1.10 s.
/// - Roll rate: positive (left side rising, the swinging right side dropping) for ~0–10 %
///   after LHS, peak +0.75 rad/s at 8 %; negative mirror after RHS, peak −0.70 rad/s at 57 %.
///   First harmonic consistent across subjects (resultant length R = 0.82, phase −20° of the
///   rate), third harmonic too (R = 0.92). Roll angle: left side highest at ≈30 % (left
///   mid-stance): the contralateral pelvic drop.
/// - Mediolateral acceleration (fixed axes, i.e. with the gravity that roll tilts into them;
///   its own first harmonic is weak and less consistent, 0.28 m/s², R = 0.58, as the parts cancel):
///   right after LHS a rightward (negative) jolt, −1.5 m/s² at 6 %, then +1.0 at 12 %; the mirror
///   after RHS (+1.3 at 54 %, −1.0 at 60 %). Removing the roll-tilted gravity (g·roll) leaves
///   the body's own lateral acceleration, whose first harmonic (median 0.68 m/s², R = 0.95) puts the
///   body furthest left, by 2.0 cm, at ≈26 % (left stance) and furthest right at ≈76 %: sway
///   towards the stance foot, about ±2 cm. That residual is the `lateralSway` template; the
///   simulator adds the roll tilt back through the sensor orientation, so its mediolateral
///   signal reproduces the measured one.
/// - Yaw rate (about the vertical): a consistent stride-frequency component (median 0.33 rad/s,
///   R = 0.65): the pelvis turns left (positive) from ≈20 % to 45 % of the stride (peak
///   +0.36 rad/s at 41 %) and right from ≈70 % to 98 % (peak −0.31 rad/s at 92 %); near zero at
///   the contacts. Yaw angle: most negative (turned right, i.e. left hip forward) −2.7° at ≈15 %,
///   most positive +2.4° at ≈69 %: pelvic rotation of about ±2.6°, the leading hip forward just
///   after its own contact (marker studies quote ≈±4°).
/// - Pitch rate (about the left axis) is at step frequency (h2 0.20 rad/s, R = 0.61; h1 small and
///   inconsistent, R = 0.13): at each contact the pelvis tilts backward (rate ≈ −0.2 rad/s, dip
///   −0.3 at 10 % and 60 %), then forward; tilt angle most backward ≈−1° just after each contact
///   (13 %, 63 %) and most forward ≈+0.9° before the next (42 %, 92 %).
/// - Forward and vertical accelerations are at step frequency (h2 R = 0.97 both); their model is
///   `BoutTrajectory` + `ImpactTransient`.
/// - Only the harmonics a mirror-symmetric gait allows are kept: odd ones for lateral sway, roll
///   and yaw, even ones for pitch (the others are < 0.2° or < 0.07 m/s² and inconsistent).
/// - Trials 4-1 and 4-2 have every stride-frequency component (roll, mediolateral, yaw)
///   phase-inverted relative to all other trials while the step-frequency ones agree; the feet's
///   own sensors confirm their left/right labels, so those two lower-back files are either
///   offset in time by half a stride or mounted differently. They were left out.
struct PelvisMotionTemplate: Sendable {
    struct Term: Sendable {
        let harmonic: Int
        let amplitude: Double
        let phaseDeg: Double
    }

    /// Body position to the left, metres (odd harmonics only: a symmetric gait is mirror-symmetric).
    static let lateralSway: [Term] = [
        Term(harmonic: 1, amplitude: 0.01971, phaseDeg: -97), Term(harmonic: 3, amplitude: 0.001006, phaseDeg: 50),
        Term(harmonic: 5, amplitude: 0.000687, phaseDeg: -61), Term(harmonic: 7, amplitude: 0.000160, phaseDeg: -168),
    ]
    /// Roll, degrees.
    static let roll: [Term] = [
        Term(harmonic: 1, amplitude: 2.376, phaseDeg: -113), Term(harmonic: 3, amplitude: 1.275, phaseDeg: 177),
        Term(harmonic: 5, amplitude: 0.196, phaseDeg: 126), Term(harmonic: 7, amplitude: 0.064, phaseDeg: 37),
    ]
    /// Pitch, degrees.
    static let pitch: [Term] = [
        Term(harmonic: 2, amplitude: 0.562, phaseDeg: 82), Term(harmonic: 4, amplitude: 0.153, phaseDeg: 33),
        Term(harmonic: 6, amplitude: 0.232, phaseDeg: -173), Term(harmonic: 8, amplitude: 0.087, phaseDeg: 145),
    ]
    /// Yaw, degrees.
    static let yaw: [Term] = [
        Term(harmonic: 1, amplitude: 2.556, phaseDeg: 138), Term(harmonic: 3, amplitude: 0.327, phaseDeg: -117),
        Term(harmonic: 5, amplitude: 0.120, phaseDeg: -168),
    ]

    /// Σ scale · amplitude · cos(h·θ + phase), with its derivatives.
    static func evaluate(_ terms: [Term], theta: Jet, scale: Double) -> Jet {
        var sum = Jet.zero
        if scale == 0 { return sum }
        for term in terms {
            let h = Double(term.harmonic)
            let arg = Jet(h * theta.value + term.phaseDeg * .pi / 180, h * theta.rate, h * theta.accel)
            sum += (scale * term.amplitude) * arg.cosine
        }
        return sum
    }
}

extension PelvisMotionTemplate {
    /// `terms` with a second-harmonic (step-frequency) term added so that the template's peak
    /// towards `side` exceeds its peak towards the other side half a stride later by a symmetry
    /// index of `symmetryIndexPct`: 100·(e_S − e_O) / (0.5·(e_S + e_O)), the excursions e
    /// measured from the mean over the stride. "Towards the left" is the template's positive
    /// direction (body to the left; roll with the left side up, i.e. the right side dropping).
    ///
    /// The templates hold odd harmonics only, so their peak towards S, p at phase θ_S (found on
    /// a 0.1° grid), is mirrored by −p at θ_S + π and their mean is 0. The added term
    /// ±A·cos(2(θ − θ_S)) is +A towards S at both phases, so e_S = p + A and e_O = p − A, and
    /// A = p · SI / 200 gives the index exactly; a second harmonic has zero mean, so the mean
    /// position stays where it was. For the lateral sway (one peak a side) these are the global
    /// extremes: the added term leaves the peaks where they were as long as A < p/4 (SI < 50 %).
    /// The roll is double-peaked (the contralateral drop at ≈18 % of the stride and a lower
    /// second peak at ≈49 %), so there the index holds between the principal peaks; beyond
    /// SI ≈ 20 % the second peak on the other side becomes the larger of that side's two.
    static func skewed(_ terms: [Term], towards side: Side, symmetryIndexPct: Double) -> [Term] {
        let sign: Double = side == .left ? 1 : -1
        let grid = (0..<3600).map { 2 * Double.pi * Double($0) / 3600 }
        let thetaS = grid.max {
            sign * evaluate(terms, theta: Jet($0), scale: 1).value < sign * evaluate(terms, theta: Jet($1), scale: 1).value
        }!
        let peak = sign * evaluate(terms, theta: Jet(thetaS), scale: 1).value
        let phaseDeg = -2 * thetaS * 180 / .pi + (sign > 0 ? 0 : 180)
        return terms + [Term(harmonic: 2, amplitude: peak * symmetryIndexPct / 200, phaseDeg: phaseDeg)]
    }
}
