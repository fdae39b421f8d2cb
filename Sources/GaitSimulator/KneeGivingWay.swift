import GaitCore

/// One simulated knee giving-way event (`knee_giving_way`, experimental).
public struct GivingWayEvent: Sendable, Hashable {
    /// When the knee gives way, seconds from the first sample: the instant of the steepest fall
    /// (the dip's most negative vertical acceleration), in the single stance on `side`.
    public var timeS: Double
    /// The side of the knee that gives way: the stance leg.
    public var side: Side
    /// The other foot's contact that ends the shortened step and catches the fall (the lowest
    /// point of the dip), seconds.
    public var contactS: Double
    /// Index of the bout.
    public var bout: Int
}

/// Knee giving way (buckling) during single stance on the affected side S: the pelvis drops and
/// the swinging foot is put down early to catch it.
///
/// Model (a choice; docs/simulator.md, "Compensatory patterns"):
/// - **Where**: in steps that END with the other foot's contact (S is then the stance leg), never
///   in the first or last two steps of a bout, and only where the steepest fall lies in the
///   shortened step's single stance (every step at cadences up to about 220 steps/min).
/// - **How many**: per bout, max(1, round(rate × minutes of walking)) at 0.5 / 1 / 2 per minute
///   (so every bout long enough has at least one event, even at mild), at most one per eligible
///   step. The bout's eligible steps are split into that many equal runs and one step is drawn
///   uniformly in each (seeded, its own random stream): events are spread over the bout and the
///   schedule of every other step is the normal one.
/// - **The step**: its time and length are cut by `stepCut` (20 %): the other foot lands early.
///   Later contacts move earlier by the time saved; the truth holds the shortened step.
/// - **The dip**: vertical displacement d(t) = −D·(1 − u²)⁴, u = (t − c)/W for |u| < 1 (zero
///   outside), centred on the early contact c, with D = `depthM` (4 cm) and W = `halfWidthS`
///   (0.25 s): the pelvis falls 4 cm over the 0.25 s before the contact (half depth 0.1 s before
///   it) and rises back over the 0.25 s after. Its acceleration −D/W²·(1 − u²)²·(56u² − 8) falls
///   to −5.22·D/W² = −3.3 m/s² at u = −√(3/7) (the fall, 0.16 s before the contact: the event
///   time), rises to +8·D/W² = +5.1 m/s² at the contact (the catch: the recovery peak, on top of
///   the heel strike's own) and returns to −3.3 m/s² at u = +√(3/7) before ending at rest.
///   Position, velocity, acceleration and jerk are continuous (C³), so the accelerometer sees the
///   exact second derivative. Added to the pendulum's single-support descent (about −1.5 m/s²
///   there), the vertical acceleration reaches about −5 m/s²: a vertical specific force of about
///   0.5 g, against ≥ 0.7 g in normal walking at 1.3 m/s.
enum KneeGivingWay {
    /// Depth of the pelvic drop, m.
    static let depthM = 0.04
    /// Half the dip's duration, s.
    static let halfWidthS = 0.25
    /// Where the fall is steepest, in units of `halfWidthS` before the contact: √(3/7).
    static let steepestFall = (3.0 / 7).squareRoot()
    /// Fraction of the step's time and length lost by landing early.
    static let stepCut = 0.2
    /// Steps at each end of a bout that never hold an event.
    static let edgeSteps = 2

    /// The dip's vertical displacement, velocity and acceleration at t for an event whose early
    /// contact is at `contact`.
    static func dip(_ t: Double, contact: Double) -> Jet {
        let w = halfWidthS, u = (t - contact) / w
        if abs(u) >= 1 { return .zero }
        let q = 1 - u * u, d = depthM
        return Jet(-d * q * q * q * q, 8 * d * u * q * q * q / w, -d * q * q * (56 * u * u - 8) / (w * w))
    }

    /// Picks the events of every bout, cuts their steps short and returns the events in time order.
    static func apply(to schedule: inout StepSchedule, side: Side, perMinute: Double, seed: UInt64) -> [GivingWayEvent] {
        var rng = SplitMix64(seed: seed, stream: 5)
        var events: [GivingWayEvent] = []
        for b in schedule.bouts.indices {
            var bout = schedule.bouts[b]
            let n = bout.stepCount
            guard n > 2 * edgeSteps else { continue }
            let singleStance = (1 - stepCut) * (1 - 2 * bout.doubleSupport)
            let eligible = ((edgeSteps + 1)...(n - edgeSteps)).filter {
                bout.sides[$0] == side.opposite && singleStance * bout.stepTime($0) >= steepestFall * halfWidthS
            }
            guard !eligible.isEmpty else { continue }
            let minutes = (bout.contacts[n] - bout.contacts[0]) / 60
            let count = min(eligible.count, max(1, Int((perMinute * minutes).rounded())))
            var chosen: [Int] = []
            for i in 0..<count {
                let lo = i * eligible.count / count, hi = (i + 1) * eligible.count / count
                chosen.append(eligible[lo + min(hi - lo - 1, Int(rng.uniform() * Double(hi - lo)))])
            }
            for j in chosen {
                let saved = stepCut * bout.stepTime(j)
                for k in j...n { bout.contacts[k] -= saved }
                bout.rest -= saved
                bout.stepLengths[j] *= 1 - stepCut
            }
            for j in chosen {
                events.append(GivingWayEvent(timeS: bout.contacts[j] - steepestFall * halfWidthS, side: side,
                                             contactS: bout.contacts[j], bout: b))
            }
            schedule.bouts[b] = bout
        }
        return events
    }
}
