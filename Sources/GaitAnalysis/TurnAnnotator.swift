import GaitCore

/// Joins turns to the event stage's output, for one segment: marks each step whose initial
/// contact lies in a turn (`in_turn`), counts the steps of each turn and the turns that overlap
/// each bout, and lets events out in their original order once what they depend on is final.
///
/// - A step waits until turn membership is decided at its contact (the detector's `horizon`).
/// - A bout waits until every turn that starts before its end is known.
/// - A turn waits until every step whose contact precedes its end has been let out, so that its
///   `n_steps` is complete.
/// Both waits are bounded (the longest turn; the event stage's few pending contacts), so state
/// stays bounded. Without a gyroscope (`assessed` false) events pass straight through with
/// `in_turn` and `n_turns` null.
struct TurnAnnotator {
    let assessed: Bool
    private let startTime: Double
    private let rate: Double
    /// Events from the event stage not yet let out, in order.
    private var held: [AnalysisEvent] = []
    /// Turns decided but not yet let out (their step counts are still growing), in order.
    private var found: [Turn] = []
    /// Turns decided so far in this segment.
    private var decided = 0
    /// Turns decided that end before the current bout's first contact.
    private var turnsBeforeBout = 0
    private var currentBout: Int?
    /// Turns let out so far.
    private(set) var emitted = 0

    init(assessed: Bool, startTime: Double, rate: Double) {
        self.assessed = assessed
        self.startTime = startTime
        self.rate = rate
    }

    /// Time of segment sample `index`: the same expression as the event stage's, so that times
    /// compare exactly as the indices do.
    private func time(_ index: Int) -> Double { startTime + Double(index) / rate }

    mutating func add(_ events: [AnalysisEvent]) { held += events }

    mutating func add(_ detection: ElGoharyTurnDetector.Detection) {
        let start = time(detection.region.start), end = time(detection.region.end)
        let duration = Double(detection.region.count) / rate
        found.append(Turn(startS: start, endS: end, angleDeg: detection.angleDeg,
                          meanAngularVelocityDegps: abs(detection.angleDeg) / duration,
                          peakAngularVelocityDegps: detection.peakDegps))
        decided += 1
    }

    /// Let out what is final. `turnHorizon`: segment index before which turn membership is
    /// decided; `stepHorizon`: index before which every step has been added. Nil: everything
    /// is final (the segment ended).
    mutating func release(turnHorizon: Int?, stepHorizon: Int?, into out: inout [AnalysisEvent]) {
        guard assessed else {
            out += held
            held.removeAll()
            return
        }
        let turnsKnownBefore = turnHorizon.map(time) ?? .infinity
        var released = 0
        scan: for event in held {
            switch event {
            case .step(var s):
                guard s.icS < turnsKnownBefore else { break scan }
                if s.bout != currentBout {
                    currentBout = s.bout
                    // Every turn ending before this contact is decided, and none of them is let
                    // out after it, so those still held are the ones that may overlap the bout.
                    turnsBeforeBout = decided - found.filter { $0.endS >= s.icS }.count
                }
                s.inTurn = false
                if let k = found.firstIndex(where: { $0.contains(s.icS) }) {
                    s.inTurn = true
                    found[k].nSteps += 1
                }
                out.append(.step(s))
            case .bout(var b):
                guard b.endS < turnsKnownBefore else { break scan }
                let startingBeforeEnd = decided - found.filter { $0.startS > b.endS }.count
                b.measures.nTurns = startingBeforeEnd - turnsBeforeBout
                out.append(.bout(b))
            case .stride, .turn:
                out.append(event)
            }
            released += 1
        }
        held.removeFirst(released)

        let stepsKnownBefore = stepHorizon.map(time) ?? .infinity
        let firstHeldStep = held.lazy.compactMap { e -> Double? in
            if case .step(let s) = e { return s.icS } else { return nil }
        }.first
        var letOut = 0
        for turn in found {
            guard turn.endS < stepsKnownBefore, firstHeldStep.map({ $0 > turn.endS }) ?? true else { break }
            out.append(.turn(turn))
            letOut += 1
        }
        found.removeFirst(letOut)
        emitted += letOut
    }
}
