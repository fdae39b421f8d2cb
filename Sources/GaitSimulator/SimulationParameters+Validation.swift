import GaitCore

extension SimulationParameters {
    /// Limits of the parameters the generator is built for.
    public enum Limits {
        public static let speedMps = 0.2...2.5
        public static let cadenceSpm = 40.0...200.0
        public static let bodyHeightM = 0.5...2.5
        public static let sensorHeightM = 0.3...1.6
        public static let rateHz = 10.0...2000.0
        /// Up to 7 days.
        public static let durationS = 0.0...604_800.0
        public static let asymmetryPct = 0.0...60.0
        public static let variabilityPct = 0.0...15.0
        /// The ages of the comfortable-speed strata (`ReferenceSpeeds`), years.
        public static let ageYears = 20.0...99.0
        /// Shortest walking stretch the recording must leave room for, seconds.
        public static let minimumWalkingS = 4.0
    }

    /// Checks the parameters, throwing a `GaitError` of kind `.usage` that names the first
    /// offending parameter, its value and the accepted range. The ranges are checked on
    /// `patternApplied`, the values the generator uses (a `short_stride` speed, say).
    public func validate() throws(GaitError) {
        try Self.check(ageYears.isFinite && Limits.ageYears.contains(ageYears),
                       "age must be between \(Limits.ageYears.lowerBound) and \(Limits.ageYears.upperBound) years, got \(ageYears)")
        try Self.check(Subject.isValidSex(sex), "sex must be F or M, got '\(sex)'")
        if pattern == .normal {
            try Self.check(severity == .none, "pattern 'normal' takes no severity")
        }
        try Self.check(affectedSide == nil || pattern.hasSide, "pattern '\(pattern.rawValue)' has no affected side")
        if pattern == .antalgic && severity != .none {
            try Self.check(stepTimeAsymmetryPct == 0,
                           "pattern 'antalgic' sets the step-time asymmetry itself; leave it at 0 (got \(stepTimeAsymmetryPct) %)")
        }
        do { try patternApplied.validateRanges() } catch {
            guard patternIsActive else { throw error }
            throw GaitError(.usage, "with pattern '\(pattern.rawValue)' (\(severity.rawValue)): \(error.message)")
        }
    }

    private static func check(_ ok: Bool, _ message: @autoclosure () -> String) throws(GaitError) {
        if !ok { throw GaitError(.usage, message()) }
    }

    private func validateRanges() throws(GaitError) {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws(GaitError) {
            try Self.check(ok, message())
        }
        func inRange(_ name: String, _ value: Double, _ range: ClosedRange<Double>, _ unit: String) throws(GaitError) {
            try check(value.isFinite && range.contains(value),
                      "\(name) must be between \(range.lowerBound) and \(range.upperBound) \(unit), got \(value)")
        }
        try inRange("speed", speedMps, Limits.speedMps, "m/s")
        try inRange("body height", bodyHeightM, Limits.bodyHeightM, "m")
        try inRange("sensor height", resolvedSensorHeightM, Limits.sensorHeightM, "m")
        try check(resolvedSensorHeightM < bodyHeightM,
                  "sensor height (\(resolvedSensorHeightM) m) must be below body height (\(bodyHeightM) m)")
        try inRange("cadence", resolvedCadenceSpm, Limits.cadenceSpm, "steps/min")
        try inRange("sampling rate", rate.hz, Limits.rateHz, "Hz")
        try inRange("duration", durationS, Limits.durationS, "s")
        try inRange("step-time asymmetry", stepTimeAsymmetryPct, Limits.asymmetryPct, "%")
        try inRange("step-length asymmetry", stepLengthAsymmetryPct, Limits.asymmetryPct, "%")
        try check(stepLengthLeadShare.isFinite && (0...1).contains(stepLengthLeadShare),
                  "step-length lead share must be in 0...1, got \(stepLengthLeadShare)")
        try inRange("stride-time CV", variability.strideTimeCVPct, Limits.variabilityPct, "%")
        try inRange("step-length CV", variability.stepLengthCVPct, Limits.variabilityPct, "%")
        for (name, v) in [("standing at start", structure.standingStartS), ("standing at end", structure.standingEndS),
                          ("pause", structure.pauseS)] {
            try check(v.isFinite && v >= 0, "\(name) must be a non-negative number of seconds, got \(v)")
        }
        try check(structure.maxBoutS.isFinite && structure.maxBoutS >= 10,
                  "maximum bout length must be at least 10 s, got \(structure.maxBoutS)")
        let walking = durationS - structure.standingStartS - structure.standingEndS
        try check(walking >= Limits.minimumWalkingS,
                  "duration \(durationS) s leaves \(walking) s for walking after standing "
                      + "\(structure.standingStartS) s + \(structure.standingEndS) s; at least "
                      + "\(Limits.minimumWalkingS) s are needed")
        // The pendulum arc covers at most the longest step; it must fit under the pendulum.
        let longest = meanStepLengthM * (1 + stepLengthAsymmetryPct / 200) * (1 + 4 * variability.stepLengthCVPct / 100)
        try check(longest < 1.5 * resolvedSensorHeightM,
                  "step length \(meanStepLengthM) m (speed \(speedMps) m/s at \(resolvedCadenceSpm) steps/min) "
                      + "is too long for a sensor height of \(resolvedSensorHeightM) m")
        let noiseValues = [noise.accSDMps2, noise.gyroSDDegPerS, noise.accBiasSDMps2, noise.gyroBiasSDDegPerS]
        try check(noiseValues.allSatisfy { $0.isFinite && $0 >= 0 }, "noise levels must be non-negative")
        let angles = [mounting.yawDeg, mounting.pitchDeg, mounting.rollDeg, tilt?.yawDeg ?? 0, tilt?.pitchDeg ?? 0,
                      tilt?.rollDeg ?? 0]
        try check(angles.allSatisfy(\.isFinite), "mounting and tilt angles must be finite")
        let scales = [motion.lateralSway, motion.roll, motion.pitch, motion.yaw, motion.impact]
        try check(scales.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 10 }, "motion scale factors must be in 0...10")
        let variation = [trunkVariation.forwardRmsPerSpeed, trunkVariation.leftRmsPerSpeed, trunkVariation.upRmsPerSpeed]
        try check(variation.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 5 }, "trunk variation must be in 0...5 (m/s²)/(m/s)")
    }
}
