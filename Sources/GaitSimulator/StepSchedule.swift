import GaitCore

/// One planned walking bout: when movement starts and stops, and every initial contact with its
/// side and the length of the step it ends.
struct PlannedBout: Sendable, Hashable {
    /// Time the body starts to move (gait initiation), seconds from the first sample.
    var onset: Double
    /// Initial contacts c₀ … cₙ, seconds.
    var contacts: [Double]
    /// The foot of each contact; sides alternate.
    var sides: [Side]
    /// Target length of the step ending at each contact, metres; index 0 (the first contact of
    /// the bout, which ends no step) holds 0.
    var stepLengths: [Double]
    /// Time the body is at rest again (end of gait termination), seconds.
    var rest: Double
    /// Each double support, fraction of the stride, at this bout's speed
    /// (`GaitPhaseTiming.doubleSupport(speedMps:)`).
    var doubleSupport: Double
    /// `SimulationParameters.stepLengthLeadShare`.
    var leadShare: Double = 0.5

    var stepCount: Int { contacts.count - 1 }
    func stepTime(_ j: Int) -> Double { contacts[j] - contacts[j - 1] }
}

/// When the subject stands and walks, and the contacts of every bout.
///
/// Step times and lengths: the mean step time is 60 / cadence and the mean step length is
/// speed × mean step time. With an asymmetry of a % the longer side's mean is (1 + a/200) times
/// the overall mean and the shorter side's (1 − a/200) times, so that
/// 100·|L − R| / (0.5·(L + R)) = a exactly. Each step then gets independent Gaussian jitter
/// (step-time CV √2 × the stride-time CV, step-length CV as given, clipped at ±3 SD), after which
/// each side's steps of a bout are rescaled to that side's mean. So the truth reproduces the
/// requested speed and asymmetries exactly in every bout, and each bout has an even number of
/// steps (as many left as right).
struct StepSchedule: Sendable, Hashable {
    var bouts: [PlannedBout]

    /// Gait initiation: from movement onset to the first contact, in mean step times.
    static let initiationSteps = 1.4
    /// Gait termination: from the last contact to rest, in mean step times.
    static let terminationSteps = 1.2
    /// Fewest steps in a bout.
    static let minimumSteps = 4

    init(_ p: SimulationParameters) {
        var rng = SplitMix64(seed: p.seed, stream: 1)
        let s = p.structure
        let stepT = p.meanStepTimeS
        let walking = p.durationS - s.standingStartS - s.standingEndS
        let boutCount = walking <= s.maxBoutS ? 1 : Int(((walking + s.pauseS) / (s.maxBoutS + s.pauseS)).rounded(.up))
        let window = (walking - Double(boutCount - 1) * s.pauseS) / Double(boutCount)
        let lead = Self.initiationSteps * stepT, tail = Self.terminationSteps * stepT
        var steps = Int(((window - lead - tail) / stepT).rounded(.down))
        steps -= steps % 2
        var bouts: [PlannedBout] = []
        if steps >= Self.minimumSteps {
            for b in 0..<boutCount {
                let onset = s.standingStartS + Double(b) * (window + s.pauseS)
                bouts.append(Self.bout(p, onset: onset, steps: steps, rng: &rng))
            }
        }
        self.bouts = bouts
    }

    private static func bout(_ p: SimulationParameters, onset: Double, steps n: Int, rng: inout SplitMix64) -> PlannedBout {
        let first: Side = rng.uniform() < 0.5 ? .left : .right
        let sides = (0...n).map { $0 % 2 == 0 ? first : first.opposite }
        let meanT = p.meanStepTimeS, meanL = p.meanStepLengthM
        func sideMean(_ mean: Double, _ pct: Double, _ longer: Side, _ side: Side) -> Double {
            mean * (1 + (side == longer ? 1 : -1) * pct / 200)
        }
        let timeCV = 2.0.squareRoot() * p.variability.strideTimeCVPct / 100
        let lengthCV = p.variability.stepLengthCVPct / 100
        var times = [0.0], lengths = [0.0]
        for _ in 1...n {
            let zt = max(-3, min(3, rng.gaussian())), zl = max(-3, min(3, rng.gaussian()))
            times.append(1 + timeCV * zt)
            lengths.append(1 + lengthCV * zl)
        }
        for side in Side.allCases {
            let idx = (1...n).filter { sides[$0] == side }
            let tMean = idx.map { times[$0] }.reduce(0, +) / Double(idx.count)
            let lMean = idx.map { lengths[$0] }.reduce(0, +) / Double(idx.count)
            let tTarget = sideMean(meanT, p.stepTimeAsymmetryPct, p.stepTimeLongerSide, side)
            let lTarget = sideMean(meanL, p.stepLengthAsymmetryPct, p.stepLengthLongerSide, side)
            for j in idx {
                times[j] *= tTarget / tMean
                lengths[j] *= lTarget / lMean
            }
        }
        var contacts = [onset + initiationSteps * meanT]
        for j in 1...n { contacts.append(contacts[j - 1] + times[j]) }
        return PlannedBout(onset: onset, contacts: contacts, sides: sides, stepLengths: lengths,
                           rest: contacts[n] + terminationSteps * meanT,
                           doubleSupport: GaitPhaseTiming.doubleSupport(speedMps: meanL / meanT),
                           leadShare: p.stepLengthLeadShare)
    }
}
