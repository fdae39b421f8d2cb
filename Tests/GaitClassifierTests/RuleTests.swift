import GaitClassifier
import GaitCore
import XCTest

/// Each rule on hand-made summaries: flagged past its cut-off, silent before it, with evidence
/// and notes. Values sit either side of the thresholds the pattern pages give.
final class RuleTests: XCTestCase {
    /// A summary of 120 straight steps in two 60 s bouts at 1.3 m/s, otherwise healthy.
    private func summary(_ edit: (inout GaitMeasures) -> Void = { _ in }) -> Summary {
        var m = GaitMeasures()
        m.nSteps = 120
        m.nStraightSteps = 120
        m.speedMps = 1.3
        m.strideLengthM = 1.3
        m.stepRegularityV = 0.75
        m.strideRegularityV = 0.68
        m.strideTimeCVPct = 2
        m.stepTimeAsymmetry = Asymmetry(left: 0.5, right: 0.5, resolution: 0.01)
        m.straightStepTimeAsymmetry = m.stepTimeAsymmetry
        m.lateralExcursionAsymmetry = Asymmetry(left: 0.020, right: 0.019, resolution: 0.001)
        m.impactAsymmetry = Asymmetry(left: 3.0, right: 2.8, resolution: 0.05)
        m.pelvisRollRangeDeg = 7.5
        m.pelvisYawRangeDeg = 9.5
        edit(&m)
        return Summary(walkingTimeS: 120, nBouts: 2, measures: m)
    }

    private let adult = Subject(heightM: 1.75, ageYears: 40, sex: "M")

    private func flags(_ s: Summary, subject: Subject? = nil) -> RuleClassifier.Classification {
        RuleClassifier().classify(summary: s, subject: subject ?? adult, meanSideConfidence: 0.95)
    }

    func testHealthySummaryIsNotFlagged() {
        XCTAssertEqual(flags(summary()).flags.map(\.pattern), [])
    }

    func testAntalgicNeedsTheCriterionTheSideAndTheRegularitySupport() {
        let asymmetric = summary {
            $0.straightStepTimeAsymmetry = Asymmetry(left: 0.56, right: 0.46, resolution: 0.01)  // SI 19.6 %
            $0.stepRegularityV = 0.60
            $0.strideRegularityV = 0.70  // gap +0.10: z = 2.9 against −0.066 ± 0.058
        }
        let f = flags(asymmetric).flags.first { $0.pattern == "antalgic" }
        XCTAssertEqual(f?.side, .left, "the side whose steps are longer")
        XCTAssertEqual(f?.score ?? 0, (19.6 - 10) / 10, accuracy: 0.01)
        XCTAssertTrue(f?.evidence.contains { $0.metric == "stride_minus_step_regularity_v" } ?? false)

        let unsupported = summary { $0.straightStepTimeAsymmetry = Asymmetry(left: 0.56, right: 0.46, resolution: 0.01) }
        let c = flags(unsupported)
        XCTAssertFalse(c.flags.contains { $0.pattern == "antalgic" })
        XCTAssertTrue(c.notes.contains { $0.hasPrefix("antalgic:") && $0.contains("not supported") })

        let small = summary {
            $0.straightStepTimeAsymmetry = Asymmetry(left: 0.52, right: 0.48, resolution: 0.01)  // 8 %
            $0.stepRegularityV = 0.60
            $0.strideRegularityV = 0.70
        }
        XCTAssertFalse(flags(small).flags.contains { $0.pattern == "antalgic" })
    }

    func testShortStrideAgainstTheAgeAndSexStratum() {
        // Men 40–49: 1.43 m/s, SD 0.28: z ≤ −2 below 0.87 m/s.
        let slow = summary { $0.speedMps = 0.80 }
        XCTAssertTrue(flags(slow).flags.contains { $0.pattern == "short_stride" && $0.side == nil })
        let borderline = summary { $0.speedMps = 0.90 }
        XCTAssertFalse(flags(borderline).flags.contains { $0.pattern == "short_stride" })
        // Without age and sex: the slowest stratum (0.94 m/s) is the reference, and a note says so.
        let c = flags(slow, subject: Subject(heightM: 1.75))
        XCTAssertFalse(c.flags.contains { $0.pattern == "short_stride" })
        XCTAssertTrue(c.notes.contains { $0.contains("age or sex not given") })
    }

    /// Per-side values with the given signed symmetry index (left larger positive) and per-side
    /// standard error `se`.
    private func sided(_ signedSI: Double, mean: Double, se: Double, resolution: Double) -> Asymmetry {
        let l = mean * (200 + signedSI) / 200, r = mean * (200 - signedSI) / 200
        return Asymmetry(left: l, right: r, resolution: resolution, leftSE: se, rightSE: se)
    }

    /// Where a signed symmetry index crosses the norm at |z| = normZ, for the recording's SE.
    private func cut(_ norm: HealthyNorm, _ a: Asymmetry, towardsLeft: Bool) -> Double {
        let spread = (norm.sd * norm.sd + a.signedPctSE! * a.signedPctSE!).squareRoot()
        return norm.mean + (towardsLeft ? 1 : -1) * RuleClassifier.normZ * spread
    }

    func testLateralShiftNeedsAGyroscope() {
        let shifted = summary { $0.lateralExcursionAsymmetry = Asymmetry(left: 0.03, right: 0.015, resolution: 0.001) }
        XCTAssertEqual(flags(shifted).flags.first { $0.pattern == "lateral_shift" }?.side, .left)
        var accelerometerOnly = shifted
        accelerometerOnly.measures.pelvisRollRangeDeg = nil
        accelerometerOnly.measures.pelvisYawRangeDeg = nil
        let c = flags(accelerometerOnly)
        XCTAssertFalse(c.flags.contains { $0.pattern == "lateral_shift" })
        XCTAssertTrue(c.notes.contains { $0.hasPrefix("lateral_shift:") && $0.contains("gyroscope") })
    }

    func testLateralShiftAndImpactUseTheHealthyNorms() {
        let n = HealthyNorms.voisard
        // Lateral: 2 cm mean excursion, 0.5 mm standard error per side (a long recording).
        let probe = sided(20, mean: 0.02, se: 0.0005, resolution: 0.001)
        let lateralCut = cut(n.lateralExcursionAsymmetryPct, probe, towardsLeft: true)
        XCTAssertGreaterThan(lateralCut, 10, "the norm, not the 10 % criterion, decides here")
        let above = flags(summary { $0.lateralExcursionAsymmetry = sided(lateralCut + 1.5, mean: 0.02, se: 0.0005, resolution: 0.001) })
        XCTAssertEqual(above.flags.first { $0.pattern == "lateral_shift" }?.side, .left)
        XCTAssertFalse(flags(summary { $0.lateralExcursionAsymmetry = sided(lateralCut - 1.5, mean: 0.02, se: 0.0005, resolution: 0.001) })
            .flags.contains { $0.pattern == "lateral_shift" })
        // The same asymmetry measured from few steps (a large standard error) is within what
        // healthy recordings of that length show.
        XCTAssertFalse(flags(summary { $0.lateralExcursionAsymmetry = sided(lateralCut + 1.5, mean: 0.02, se: 0.004, resolution: 0.001) })
            .flags.contains { $0.pattern == "lateral_shift" })
        // With step times differing beyond the 10 % criterion the sway asymmetry is what a limp
        // gives, and a note says so instead of a flag.
        let limping = flags(summary {
            $0.lateralExcursionAsymmetry = sided(lateralCut + 1.5, mean: 0.02, se: 0.0005, resolution: 0.001)
            $0.straightStepTimeAsymmetry = Asymmetry(left: 0.56, right: 0.46, resolution: 0.01)
        })
        XCTAssertFalse(limping.flags.contains { $0.pattern == "lateral_shift" })
        XCTAssertTrue(limping.notes.contains { $0.hasPrefix("lateral_shift:") && $0.contains("limp") })
        // Towards the right: the signed index is negative.
        let rightCut = cut(n.lateralExcursionAsymmetryPct, probe, towardsLeft: false)
        XCTAssertEqual(flags(summary { $0.lateralExcursionAsymmetry = sided(rightCut - 1.5, mean: 0.02, se: 0.0005, resolution: 0.001) })
            .flags.first { $0.pattern == "lateral_shift" }?.side, .right)

        // Impact: right larger, 2 m/s² mean peak, 0.05 m/s² standard error per side.
        let impactProbe = sided(-80, mean: 2, se: 0.05, resolution: 0.05)
        let impactCut = cut(n.impactAsymmetryPct, impactProbe, towardsLeft: false)
        let impacts = sided(impactCut - 3, mean: 2, se: 0.05, resolution: 0.05)
        let confirmed: (inout GaitMeasures) -> Void = { $0.stepRegularityV = 0.60; $0.strideRegularityV = 0.70 }
        let impact = flags(summary { confirmed(&$0); $0.impactAsymmetry = impacts }).flags
            .first { $0.pattern == "impact_asymmetry" }
        XCTAssertEqual(impact?.side, .right)
        XCTAssertTrue(impact?.evidence.contains { $0.reference.contains("proxy") } ?? false, "labelled as a trunk proxy")
        XCTAssertFalse(flags(summary { confirmed(&$0); $0.impactAsymmetry = sided(impactCut + 3, mean: 2, se: 0.05, resolution: 0.05) })
            .flags.contains { $0.pattern == "impact_asymmetry" })
        XCTAssertFalse(flags(summary { $0.impactAsymmetry = impacts }).flags.contains { $0.pattern == "impact_asymmetry" },
                       "not without the regularity confirmation")
    }

    func testGuardedComparesRotationAtTheMeasuredSpeed() {
        let norm = HealthyNorms.voisard.trunkRotationRangeDeg
        let cut = norm.expected(speed: 1.3) - RuleClassifier.normZ * norm.sd
        XCTAssertTrue(flags(summary { $0.pelvisRollRangeDeg = (cut - 1) / 2; $0.pelvisYawRangeDeg = (cut - 1) / 2 })
            .flags.contains { $0.pattern == "guarded" })
        XCTAssertFalse(flags(summary { $0.pelvisRollRangeDeg = (cut + 1) / 2; $0.pelvisYawRangeDeg = (cut + 1) / 2 })
            .flags.contains { $0.pattern == "guarded" })
        let noGyro = flags(summary { $0.pelvisRollRangeDeg = nil; $0.pelvisYawRangeDeg = nil })
        XCTAssertTrue(noGyro.notes.contains { $0.hasPrefix("guarded:") && $0.contains("gyroscope") })
    }

    func testIrregularNeedsTwentyStrides() {
        XCTAssertTrue(flags(summary { $0.strideTimeCVPct = 8 }).flags.contains { $0.pattern == "irregular" })
        XCTAssertFalse(flags(summary { $0.strideTimeCVPct = 5.5 }).flags.contains { $0.pattern == "irregular" })
        let few = summary { $0.strideTimeCVPct = 8; $0.nSteps = 30 }
        let c = flags(few)
        XCTAssertFalse(c.flags.contains { $0.pattern == "irregular" })
        XCTAssertTrue(c.notes.contains { $0.hasPrefix("irregular:") })
    }

    func testKneeGivingWayIsExperimentalWithTheStanceSide() {
        let f = flags(summary { $0.givingWayCandidates = 3; $0.givingWayCandidatesLeft = 1; $0.givingWayCandidatesRight = 2 })
            .flags.first { $0.pattern == "knee_giving_way" }
        XCTAssertEqual(f?.side, .right)
        XCTAssertEqual(f?.experimental, true)
    }

    func testFewStepsGiveNoFlagsAndSaySo() {
        let c = flags(summary { $0.nStraightSteps = 12; $0.nSteps = 14; $0.speedMps = 0.5 })
        XCTAssertTrue(c.flags.isEmpty)
        XCTAssertTrue(c.notes.contains { $0.contains("fewer than the 20") })
    }

    func testConfidenceFallsWithFewStepsShortBoutsAndUncertainSides() {
        let slow: (inout GaitMeasures) -> Void = { $0.speedMps = 0.7 }
        func confidence(_ s: Summary, side: Double = 0.95) -> Double? {
            RuleClassifier().classify(summary: s, subject: adult, meanSideConfidence: side).flags.first?.confidence
        }
        let full = confidence(summary(slow))!
        var short = summary(slow)
        short.nBouts = 8  // 15 s bouts
        var few = summary(slow)
        few.measures.nStraightSteps = 40
        XCTAssertEqual(full, 1, accuracy: 1e-9)
        XCTAssertEqual(confidence(short)!, 0.5, accuracy: 1e-9)
        XCTAssertEqual(confidence(few)!, 0.4, accuracy: 1e-9)
        let sided = summary { $0.lateralExcursionAsymmetry = Asymmetry(left: 0.04, right: 0.015, resolution: 0.001) }
        XCTAssertLessThan(confidence(sided, side: 0.6)!, confidence(sided, side: 0.95)!)
    }

    func testEveryFlagCarriesSourcedEvidence() {
        let everything = summary {
            $0.speedMps = 0.6
            $0.strideTimeCVPct = 9
            $0.givingWayCandidates = 1
            $0.givingWayCandidatesLeft = 1
        }
        let c = flags(everything)
        XCTAssertEqual(Set(c.flags.map(\.pattern)), ["short_stride", "irregular", "knee_giving_way"])
        for f in c.flags {
            XCTAssertFalse(f.evidence.isEmpty)
            for e in f.evidence { XCTAssertFalse(e.source.isEmpty, "\(f.pattern) \(e.metric)") }
            XCTAssertTrue((0...1).contains(f.score) && (0...1).contains(f.confidence))
        }
    }
}
