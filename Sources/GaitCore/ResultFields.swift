/// The serialized names of every result field, defined once. JSON, CSV, NDJSON, text and the
/// docs (docs/output.md) all use these lists. Names carry unit suffixes (_s, _m, _mps, _spm, _hz,
/// _pct, _deg, _degps); a field without a suffix is dimensionless.

extension Step: FieldRecord {
    public static let fields: [Field<Step>] = [
        Field("ic_s") { .init($0.icS) },
        Field("fc_s") { .init($0.fcS) },
        Field("side") { .init($0.side) },
        Field("side_confidence") { .init($0.sideConfidence) },
        Field("step_time_s") { .init($0.stepTimeS) },
        Field("step_length_m") { .init($0.stepLengthM) },
        Field("bout") { .init($0.bout) },
        Field("in_turn") { .init($0.inTurn) },
        Field("support_min_g") { .init($0.supportMinG) },
        Field("giving_way_candidate") { .init($0.givingWayCandidate) },
    ]
}

extension Stride: FieldRecord {
    public static let fields: [Field<Stride>] = [
        Field("start_s") { .init($0.startS) },
        Field("end_s") { .init($0.endS) },
        Field("side") { .init($0.side) },
        Field("stride_time_s") { .init($0.strideTimeS) },
        Field("stride_length_m") { .init($0.strideLengthM) },
        Field("speed_mps") { .init($0.speedMps) },
        Field("stance_time_s") { .init($0.stanceTimeS) },
        Field("swing_time_s") { .init($0.swingTimeS) },
        Field("bout") { .init($0.bout) },
    ]
}

extension GaitMeasures {
    /// Fields shared by bouts and the summary, after their own leading fields.
    public static let fields: [Field<GaitMeasures>] = [
        Field("n_steps") { .int($0.nSteps) },
        Field("cadence_spm") { .init($0.cadenceSpm) },
        Field("spectral_cadence_spm") { .init($0.spectralCadenceSpm) },
        Field("step_time_s") { .init($0.stepTimeS) },
        Field("stride_time_s") { .init($0.strideTimeS) },
        Field("step_length_m") { .init($0.stepLengthM) },
        Field("stride_length_m") { .init($0.strideLengthM) },
        Field("speed_mps") { .init($0.speedMps) },
        Field("step_time_asymmetry_pct") { .init($0.stepTimeAsymmetry?.pct) },
        Field("step_time_ratio") { .init($0.stepTimeAsymmetry?.ratio) },
        Field("step_time_longer_side") { .init($0.stepTimeAsymmetry?.longerSide) },
        Field("step_length_asymmetry_pct") { .init($0.stepLengthAsymmetry?.pct) },
        Field("step_length_ratio") { .init($0.stepLengthAsymmetry?.ratio) },
        Field("step_length_longer_side") { .init($0.stepLengthAsymmetry?.longerSide) },
        Field("stance_time_asymmetry_pct") { .init($0.stanceTimeAsymmetry?.pct) },
        Field("stance_time_longer_side") { .init($0.stanceTimeAsymmetry?.longerSide) },
        Field("stride_time_cv_pct") { .init($0.strideTimeCVPct) },
        Field("step_regularity_v") { .init($0.stepRegularityV) },
        Field("stride_regularity_v") { .init($0.strideRegularityV) },
        Field("step_regularity_ap") { .init($0.stepRegularityAP) },
        Field("stride_regularity_ap") { .init($0.strideRegularityAP) },
        Field("harmonic_ratio_v") { .init($0.harmonicRatioV) },
        Field("harmonic_ratio_ap") { .init($0.harmonicRatioAP) },
        Field("harmonic_ratio_ml") { .init($0.harmonicRatioML) },
        Field("rms_acc_v_mps2") { .init($0.rmsAccV) },
        Field("rms_acc_ap_mps2") { .init($0.rmsAccAP) },
        Field("rms_acc_ml_mps2") { .init($0.rmsAccML) },
        Field("n_turns") { .init($0.nTurns) },
        Field("n_straight_steps") { .int($0.nStraightSteps) },
        Field("straight_step_time_asymmetry_pct") { .init($0.straightStepTimeAsymmetry?.pct) },
        Field("straight_step_time_longer_side") { .init($0.straightStepTimeAsymmetry?.longerSide) },
        Field("impact_asymmetry_pct") { .init($0.impactAsymmetry?.pct) },
        Field("impact_larger_side") { .init($0.impactAsymmetry?.longerSide) },
        Field("lateral_excursion_m") { .init($0.lateralExcursionAsymmetry.map { 0.5 * ($0.left + $0.right) }) },
        Field("lateral_excursion_asymmetry_pct") { .init($0.lateralExcursionAsymmetry?.pct) },
        Field("lateral_excursion_larger_side") { .init($0.lateralExcursionAsymmetry?.longerSide) },
        Field("pelvis_roll_range_deg") { .init($0.pelvisRollRangeDeg) },
        Field("pelvis_yaw_range_deg") { .init($0.pelvisYawRangeDeg) },
        Field("giving_way_candidates") { .int($0.givingWayCandidates) },
        Field("giving_way_candidates_left") { .int($0.givingWayCandidatesLeft) },
        Field("giving_way_candidates_right") { .int($0.givingWayCandidatesRight) },
        Field("autocorrelation_symmetry_v") { .init($0.autocorrelationSymmetryV) },
        Field("autocorrelation_symmetry_ap") { .init($0.autocorrelationSymmetryAP) },
        Field("stance_time_ratio") { .init($0.stanceTimeAsymmetry?.ratio) },
        Field("side_confidence_median") { .init($0.sideConfidenceMedian) },
        Field("step_time_change_median") { .init($0.stepTimeChangeMedian) },
    ]
}

extension Turn: FieldRecord {
    public static let fields: [Field<Turn>] = [
        Field("start_s") { .init($0.startS) },
        Field("end_s") { .init($0.endS) },
        Field("duration_s") { .init($0.durationS) },
        Field("angle_deg") { .init($0.angleDeg) },
        Field("mean_angular_velocity_degps") { .init($0.meanAngularVelocityDegps) },
        Field("peak_angular_velocity_degps") { .init($0.peakAngularVelocityDegps) },
        Field("n_steps") { .int($0.nSteps) },
    ]
}

extension Bout: FieldRecord {
    public static let fields: [Field<Bout>] =
        [
            Field("index") { .int($0.index) },
            Field("start_s") { .init($0.startS) },
            Field("end_s") { .init($0.endS) },
            Field("duration_s") { .init($0.endS - $0.startS) },
        ] + GaitMeasures.fields.map { f in Field(f.name) { f.value($0.measures) } }
        // Last, added after the others: which bouts the summary leaves out, so that a table of
        // bouts says so without the reader re-deriving the rule from rounded measures.
        + [Field("possibly_not_walking") { .bool($0.measures.isUnlikeWalking) }]
}

extension Summary: FieldRecord {
    public static let fields: [Field<Summary>] =
        [
            Field("walking_time_s") { .init($0.walkingTimeS) },
            Field("n_bouts") { .int($0.nBouts) },
        ] + GaitMeasures.fields.map { f in Field(f.name) { f.value($0.measures) } }
}

extension Evidence: FieldRecord {
    public static let fields: [Field<Evidence>] = [
        Field("metric") { .string($0.metric) },
        Field("value") { .init($0.value) },
        Field("reference") { .string($0.reference) },
        Field("source") { .string($0.source) },
    ]
}

extension Flag: FieldRecord {
    public static let fields: [Field<Flag>] = [
        Field("pattern") { .string($0.pattern) },
        Field("side") { .init($0.side) },
        Field("score") { .init($0.score) },
        Field("confidence") { .init($0.confidence) },
        Field("experimental") { .bool($0.experimental) },
        Field("severity") { .init($0.severity) },
        Field("evidence") { .array($0.evidence.map(\.json)) },
    ]
}

extension Gap: FieldRecord {
    public static let fields: [Field<Gap>] = [
        Field("start_s") { .init($0.startS) },
        Field("end_s") { .init($0.endS) },
        Field("missing_samples") { .int($0.missingSamples) },
        Field("bridged") { .bool($0.bridged) },
    ]
}

extension ClockShift: FieldRecord {
    public static let fields: [Field<ClockShift>] = [
        Field("t_s") { .init($0.atS) },
        Field("shift_s") { .init($0.shiftS) },
        Field("clock_before") { .string($0.clockBefore) },
        Field("clock_after") { .string($0.clockAfter) },
    ]
}

extension InputInfo: FieldRecord {
    private static func axis(_ v: SIMD3<Double>?) -> JSONValue {
        v.map { .array([.number($0.x), .number($0.y), .number($0.z)]) } ?? .null
    }

    public static let fields: [Field<InputInfo>] = [
        Field("path") { .string($0.path) },
        Field("rows") { .int($0.rows) },
        Field("sampling_rate_hz") { .init($0.samplingRateHz) },
        Field("rate_source") { .string($0.rateSource) },
        Field("duration_s") { .init($0.durationS) },
        Field("delimiter") { .string($0.delimiter) },
        Field("columns") { .object($0.columns.map { ($0.role, .string($0.column)) }) },
        Field("time_format") { .string($0.timeFormat) },
        Field("acc_units") { .string($0.accUnits) },
        Field("acc_units_source") { .string($0.accUnitsSource) },
        Field("gyro_units") { .init($0.gyroUnits) },
        Field("gyro_units_source") { .init($0.gyroUnitsSource) },
        Field("preamble_lines") { .int($0.preambleLines) },
        Field("segments") { .int($0.segments) },
        Field("gaps") { .array($0.gaps.map(\.json)) },
        Field("bad_rows_skipped") { .int($0.badRowsSkipped) },
        Field("duplicate_timestamps") { .int($0.duplicateTimestamps) },
        Field("backward_timestamps") { .int($0.backwardTimestamps) },
        Field("clock_shifts") { .array($0.clockShifts.map(\.json)) },
        Field("vertical_axis") { axis($0.verticalAxis) },
        Field("forward_axis") { axis($0.forwardAxis) },
        Field("left_axis") { axis($0.leftAxis) },
    ]
}

extension Subject: FieldRecord {
    public static let fields: [Field<Subject>] = [
        Field("height_m") { .init($0.heightM) },
        Field("sensor_height_m") { .init($0.sensorHeightM) },
        Field("age_years") { .init($0.ageYears) },
        Field("sex") { .init($0.sex) },
    ]
}

extension AnalysisResult {
    /// The `gait.analysis/1` document's members, the long lists made one element at a time
    /// (`JSONWriter.stream` writes them with bounded memory).
    public var jsonMembers: [(String, JSONMember)] {
        [
            ("schema", .value(.string(Self.schema))),
            ("input", .value(input.json)),
            ("subject", .value(subject.json)),
            ("notes", .value(.array(notes.map { .string($0) }))),
            ("steps", .records(steps)),
            ("strides", .records(strides)),
            ("bouts", .records(bouts)),
            ("turns", turns.map { .records($0) } ?? .value(.null)),
            ("summary", .value(summary.json)),
            ("flags", .records(flags)),
            ("disclaimer", .value(.string(researchDisclaimer))),
        ]
    }

    /// The whole result as the `gait.analysis/1` JSON document.
    public var json: JSONValue { .object(jsonMembers.map { ($0.0, $0.1.value) }) }
}
