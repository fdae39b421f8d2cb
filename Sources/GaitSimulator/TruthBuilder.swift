import GaitCore

/// Builds the ground truth of a simulation as an `AnalysisResult` (schema gait.analysis/1), the
/// values an ideal analysis would report: every contact as a step, every stride, one bout per
/// walking stretch, and the recording's summary.
///
/// Definitions follow the contract: a step ends with an initial contact and belongs to that foot;
/// its time and length are measured from the previous contact (none for a bout's first contact);
/// `fc_s` is the toe-off of the same foot before the contact (the end of the previous double
/// support; for a bout's first contact, one swing time before it). A stride runs from a contact
/// to the next contact of the same foot; its stance ends at that foot's toe-off (the end of the
/// double support after the next contact), its swing is the rest. Step and stride length are heel to heel: the distance between the feet
/// that land at the contacts (`BoutTrajectory.footX`). Asymmetries compare the means of a side's steps
/// (steps ending with that foot's contact); their resolution is 1 nm / 1 ns, so `longer_side` is
/// null exactly when the simulated sides are equal. The simulated path is straight, so the truth
/// has no turns (`turns` empty, `in_turn` false, `n_turns` 0).
///
/// `flags` holds the simulated pattern (none for `normal` or severity `none`): its side (null
/// for patterns without one), severity, score 1, and as evidence its dose (`SimulatedPattern.dose`)
/// plus, for `short_stride`, the speed used and, for `knee_giving_way`, the number of events
/// (`candidate_events`). `subject` holds the simulated height, sensor height, age and sex.
enum TruthBuilder {
    static let resolution = 1e-9

    static func build(parameters p: SimulationParameters, kinematics: SensorKinematics, rowCount: Int,
                      tilt: SensorTilt, sensorFromBody: Matrix3, givingWayEvents: [GivingWayEvent]) -> AnalysisResult {
        var steps: [Step] = [], strides: [Stride] = [], bouts: [Bout] = []
        for (b, tr) in kinematics.trajectories.enumerated() {
            let bout = tr.bout, c = bout.contacts, n = bout.stepCount
            var boutSteps: [Step] = [], boutStrides: [Stride] = []
            for k in 0...n {
                let fc = k > 0 ? tr.toeOffs[k - 1]
                    : c[0] - bout.stepTime(1) * (1 - 2 * bout.doubleSupport)
                boutSteps.append(Step(icS: c[k], fcS: fc, side: bout.sides[k], sideConfidence: 1,
                                      stepTimeS: k > 0 ? bout.stepTime(k) : nil,
                                      stepLengthM: k > 0 ? tr.footX[k] - tr.footX[k - 1] : nil, bout: b,
                                      inTurn: false))
            }
            for k in 0...(n - 2) {
                let length = tr.footX[k + 2] - tr.footX[k]
                boutStrides.append(Stride(startS: c[k], endS: c[k + 2], side: bout.sides[k], strideLengthM: length,
                                          speedMps: length / (c[k + 2] - c[k]), stanceTimeS: tr.toeOffs[k + 1] - c[k],
                                          swingTimeS: c[k + 2] - tr.toeOffs[k + 1], bout: b))
            }
            bouts.append(Bout(index: b, startS: c[0], endS: c[n], measures: measures(boutSteps, boutStrides)))
            steps += boutSteps
            strides += boutStrides
        }
        var input = InputInfo(path: "")
        input.rows = rowCount
        input.samplingRateHz = p.rate.hz
        input.rateSource = "timestamps"
        input.durationS = Double(rowCount) / p.rate.hz
        input.delimiter = ","
        let names = [CSVFormatting.timeColumn] + CSVFormatting.accColumns + (p.includeGyro ? CSVFormatting.gyroColumns : [])
        input.columns = zip(["time", "ax", "ay", "az", "gx", "gy", "gz"], names).map { (role: $0, column: $1) }
        input.timeFormat = "seconds"
        input.accUnits = p.accUnits.rawValue
        input.accUnitsSource = "simulated"
        if p.includeGyro {
            input.gyroUnits = p.gyroUnits.rawValue
            input.gyroUnitsSource = "simulated"
        }
        input.verticalAxis = sensorFromBody * SIMD3(0, 0, 1)
        input.forwardAxis = sensorFromBody * SIMD3(1, 0, 0)
        input.leftAxis = sensorFromBody * SIMD3(0, 1, 0)
        let walking = bouts.map { $0.endS - $0.startS }.reduce(0, +)
        let summary = Summary(walkingTimeS: walking, nBouts: bouts.count, measures: measures(steps, strides))
        let subject = Subject(heightM: p.bodyHeightM, sensorHeightM: p.resolvedSensorHeightM, ageYears: p.ageYears,
                              sex: p.sex)
        return AnalysisResult(input: input, subject: subject, notes: notes(p, tilt: tilt), steps: steps,
                              strides: strides, bouts: bouts, turns: [], summary: summary,
                              flags: flags(p, givingWayEvents: givingWayEvents))
    }

    /// The simulated pattern as the classifier would flag it; empty without an active pattern.
    static func flags(_ p: SimulationParameters, givingWayEvents: [GivingWayEvent]) -> [Flag] {
        guard p.patternIsActive, let dose = p.pattern.dose(p.severity) else { return [] }
        let source = "simulated (docs/simulator.md, Compensatory patterns)"
        let reference = "\(p.pattern.rawValue) at severity \(p.severity.rawValue)"
        var evidence = [Evidence(metric: p.pattern.doseMetric, value: dose, reference: reference, source: source)]
        switch p.pattern {
        case .shortStride:
            evidence.append(Evidence(metric: "speed_mps", value: p.patternApplied.speedMps,
                                     reference: "expected \(p.expectedSpeedMps) m/s for age \(p.ageYears), sex \(p.sex)",
                                     source: ReferenceSpeeds.comfortableSource))
        case .kneeGivingWay:
            evidence.append(Evidence(metric: "candidate_events", value: Double(givingWayEvents.count),
                                     reference: "\(dose) per minute of walking, at least one per bout", source: source))
        default:
            break
        }
        return [Flag(pattern: p.pattern.rawValue, side: p.resolvedAffectedSide, score: 1, confidence: 1,
                     evidence: evidence, experimental: p.pattern.isExperimental, severity: p.severity.rawValue)]
    }

    /// Measures of a set of steps and strides (one bout or the whole recording).
    static func measures(_ steps: [Step], _ strides: [Stride]) -> GaitMeasures {
        var m = GaitMeasures()
        m.nSteps = steps.count
        m.nTurns = 0
        let timed = steps.filter { $0.stepTimeS != nil }
        guard !timed.isEmpty else { return m }
        let times = timed.compactMap(\.stepTimeS), lengths = timed.compactMap(\.stepLengthM)
        let totalTime = times.reduce(0, +), totalLength = lengths.reduce(0, +)
        m.cadenceSpm = 60 * Double(times.count) / totalTime
        m.stepTimeS = totalTime / Double(times.count)
        m.stepLengthM = totalLength / Double(lengths.count)
        m.speedMps = totalLength / totalTime
        func sideMean(_ side: Side, _ value: (Step) -> Double?) -> Double? {
            let v = timed.filter { $0.side == side }.compactMap(value)
            return v.isEmpty ? nil : v.reduce(0, +) / Double(v.count)
        }
        if let l = sideMean(.left, \.stepTimeS), let r = sideMean(.right, \.stepTimeS) {
            m.stepTimeAsymmetry = Asymmetry(left: l, right: r, resolution: resolution)
        }
        if let l = sideMean(.left, \.stepLengthM), let r = sideMean(.right, \.stepLengthM) {
            m.stepLengthAsymmetry = Asymmetry(left: l, right: r, resolution: resolution)
        }
        if !strides.isEmpty {
            let st = strides.map(\.strideTimeS)
            let mean = st.reduce(0, +) / Double(st.count)
            m.strideTimeS = mean
            m.strideLengthM = strides.compactMap(\.strideLengthM).reduce(0, +) / Double(strides.count)
            if st.count > 1 {
                let variance = st.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(st.count - 1)
                m.strideTimeCVPct = 100 * variance.squareRoot() / mean
            }
            func stance(_ side: Side) -> Double? {
                let v = strides.filter { $0.side == side }.compactMap(\.stanceTimeS)
                return v.isEmpty ? nil : v.reduce(0, +) / Double(v.count)
            }
            if let l = stance(.left), let r = stance(.right) {
                m.stanceTimeAsymmetry = Asymmetry(left: l, right: r, resolution: resolution)
            }
        }
        return m
    }

    static func notes(_ p: SimulationParameters, tilt: SensorTilt) -> [String] {
        var first = "simulated: pattern \(p.pattern.rawValue)"
        if p.pattern != .normal {
            first += ", severity \(p.severity.rawValue)" + (p.resolvedAffectedSide.map { ", side \($0.rawValue)" } ?? "")
        }
        var notes = [first + ", seed \(p.seed)"]
        if p.sensorHeightM == nil {
            notes.append("sensor height taken as \(SimulationParameters.sensorHeightFraction) × body height")
        }
        if p.patternApplied.cadenceSpm == nil {
            notes.append("cadence from speed and leg length (0.53 × height) by Alexander 1976, doi:10.1038/261129a0")
        }
        let m = p.mounting
        notes.append("sensor mounting yaw \(m.yawDeg)°, pitch \(m.pitchDeg)°, roll \(m.rollDeg)°; tilt yaw "
                         + "\(rounded(tilt.yawDeg))°, pitch \(rounded(tilt.pitchDeg))°, roll \(rounded(tilt.rollDeg))°")
        return notes
    }

    private static func rounded(_ v: Double) -> Double { (v * 100).rounded() / 100 }
}
