import GaitCore
import GaitDSP

/// What the trunk does at one initial contact and in the stance that follows it: the per-side
/// inputs of the classifier's measures (docs/algorithms/stance-features.md). Indices are window-local.
public struct StanceFeatures: Hashable, Sendable {
    /// Highest vertical acceleration from 30 ms before to 120 ms after the contact, m/s²: the
    /// heel-strike impact as the trunk sees it (a proxy of the loading, not a ground reaction force).
    public var impactPeakMps2: Double
    /// Largest mediolateral trunk displacement towards the left and towards the right between this
    /// contact and the next (the stance of this contact's foot), m, about the window's mean path.
    public var lateralPeakLeftM: Double
    public var lateralPeakRightM: Double
    /// Range of pelvic roll (obliquity) and yaw (rotation) over the stride that starts at this
    /// contact, degrees; nil without a gyroscope or where the stride leaves the window.
    public var rollRangeDeg: Double?
    public var yawRangeDeg: Double?
    /// Change of heading over the stride around the contact (previous to next contact), degrees;
    /// nil without a gyroscope. Steps with a large one are turning, not straight walking.
    public var headingChangeDeg: Double?
    /// Lowest vertical specific force (gravity included, low-passed) in the single stance after
    /// the contact, in g; nil where that stance is not inside the window.
    public var minSupportG: Double?
    /// How long that force stays more than `AnalysisConfiguration.givingWayDropG` below the
    /// median of the window's single-stance minima (this person's ordinary stance), s (0 when it
    /// never does).
    public var supportLossS: Double

    public init(impactPeakMps2: Double, lateralPeakLeftM: Double, lateralPeakRightM: Double,
                rollRangeDeg: Double? = nil, yawRangeDeg: Double? = nil, headingChangeDeg: Double? = nil,
                minSupportG: Double? = nil, supportLossS: Double = 0) {
        self.impactPeakMps2 = impactPeakMps2
        self.lateralPeakLeftM = lateralPeakLeftM
        self.lateralPeakRightM = lateralPeakRightM
        self.rollRangeDeg = rollRangeDeg
        self.yawRangeDeg = yawRangeDeg
        self.headingChangeDeg = headingChangeDeg
        self.minSupportG = minSupportG
        self.supportLossS = supportLossS
    }

    /// Larger than this heading change over a stride, the step is turning (degrees). Straight
    /// walking swings the pelvis ±3° in yaw, which integrates to nearly 0 over a stride; a turn
    /// at El-Gohary's 15 deg/s peak threshold turns the trunk ≈ 17° in a 1.1 s stride.
    public static let turningHeadingDeg = 15.0

    /// Whether the step is part of straight walking (true where no gyroscope could tell).
    public var isStraight: Bool { (headingChangeDeg.map { abs($0) } ?? 0) <= Self.turningHeadingDeg }

    /// The lateral excursion towards `side` during this contact's stance, m.
    public func lateralExcursion(towards side: Side) -> Double {
        side == .left ? lateralPeakLeftM : lateralPeakRightM
    }
}

/// Computes `StanceFeatures` for the contacts of one analysis window.
///
/// - Lateral path: mediolateral acceleration high-passed at `stanceHighPassHz` (2nd-order
///   Butterworth, zero phase), integrated twice with the high-pass after each integration, as the
///   vertical path of `TrunkPathIntegrator` (drift from tilt and bias removed; the stride- and
///   step-frequency sway kept).
/// - Roll and yaw angles: the rates about the forward and vertical body axes, high-passed,
///   integrated once and high-passed again.
/// - Heading: the yaw rate integrated without a high-pass over the stride around the contact.
/// - Support: vertical specific force low-passed at `supportLowPassHz`, in the single stance from
///   the contralateral toe-off (or 15 % of the step after the contact where none was found) to the
///   next contact; its minimum, and the time it spends `givingWayDropG` below the median minimum
///   of the window's stances (at least five).
/// O(n) per window of n samples.
struct StanceFeatureExtractor {
    let configuration: AnalysisConfiguration
    let rate: Double

    /// `acc`/`gyr`: the window's samples (gyr empty without a gyroscope); `av`: vertical dynamic
    /// acceleration; `contacts`: every contact of the window (window-local, ascending); `finalContacts`:
    /// the toe-off after each contact, where found. Returns one value per contact.
    func features(acc: [SIMD3<Double>], gyr: [SIMD3<Double>], av: [Double], frame: BodyFrame,
                  contacts: [Int], finalContacts: [Int?]) -> [StanceFeatures] {
        let c = configuration
        let n = acc.count
        let highPass = ButterworthFilter(.highPass(c.stanceHighPassHz), order: 2, rate: rate)
        let integrated = highPass.integratedFiltfilt
        var lateralAcc = highPass.filtfilt(acc.map { dot($0, frame.left) })
        let verticalForce = av.map { $0 + frame.gravity }     // vertical specific force, gravity included
        let support = ButterworthFilter(.lowPass(ButterworthFilter.cutoff(c.supportLowPassHz, belowNyquistAt: rate)), order: 2, rate: rate)
            .filtfilt(verticalForce.map { $0 / standardGravity })
        let degrees = 180 / Double.pi
        var roll: [Double] = [], yaw: [Double] = [], heading: [Double] = []
        if !gyr.isEmpty {
            let yawRate = gyr.map { dot($0, frame.up) * degrees }
            roll = integrated(highPass.filtfilt(gyr.map { dot($0, frame.forward) * degrees }))
            yaw = integrated(highPass.filtfilt(yawRate))
            heading = Signal.cumulativeIntegral(yawRate, rate: rate)
            Self.removeTilt(lateral: &lateralAcc, forward: highPass.filtfilt(acc.map { dot($0, frame.forward) }),
                            vertical: verticalForce, rollDeg: roll, yawDeg: yaw)
        }
        let lateral = integrated(integrated(lateralAcc))
        let impactFrom = Int((c.impactFromSeconds * rate).rounded()), impactTo = Int((c.impactToSeconds * rate).rounded())
        /// The single stance after contact k: from the contralateral toe-off (or 15 % of the
        /// step where none was found) to the next contact.
        func singleStance(_ k: Int) -> Range<Int>? {
            guard k + 1 < contacts.count else { return nil }
            let i = contacts[k], next = contacts[k + 1]
            let from = finalContacts[k].flatMap { $0 > i && $0 < next ? $0 : nil } ?? (i + (next - i) * 15 / 100)
            return from < next ? from..<next : nil
        }
        var out = [StanceFeatures]()
        out.reserveCapacity(contacts.count)
        for (k, i) in contacts.enumerated() {
            let next = k + 1 < contacts.count ? contacts[k + 1] : Swift.min(n, i + Int(c.maxStepSeconds * rate))
            let impact = av[Swift.max(0, i + impactFrom)..<Swift.min(n, Swift.max(i + impactTo + 1, i + 1))].max() ?? 0
            let stance = i..<Swift.max(i + 1, Swift.min(next, n))
            var f = StanceFeatures(impactPeakMps2: impact, lateralPeakLeftM: lateral[stance].max()!,
                                   lateralPeakRightM: -lateral[stance].min()!)
            if k + 2 < contacts.count {
                let stride = i...contacts[k + 2]
                if !roll.isEmpty {
                    f.rollRangeDeg = roll[stride].max()! - roll[stride].min()!
                    f.yawRangeDeg = yaw[stride].max()! - yaw[stride].min()!
                }
            }
            if !heading.isEmpty, k > 0, k + 1 < contacts.count {
                f.headingChangeDeg = heading[contacts[k + 1]] - heading[contacts[k - 1]]
            }
            if let single = singleStance(k) { f.minSupportG = support[single].min() }
            out.append(f)
        }
        // A loss of support is judged against this person's own stances in the window.
        let minima = out.compactMap(\.minSupportG)
        guard minima.count >= 5 else { return out }
        let threshold = Signal.median(minima) - c.givingWayDropG
        for k in out.indices where (out[k].minSupportG ?? .infinity) < threshold {
            out[k].supportLossS = Double(support[singleStance(k)!].filter { $0 < threshold }.count) / rate
        }
        return out
    }

    /// The mediolateral acceleration of the body, from the lateral specific force of a sensor
    /// that rolls and yaws with the pelvis: a roll φ (left side up) tilts the vertical specific
    /// force (gravity and the vertical acceleration) into the lateral axis, f_lat = a_lat + f_up·sin φ,
    /// and a yaw ψ turns the forward acceleration into it, f_lat ≈ a_lat − ψ·a_fwd; to first order in
    /// the angles (a few degrees), a_lat = f_lat − f_up·φ + ψ·f_fwd.
    /// Roll and yaw are the pelvis's angles about the walking frame (high-passed, as for the ranges),
    /// so only their stride- and step-frequency swings are taken out, not a mounting tilt (which the
    /// high-pass of f_lat removes already). Without it, a pelvis that drops on the swing side while
    /// the body is over the stance foot, as every walker's does, reads as less sway, and more so in
    /// people who roll more: in simulated walking at 1.2 m/s scaling the roll from 1 to 1.5 lowered the
    /// measured excursion from 13.5 to 9.7 mm (docs/algorithms/stance-features.md).
    /// `lateral` and `forward`: high-passed specific forces; `vertical`: the vertical specific force
    /// (gravity included).
    static func removeTilt(lateral: inout [Double], forward: [Double], vertical: [Double], rollDeg: [Double], yawDeg: [Double]) {
        let radians = Double.pi / 180
        for i in lateral.indices {
            lateral[i] += (-vertical[i] * rollDeg[i] + yawDeg[i] * forward[i]) * radians
        }
    }
}
