import Foundation
import GaitCore
import GaitSimulator
import GaitValidation
import Testing

@testable import GaitAnalysis

/// Issue 4's accuracy targets on simulated recordings with exact truth: step length MAE ≤ 3 cm,
/// asymmetry within 2 percentage points, across speeds, sensor heights, mountings and
/// asymmetries (`gait validate simulated --grid`, docs/validation.md, "Simulated").
@Suite struct SimulatedGridTests {
    /// Step lengths of the step-length stage alone, fed the true contacts: what
    /// `TrunkPathIntegrator` and `ZijlstraStepLengthEstimator` make of the trunk's motion when
    /// contact detection is not in the way.
    static func lengthsFromTrueContacts(_ p: SimulationParameters) -> [(truth: Step, estimateM: Double)] {
        let recording = SimulatedRecording.simulate(p)
        let samples = recording.motionSamples
        let rate = p.rate.hz
        let features = WindowFeatures(frame: BodyFrame.estimate(acc: samples.acc, rate: rate))
        let steps = recording.truth.steps
        func index(_ s: Step) -> Int { Int((s.icS * rate).rounded()) }
        var candidates = steps.indices.map { k in
            ContactCandidate(
                index: index(steps[k]), finalContactAfter: nil, sideEvidence: 0,
                previousIndex: k > 0 && steps[k - 1].bout == steps[k].bout ? index(steps[k - 1]) : nil,
                features: features, harmonicRatios: nil)
        }
        var integrator = TrunkPathIntegrator(configuration: AnalysisConfiguration(), rate: rate)
        integrator.annotate(&candidates, acc: samples.acc, offset: 0)
        let estimator = ZijlstraStepLengthEstimator(sensorHeightM: p.resolvedSensorHeightM)
        var out: [(Step, Double)] = []
        for k in steps.indices.dropFirst() {
            guard let g = candidates[k].stepGeometry, let time = steps[k].stepTimeS,
                let length = estimator.stepLength(g, stepTimeS: time)
            else { continue }
            out.append((steps[k], length))
        }
        return out
    }

    /// With the true contacts, the step-length stage meets both targets (MAE ≤ 3 cm, asymmetry
    /// within 2 pp) at every speed of the grid, including when step time is asymmetric too, on
    /// either side. The pendulum alone cannot: it reads the same excursion for both steps of a
    /// stride (fed the same contacts, it measured 20 % as 2–4 % and failed 4 of these 6 cases).
    @Test(arguments: [
        (speed: 0.5, height: 1.62, lengthPct: 20.0, lengthSide: Side.left, timePct: 0.0, timeSide: Side.left),
        (0.8, 1.85, 10, .right, 10, .left),
        (1.1, 1.70, 20, .right, 5, .right),
        (1.1, 1.75, 0, .left, 10, .left),
        (1.4, 1.90, 10, .left, 0, .left),
        (1.6, 1.80, 5, .right, 10, .right),
    ])
    func stepLengthAsymmetryFromTrueContacts(
        _ c: (speed: Double, height: Double, lengthPct: Double, lengthSide: Side, timePct: Double, timeSide: Side)
    ) {
        let p = SimulationParameters(
            seed: 77, durationS: 120, bodyHeightM: c.height, speedMps: c.speed,
            stepTimeAsymmetryPct: c.timePct, stepTimeLongerSide: c.timeSide,
            stepLengthAsymmetryPct: c.lengthPct, stepLengthLongerSide: c.lengthSide)
        let pairs = Self.lengthsFromTrueContacts(p)
        func sideMeans(_ value: ((truth: Step, estimateM: Double)) -> Double) -> Asymmetry {
            func mean(_ side: Side) -> Double {
                let v = pairs.filter { $0.truth.side == side }.map(value)
                return v.reduce(0, +) / Double(v.count)
            }
            return Asymmetry(left: mean(.left), right: mean(.right), resolution: 0.01)
        }
        let truth = sideMeans { $0.truth.stepLengthM! }
        let estimate = sideMeans(\.estimateM)
        let mae = pairs.map { abs($0.estimateM - $0.truth.stepLengthM!) }.reduce(0, +) / Double(pairs.count)
        #expect(pairs.count > 100)
        #expect(mae <= SimulatedGrid.stepLengthMAETargetM, "\(c.speed) m/s: step length MAE \(mae) m")
        #expect(
            abs(estimate.pct - truth.pct) <= SimulatedGrid.asymmetryTargetPct,
            "\(c.speed) m/s: step-length asymmetry \(estimate.pct) % against \(truth.pct) %")
        if c.lengthPct >= SimulatedGrid.sideNamingMinimumPct { #expect(estimate.longerSide == c.lengthSide) }
    }

    /// The whole pipeline on a reduced grid (3 recordings per speed, every factor represented):
    /// every target that the analysis meets is asserted; the ones it misses today are listed in
    /// `knownMisses` and recorded as known issues, so this test also fails when one of them
    /// starts to pass (move it out of the list then). Why they miss, with the full grid's
    /// figures, is in docs/validation.md ("Simulated"): contact detection times left and right
    /// contacts differently when steps are asymmetric (which moves time and length between the
    /// sides); at 1.4–1.6 m/s the pendulum also reads long.
    @Test func issueTargetsOnReducedGrid() throws {
        let cases = SimulatedGrid.cases(recordingsPerSpeed: 3, seed: 1000, durationS: SimulatedGrid.defaultDurationS)
        let scores = try SimulatedGrid.run(cases)
        let checks = SimulatedGrid.targetChecks(cases, scores)
        #expect(checks.count == 4 * (SimulatedGrid.speedsMps.count + 1))
        for check in checks {
            if Self.knownMisses.contains(check.name) {
                withKnownIssue("missed today; see docs/validation.md") {
                    #expect(check.met, "\(check.name): \(check.value) against at most \(check.limit)")
                }
            } else {
                #expect(check.met, "\(check.name): \(check.value) against at most \(check.limit)")
            }
        }
    }

    /// "0.5 m/s step-time asymmetry" is met since the gentle-walking contacts
    /// (docs/algorithms/initial-contacts.md, step 3). Since the simulated trunk varies from stride
    /// to stride like a real one (`TrunkVariation`, 2026-11-21), the stance-time asymmetry at 0.5,
    /// 0.8 and 1.1 m/s is met. Since step length uses the typical double support rather than the
    /// one timed by our toe-offs (`ZijlstraStepLengthEstimator`, 2026-11-21), the step length MAE
    /// is met at 0.5–1.1 m/s and overall; the full grid's figures are in docs/validation.md.
    /// Since the simulator's double support follows the walking speed (`GaitPhaseTiming`,
    /// 2026-11-21), stance-time asymmetry misses at 0.5 and 1.1 m/s here as on the full grid,
    /// which it already missed (2.23 and 3.19 pp before the change, 2.94 and 3.50 after): the
    /// three recordings here had passed by their draw, and 4.6 ms more double support at 1.1 m/s
    /// moved our toe-offs enough to change that (the measured index of the 16 recordings there
    /// moved by −1.1 to +2.4 pp).
    static let knownMisses: Set<String> = [
        "0.5 m/s step-length asymmetry (pp)", "0.5 m/s stance-time asymmetry (pp)",
        "0.8 m/s step-time asymmetry (pp)", "0.8 m/s step-length asymmetry (pp)",
        "1.1 m/s step-time asymmetry (pp)", "1.1 m/s step-length asymmetry (pp)",
        "1.1 m/s stance-time asymmetry (pp)",
        "1.4 m/s step length MAE (cm)", "1.4 m/s step-time asymmetry (pp)", "1.4 m/s step-length asymmetry (pp)",
        "1.4 m/s stance-time asymmetry (pp)",
        "1.6 m/s step length MAE (cm)", "1.6 m/s step-time asymmetry (pp)", "1.6 m/s step-length asymmetry (pp)",
        "1.6 m/s stance-time asymmetry (pp)",
        "all step-time asymmetry (pp)", "all step-length asymmetry (pp)",
        "all stance-time asymmetry (pp)",
    ]
}
