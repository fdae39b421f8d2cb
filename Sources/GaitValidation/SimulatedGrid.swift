import GaitCore
import GaitSimulator

/// One recording of the validation grid: the simulation, and what the analysis is told about it.
public struct SimulatedGridCase: Sendable, Hashable {
    public var parameters: SimulationParameters
    /// The sensor's height relative to `Anthropometry.sensorHeightFraction` × body height, m;
    /// nil: it sits at that fraction (`SimulatedGrid.sensorHeightOffsetsM`).
    public var sensorHeightOffsetM: Double?
    /// Name of the sensor mounting (`SimulatedGrid.mountings`).
    public var mountingName: String

    public init(parameters: SimulationParameters, sensorHeightOffsetM: Double?, mountingName: String) {
        self.parameters = parameters
        self.sensorHeightOffsetM = sensorHeightOffsetM
        self.mountingName = mountingName
    }

    /// Sensor height given to the analysis (as `--sensor-height`), m: the simulated one where it
    /// was set off the default fraction; nil (estimated from body height, as the simulator
    /// derived it) otherwise.
    public var analysisSensorHeightM: Double? { parameters.sensorHeightM }
}

/// The grid cohort of `gait validate simulated --grid` (docs/validation.md, "Simulated"): the
/// issue's accuracy targets for step length (MAE ≤ 3 cm) and left/right asymmetry (within 2
/// percentage points of the truth) across speeds, sensor heights, mountings, asymmetries and
/// where a longer step's extra length comes from (`stepLengthLeadShares`).
///
/// Design: `recordingsPerSpeed` recordings at each of `speedsMps`. Within each speed every other
/// factor takes its levels in equal shares (as nearly as the count allows; the leftover levels
/// rotate from one speed to the next), in an order shuffled by the seed, independently per factor;
/// body height is a Latin hypercube over `bodyHeightRangeM` (one draw in each of the speed's
/// equal strata). So every level of every factor is covered at every speed and the design is
/// the same for the same seed. Each recording gets its own seed (`seed` + index), which also
/// draws its random small tilt on top of the mounting (`SensorMounting.randomRangeDeg`).
public enum SimulatedGrid {
    public static let speedsMps = [0.5, 0.8, 1.1, 1.4, 1.6]
    public static let stepLengthAsymmetriesPct = [0.0, 5, 10, 20]
    public static let stepTimeAsymmetriesPct = [0.0, 5, 10]
    /// Where a longer step's extra length comes from (`SimulationParameters.stepLengthLeadShare`):
    /// all from the trailing foot, shared, all from the leading foot.
    public static let stepLengthLeadShares = [0.0, 0.5, 1.0]
    /// Sensor height relative to `Anthropometry.sensorHeightFraction` × body height, m; nil: the
    /// sensor sits at that fraction and the analysis is told only the body height.
    public static let sensorHeightOffsetsM: [Double?] = [nil, -0.05, 0.05]
    public static var mountings: [(name: String, mounting: SensorMounting)] { SimulatedCohort.mountings }
    public static let bodyHeightRangeM = 1.55...1.95
    /// Long enough for stable side means (two bouts of about 55 s, 90–120 steps).
    public static let defaultDurationS = 120.0
    public static let defaultRecordingsPerSpeed = 16
    /// True asymmetries from which the longer side must be named, percent.
    public static let sideNamingMinimumPct = 5.0

    /// The design: `recordingsPerSpeed` × `speedsMps.count` recordings, ordered by speed, sampled
    /// at `rateHz` (the design itself does not depend on the rate).
    public static func cases(
        recordingsPerSpeed n: Int = defaultRecordingsPerSpeed, seed: UInt64,
        durationS: Double = defaultDurationS, rateHz: Double = 100
    ) -> [SimulatedGridCase] {
        var rng = SplitMix64(seed: seed, stream: 0x6752_4944)
        // Its own stream, so that adding the factor left every other factor's levels as they were.
        var leadRng = SplitMix64(seed: seed, stream: 0x4c45_4144)
        var out = [SimulatedGridCase]()
        for (b, speed) in speedsMps.enumerated() {
            let rotation = b * n
            let slAsym = balanced(stepLengthAsymmetriesPct, n, rotation, &rng)
            let stAsym = balanced(stepTimeAsymmetriesPct, n, rotation, &rng)
            let slSide = balanced(Side.allCases, n, rotation, &rng)
            let stSide = balanced(Side.allCases, n, rotation + 1, &rng)
            let sensor = balanced(sensorHeightOffsetsM, n, rotation, &rng)
            let mounting = balanced(Array(mountings.indices), n, rotation, &rng)
            let gyro = balanced([true, false], n, rotation, &rng)
            let strata = balanced(Array(0..<n), n, 0, &rng)
            let leadShare = balanced(stepLengthLeadShares, n, rotation, &leadRng)
            for k in 0..<n {
                let u = (Double(strata[k]) + rng.uniform()) / Double(n)
                let height = bodyHeightRangeM.lowerBound + u * (bodyHeightRangeM.upperBound - bodyHeightRangeM.lowerBound)
                let sensorHeight = sensor[k].map { Anthropometry.sensorHeightFraction * height + $0 }
                let p = SimulationParameters(
                    seed: seed + UInt64(out.count), durationS: durationS, rate: SamplingRate(hz: rateHz),
                    bodyHeightM: height, sensorHeightM: sensorHeight,
                    speedMps: speed, stepTimeAsymmetryPct: stAsym[k], stepTimeLongerSide: stSide[k],
                    stepLengthAsymmetryPct: slAsym[k], stepLengthLongerSide: slSide[k], stepLengthLeadShare: leadShare[k],
                    includeGyro: gyro[k],
                    mounting: mountings[mounting[k]].mounting)
                out.append(
                    SimulatedGridCase(
                        parameters: p, sensorHeightOffsetM: sensor[k],
                        mountingName: mountings[mounting[k]].name))
            }
        }
        return out
    }

    /// `count` values cycling through `levels` from `rotation`, in a seeded random order.
    private static func balanced<T>(_ levels: [T], _ count: Int, _ rotation: Int, _ rng: inout SplitMix64) -> [T] {
        var values = (0..<count).map { levels[($0 + rotation) % levels.count] }
        for i in stride(from: count - 1, to: 0, by: -1) {
            values.swapAt(i, Swift.min(i, Int(rng.uniform() * Double(i + 1))))
        }
        return values
    }

    /// Scores every case; throws a usage error for parameters the simulator does not accept
    /// (e.g. a duration too short for walking).
    public static func run(_ cases: [SimulatedGridCase]) throws(GaitError) -> [SimulatedScore] {
        var scores = [SimulatedScore]()
        for c in cases {
            try c.parameters.validate()
            scores.append(try SimulatedEvaluation.score(c.parameters, analysisSensorHeightM: c.analysisSensorHeightM))
        }
        return scores
    }
}

/// Accuracy of a group of grid recordings against the issue's targets.
public struct SimulatedGridSummary: Sendable {
    public var recordings: Int
    /// Mean absolute error of matched steps' lengths, m.
    public var stepLengthMAEM: Double
    /// |mean timing error of left contacts − that of right contacts|, s: mean and largest over
    /// the recordings. A difference between the sides moves time and distance from one side's
    /// steps to the other's, so it bounds how well any asymmetry can be measured.
    public var contactSkewMeanS: Double
    public var contactSkewMaxS: Double
    public var stepTime: AsymmetryErrors
    public var stepLength: AsymmetryErrors
    public var stanceTime: AsymmetryErrors

    /// |summary − truth| symmetry index over the recordings, and the longer side named.
    public struct AsymmetryErrors: Sendable {
        /// Mean and largest error, percentage points (over recordings where both exist).
        public var meanPct: Double
        public var maxPct: Double
        /// Recordings where the analysis or the truth gave no asymmetry.
        public var missing: Int
        /// Recordings with a true asymmetry ≥ `SimulatedGrid.sideNamingMinimumPct`, and how
        /// many of them the analysis named the truth's longer side for.
        public var sideAsked: Int
        public var sideRight: Int

        init(_ comparisons: [AsymmetryComparison]) {
            let errors = comparisons.compactMap(\.errorPct)
            meanPct = errors.isEmpty ? .nan : errors.reduce(0, +) / Double(errors.count)
            maxPct = errors.max() ?? .nan
            missing = comparisons.count - errors.count
            let sides = comparisons.compactMap { $0.sideAgrees(minimumPct: SimulatedGrid.sideNamingMinimumPct) }
            sideAsked = sides.count
            sideRight = sides.filter { $0 }.count
        }
    }

    public init(_ scores: [SimulatedScore]) {
        recordings = scores.count
        let lengths = scores.flatMap(\.stepLengthErrors)
        stepLengthMAEM = lengths.isEmpty ? .nan : lengths.reduce(0, +) / Double(lengths.count)
        let skews = scores.compactMap { s in s.contactBiasLeftS.flatMap { l in s.contactBiasRightS.map { abs(l - $0) } } }
        contactSkewMeanS = skews.isEmpty ? .nan : skews.reduce(0, +) / Double(skews.count)
        contactSkewMaxS = skews.max() ?? .nan
        stepTime = AsymmetryErrors(scores.map(\.stepTimeAsymmetry))
        stepLength = AsymmetryErrors(scores.map(\.stepLengthAsymmetry))
        stanceTime = AsymmetryErrors(scores.map(\.stanceTimeAsymmetry))
    }
}

extension SimulatedGrid {
    /// Step length: mean absolute error of matched steps, m.
    public static let stepLengthMAETargetM = 0.03
    /// Asymmetry: each recording's summary symmetry index within this of the truth, percentage points.
    public static let asymmetryTargetPct = 2.0

    /// One target applied to one group of recordings (a speed band, or all).
    public struct TargetCheck: Sendable, Hashable {
        /// "0.8 m/s" … "all".
        public var group: String
        /// "step length MAE (cm)", "step-time asymmetry (pp)", "step-length asymmetry (pp)" or
        /// "stance-time asymmetry (pp)".
        public var measure: String
        /// The MAE, or the largest asymmetry error; +∞ where a recording gave no value.
        public var value: Double
        public var limit: Double

        public var met: Bool { value <= limit }
        public var name: String { "\(group) \(measure)" }
    }

    /// The recordings of each speed, then all of them.
    static func speedGroups(_ cases: [SimulatedGridCase], _ scores: [SimulatedScore]) -> [(String, [SimulatedScore])] {
        precondition(cases.count == scores.count, "one score per case")
        let pairs = Array(zip(cases, scores))
        return speedsMps.map { v in ("\(v.fixed(1)) m/s", pairs.filter { $0.0.parameters.speedMps == v }.map(\.1)) }
            + [("all", scores)]
    }

    /// The issue's targets for every speed band and overall. A recording with no value (no
    /// steps, or no asymmetry where the truth has one) fails its group.
    public static func targetChecks(_ cases: [SimulatedGridCase], _ scores: [SimulatedScore]) -> [TargetCheck] {
        var checks = [TargetCheck]()
        for (group, members) in speedGroups(cases, scores) where !members.isEmpty {
            let g = SimulatedGridSummary(members)
            func worst(_ e: SimulatedGridSummary.AsymmetryErrors) -> Double {
                e.missing > 0 || !e.maxPct.isFinite ? .infinity : e.maxPct
            }
            checks.append(
                TargetCheck(
                    group: group, measure: "step length MAE (cm)",
                    value: g.stepLengthMAEM.isFinite ? 100 * g.stepLengthMAEM : .infinity,
                    limit: 100 * stepLengthMAETargetM))
            for (measure, e) in [("step-time", g.stepTime), ("step-length", g.stepLength), ("stance-time", g.stanceTime)] {
                checks.append(
                    TargetCheck(group: group, measure: "\(measure) asymmetry (pp)", value: worst(e), limit: asymmetryTargetPct))
            }
        }
        return checks
    }

    /// Two Markdown tables: by speed band (and overall), then by the other factors.
    public static func markdown(_ cases: [SimulatedGridCase], _ scores: [SimulatedScore]) -> String {
        precondition(cases.count == scores.count, "one score per case")
        let pairs = Array(zip(cases, scores))
        func rows(_ label: String, _ groups: [(String, [SimulatedScore])]) -> String {
            var s =
                "| \(label) | recordings | contact timing L − R mean / max (ms) | step length MAE (cm) "
                + "| step-time asym. error mean / max (pp) | longer side | step-length asym. error mean / max (pp) "
                + "| longer side | stance-time asym. error mean / max (pp) | longer side |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
            for (name, group) in groups where !group.isEmpty {
                let g = SimulatedGridSummary(group)
                func asym(_ e: SimulatedGridSummary.AsymmetryErrors) -> String {
                    "\(e.meanPct.fixed(2)) / \(e.maxPct.fixed(2))" + (e.missing > 0 ? " (\(e.missing) missing)" : "")
                        + " | \(e.sideRight) of \(e.sideAsked)"
                }
                s +=
                    "| \(name) | \(g.recordings) | \((g.contactSkewMeanS * 1000).fixed(1)) / \((g.contactSkewMaxS * 1000).fixed(1)) "
                    + "| \((g.stepLengthMAEM * 100).fixed(2)) | \(asym(g.stepTime)) "
                    + "| \(asym(g.stepLength)) | \(asym(g.stanceTime)) |\n"
            }
            return s
        }
        let bySpeed = speedGroups(cases, scores)
        var byFactor: [(String, [SimulatedScore])] = []
        func add(_ name: String, _ keep: (SimulatedGridCase) -> Bool) {
            byFactor.append((name, pairs.filter { keep($0.0) }.map(\.1)))
        }
        for (name, _) in mountings { add("mounting \(name)", { $0.mountingName == name }) }
        add("with gyroscope", { $0.parameters.includeGyro })
        add("accelerometer only", { !$0.parameters.includeGyro })
        for offset in sensorHeightOffsetsM {
            let label =
                offset.map { "sensor height given, \($0 > 0 ? "+" : "")\(($0 * 100).fixed(0)) cm off 0.56 × height" }
                ?? "sensor height from body height"
            add(label, { $0.sensorHeightOffsetM == offset })
        }
        for a in stepLengthAsymmetriesPct {
            add("step-length asymmetry \(a.fixed(0)) %", { $0.parameters.stepLengthAsymmetryPct == a })
        }
        for a in stepTimeAsymmetriesPct {
            add("step-time asymmetry \(a.fixed(0)) %", { $0.parameters.stepTimeAsymmetryPct == a })
        }
        for share in stepLengthLeadShares {
            add("longer step's extra length from the leading foot: \(share.fixed(1))",
                { $0.parameters.stepLengthLeadShare == share })
        }
        return rows("speed", bySpeed) + "\n" + rows("condition", byFactor)
    }
}

extension SimulatedGrid {
    /// One Markdown row per recording: its factors and its errors, to find what a failing group
    /// has in common.
    public static func recordingsMarkdown(_ cases: [SimulatedGridCase], _ scores: [SimulatedScore]) -> String {
        precondition(cases.count == scores.count, "one score per case")
        func pct(_ v: Double?) -> String { v?.fixed(1) ?? "–" }
        func side(_ a: Asymmetry?) -> String { a?.longerSide?.rawValue ?? "–" }
        func asym(_ c: AsymmetryComparison) -> String {
            "\(pct(c.truth?.pct)) \(side(c.truth)) / \(pct(c.measured?.pct)) \(side(c.measured))"
        }
        func ms(_ v: Double?) -> String { v.map { ($0 * 1000).fixed(1) } ?? "–" }
        var s =
            "| seed | speed (m/s) | height (m) | sensor height (m) | mounting | gyro | lead share | found | contact timing L / R (ms) "
            + "| step length MAE (cm) "
            + "| step-time asym. true / measured (%) | step-length asym. true / measured (%) "
            + "| stance-time asym. true / measured (%) |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        for (c, r) in zip(cases, scores) {
            let p = c.parameters
            let mae = r.stepLengthErrors.isEmpty ? Double.nan : r.stepLengthErrors.reduce(0, +) / Double(r.stepLengthErrors.count)
            let sensor = p.resolvedSensorHeightM.fixed(3) + (c.sensorHeightOffsetM == nil ? " (from height)" : " (given)")
            s +=
                "| \(p.seed) | \(p.speedMps.fixed(1)) | \(p.bodyHeightM.fixed(3)) | \(sensor) | \(c.mountingName) "
                + "| \(p.includeGyro ? "yes" : "no") | \(p.stepLengthLeadShare.fixed(1)) | \(r.found.fixed(3)) | \(ms(r.contactBiasLeftS)) / \(ms(r.contactBiasRightS)) "
                + "| \((mae * 100).fixed(2)) "
                + "| \(asym(r.stepTimeAsymmetry)) | \(asym(r.stepLengthAsymmetry)) | \(asym(r.stanceTimeAsymmetry)) |\n"
        }
        return s
    }
}
