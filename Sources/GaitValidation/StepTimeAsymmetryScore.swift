import GaitCore
import GaitDSP

/// Left/right timing on real gait: our step-time asymmetry and contact timing, side by side with
/// the Voisard reference heel strikes, over the straight walking of one trial.
///
/// Why: the issue-4 asymmetry target (within 2 percentage points of the truth) is scored on
/// simulated gait only (`SimulatedGrid`), whose left/right timing comes from our own model of the
/// trunk. This measures the same quantities against hand-checked foot events.
///
/// - Steps: consecutive heel strikes of alternate feet at most 2 s apart (the bout-break rule, as
///   for cadence), neither of them inside the reference U-turn ± 0.2 s; a step belongs to the side
///   of the heel strike that ends it. Ours are computed the same way from our contacts (`ic_s`,
///   `side`) inside the trial, so both describe the same straight walking and the comparison
///   does not depend on our turn detection.
/// - Symmetry index, signed: 100·(L − R)/(0.5·(L + R)) of the side means of step time, as
///   `step_time_asymmetry_pct` is (docs/output.md), but keeping the sign so that an index of the
///   wrong side counts in full. Each side needs at least two steps.
/// - Contact timing L − R: the mean signed error (ours − reference) of the matched left contacts
///   minus that of the matched right ones, straight walking only. A constant lag shared by both
///   sides cancels; what is left moves time from one side's steps to the other's.
public struct StepTimeAsymmetryScore: Sendable {
    /// Signed step-time symmetry index (L − R), percent, from the reference heel strikes.
    public var referencePct: Double
    /// The same from our contacts.
    public var oursPct: Double
    /// Mean signed timing error of matched left contacts minus matched right ones, seconds.
    public var leftMinusRightTimingS: Double?

    /// nil when either side of either sequence has fewer than two straight steps.
    init?(trial: VoisardTrial, steps: [Step], reference: [(time: Double, side: Side)], matches: MatchResult) {
        let turn = trial.turnWithMargin
        guard let ref = Self.index(reference, outside: turn),
              let ours = Self.index(steps.compactMap { s in s.side.map { (s.icS, $0) } }, outside: turn)
        else { return nil }
        referencePct = ref
        oursPct = ours
        var errors: [Side: [Double]] = [:]
        for (p, e) in zip(matches.pairs, matches.errors) where !turn.contains(reference[p.reference].time) {
            errors[reference[p.reference].side, default: []].append(e)
        }
        if let l = errors[.left], let r = errors[.right] {
            leftMinusRightTimingS = Signal.mean(l) - Signal.mean(r)
        }
    }

    /// Absolute difference of the two indices, percentage points.
    public var errorPct: Double { abs(oursPct - referencePct) }

    /// Signed symmetry index of the steps of `contacts` (time order; `VoisardEvaluation.alternateSteps`),
    /// steps touching `turn` left out.
    public static func index(_ contacts: [(time: Double, side: Side)], outside turn: ClosedRange<Double>) -> Double? {
        var times: [Side: [Double]] = [:]
        for step in VoisardEvaluation.alternateSteps(contacts) where !turn.contains(step.start) && !turn.contains(step.end) {
            times[step.side, default: []].append(step.end - step.start)
        }
        guard let l = times[.left], let r = times[.right], l.count >= 2, r.count >= 2 else { return nil }
        let left = Signal.mean(l), right = Signal.mean(r)
        return 100 * (left - right) / (0.5 * (left + right))
    }
}
