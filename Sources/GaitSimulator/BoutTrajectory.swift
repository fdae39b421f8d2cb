import GaitCore

/// Fractions of the stride that time the phases of a step, from the Voisard reference
/// recordings (688 strides of 14 healthy adults, straight walking, hand-checked events; see
/// `PelvisMotionTemplate`): the contralateral toe-off follows a heel strike by 11.8 % of the
/// stride (so each double support lasts 11.8 % and stance 61.8 %, as in gait textbooks: 10–12 %
/// and ≈62 %), at the set's mean speed; less at faster walking (`doubleSupport(speedMps:)`). The trunk's vertical acceleration there is upward from ≈7 % of the stride before
/// each heel strike until ≈19 % after it (≈7 % after the contralateral toe-off). The transition
/// window is set a little narrower (5 % before, 7 % after the toe-off): a wider window fits the
/// averaged waveform better but shrinks the vertical excursion, because the single-support arc of
/// a pendulum as long as the sensor height is flatter than the measured trunk path (about
/// −1.1 to −1.5 m/s² against −2.2 m/s² of vertical acceleration in mid single support).
enum GaitPhaseTiming {
    /// Double support after each initial contact, fraction of the stride, at
    /// `GaitPhases.referenceSpeedMps`.
    static let doubleSupport = 0.118
    /// Double support after each initial contact at walking speed `v`, fraction of the stride:
    /// `GaitPhases.stanceSlopePerMps` less per m/s faster (Kirtley et al. 1985), kept within 6–20 %.
    static func doubleSupport(speedMps v: Double) -> Double {
        min(0.2, max(0.06, doubleSupport - GaitPhases.stanceSlopePerMps * (v - GaitPhases.referenceSpeedMps)))
    }
    /// The body's support transition begins this fraction of the stride before the contact.
    static let lead = 0.05
    /// … and ends this fraction of the stride after the contralateral toe-off.
    static let lag = 0.07
}

/// The path of the body's centre of mass in one bout: forward position x and vertical position z
/// (relative to standing height), as smooth functions of time with exact derivatives.
///
/// Model (a modified inverted pendulum with a support-transition phase, after González RC,
/// Álvarez D, López AM, Álvarez JC. Modified pendulum model for mean step length estimation.
/// IEEE EMBC 2007:1371–1374. doi:10.1109/IEMBS.2007.4352553, and Zijlstra W, Hof AL.
/// Displacement of the pelvis during human walking. Gait Posture 1997;6(3):249–262.
/// doi:10.1016/S0966-6362(97)00021-0):
/// - Each step is a `PendulumArc` over the stance foot plus a transition at its contact. The
///   transition runs from `lead` before the contact through the double support to `lag` after the
///   contralateral toe-off; a quintic joins the arc before to the arc after with continuous
///   position, velocity and acceleration. During it the body moves forward at about its arc-end
///   speed while its vertical velocity turns from down to up: the smooth low point of the path.
/// - So the trunk's travel between two contacts covers the arc span S = travel − (distance
///   covered in the transitions), and each half of the arc obeys a = √(2lh − h²) for its rise h
///   (S = 2·√(2lh − h²) where the arc is symmetric about its foot). Where the feet land, and so
///   how far the trunk travels between contacts for given heel-to-heel steps, is
///   `FootPlacement`'s. The total vertical excursion of
///   the step (arc plus the dip of the transition) is larger than h. Measured on stride-averaged
///   simulated vertical acceleration (double integration, defaults, 0.8–1.6 m/s), the ratio
///   L / (2√(2l·h_total − h_total²)) is 1.28–1.31, a little above the empirical corrections
///   applied to Zijlstra's estimate (1.15–1.25, gait-reference-values §7).
///   Deviation from the brief's "arc over the whole single support": the transition is widened
///   beyond the double support by `lead` and `lag` because the reference recordings show the
///   upward (redirecting) acceleration lasting that long; confining it to the double support
///   made the vertical acceleration's 4th harmonic (2 × step frequency) 4–6 times larger than
///   measured. With the defaults at 1.1 m/s (the reference cadence) the stride-averaged vertical
///   acceleration has a step-frequency amplitude of 1.8 m/s² at −48° (phase of the cosine in
///   stride phase) against 2.5 m/s² at −40° measured, the forward one 1.2 m/s² at 41° against
///   1.5 m/s² at 70°.
/// - Gait initiation (from rest at `onset` to the first arc) and termination (from the last arc
///   to rest) are quintics too. Arc spans are solved (Newton's method, see `solve`) so that the
///   body's displacement between consecutive contacts is `FootPlacement`'s (to 1e−10 m), and each
///   arc's split about its foot so that the foot lands where the placement puts it.
struct BoutTrajectory: Sendable {
    enum Piece: Sendable {
        case quintic(x: QuinticSegment, z: QuinticSegment)
        /// An arc starting at `start` with its foot (ξ = 0) at forward position `foot`.
        case arc(PendulumArc, start: Double, foot: Double)
    }

    let bout: PlannedBout
    /// Forward position at onset and at rest, metres.
    let startX: Double
    let endX: Double
    /// Pieces in time order and the time each begins.
    let pieces: [Piece]
    let pieceStarts: [Double]
    /// Forward position of the body at each contact, metres.
    let contactX: [Double]
    /// Forward position of the foot that lands at each contact, metres: the top of the arc that
    /// follows it (the trunk over the foot); for the bout's last contact, which no arc follows,
    /// `contactX` plus its reach (`FootPlacement`). Step lengths are differences of these (heel
    /// to heel).
    let footX: [Double]
    /// The arcs, one per step (index j − 1 for the step ending at contact j).
    let arcs: [PendulumArc]
    /// End of the double support (contralateral toe-off) after each contact, seconds.
    let toeOffs: [Double]

    init(bout: PlannedBout, startX: Double, pendulumLength l: Double) {
        self.bout = bout
        self.startX = startX
        let n = bout.stepCount, c = bout.contacts
        var ds: [Double] = [], post: [Double] = [], pre: [Double] = []
        for k in 0...n {
            let following: Double = bout.stepTime(k < n ? k + 1 : n)
            let preceding: Double = bout.stepTime(k == 0 ? 1 : k)
            ds.append(2 * bout.doubleSupport * following)
            post.append(2 * GaitPhaseTiming.lag * following)
            pre.append(2 * GaitPhaseTiming.lead * preceding)
        }
        toeOffs = zip(c, ds).map { $0 + $1 }
        var arcStart: [Double] = [], arcEnd: [Double] = [], spans: [Double] = []
        for j in 1...n {
            let start: Double = c[j - 1] + ds[j - 1] + post[j - 1]
            let end: Double = c[j] - pre[j]
            arcStart.append(start)
            arcEnd.append(end)
            spans.append(bout.stepLengths[j] * (end - start) / bout.stepTime(j))
        }
        let placement = FootPlacement(bout)
        let frame = Frame(bout: bout, startX: startX, arcStart: arcStart, arcEnd: arcEnd, l: l)
        // First with every arc symmetric about its foot, for where this walker's feet land
        // relative to the trunk in a step of mean length (u₀); then each foot where the placement
        // puts it.
        let symmetric = Self.solve(frame, spans: spans, targets: placement.trunkTravel, reaches: nil, tabulate: false)
        let built = Self.solve(frame, spans: symmetric.spans, targets: placement.trunkTravel,
                               reaches: placement.reaches(meanReach: symmetric.meanReach), tabulate: true)
        pieces = built.pieces
        pieceStarts = built.pieces.map {
            switch $0 {
            case .quintic(let x, _): return x.t0
            case .arc(_, let start, _): return start
            }
        }
        contactX = built.contactX
        footX = built.footX
        arcs = built.arcs
        endX = built.endX
    }

    /// Forward and vertical state of the body at time t (at rest before onset and after rest).
    func state(at t: Double) -> (x: Jet, z: Jet) {
        if t <= bout.onset { return (Jet(startX), Jet(0)) }
        if t >= bout.rest { return (Jet(endX), Jet(0)) }
        var lo = 0, hi = pieceStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if pieceStarts[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return Self.evaluate(pieces[lo], t)
    }

    // MARK: Construction

    private static func evaluate(_ piece: Piece, _ t: Double) -> (x: Jet, z: Jet) {
        switch piece {
        case .quintic(let x, let z):
            return (x(t), z(t))
        case .arc(let arc, let start, let foot):
            let s = arc.state(after: t - start)
            return (Jet(foot) + s.x, s.z)
        }
    }

    /// Where the feet land relative to the trunk, and so how far the trunk travels from contact
    /// to contact, for heel-to-heel step lengths L_j = L̄ + ΔL_j (L̄ the bout's mean step).
    ///
    /// A step's length beyond the mean can come from the leading foot landing further ahead of
    /// the trunk or from the trailing foot being left further behind it. Healthy walkers share
    /// it; a limp may take it mostly with one leg (in hemiparesis the longer step comes from the
    /// paretic leg's placement ahead of the pelvis in some people and from the other leg's behind
    /// it in others: Balasubramanian CK, Bowden MG, Neptune RR, Kautz SA. Relationship between
    /// step length asymmetry and walking performance in subjects with chronic hemiparesis. Arch
    /// Phys Med Rehabil 2007;88(1):43–49). With ψ = `PlannedBout.leadShare`, the foot landing at
    /// contact j lands u₀ + ψ·ΔL_j ahead of the trunk, u₀ the same for every step of the bout
    /// (where a symmetric walker of this bout puts it). Then the trunk travels
    /// L̄ + (1 − ψ)·ΔL_j + ψ·ΔL_{j−1} from contact j − 1 to contact j, and the feet are exactly
    /// L_j apart: (X_j + u_j) − (X_{j−1} + u_{j−1}) = L_j. With ψ = 0 the trunk travels the step
    /// length itself between the contacts (as the simulator had it until 2026-11-21, when its
    /// feet were evenly spaced and its step lengths were the trunk's travel); with ψ = ½ the mean
    /// of the two steps around the contact.
    struct FootPlacement: Sendable {
        /// Target travel of the trunk from contact j − 1 to contact j (index j − 1), metres.
        let trunkTravel: [Double]
        /// ΔL_j of each contact (0 for the bout's first), metres.
        let extra: [Double]
        let psi: Double

        init(_ bout: PlannedBout) {
            let n = bout.stepCount
            let mean = bout.stepLengths[1...].reduce(0, +) / Double(n)
            psi = bout.leadShare
            var extra = [0.0]
            for j in 1...n { extra.append(bout.stepLengths[j] - mean) }
            var travel = [Double]()
            for j in 1...n {
                let own: Double = (1 - psi) * extra[j]
                travel.append(mean + own + psi * extra[j - 1])
            }
            self.extra = extra
            trunkTravel = travel
        }

        /// How far ahead of the trunk the foot of each contact lands, given u₀, metres.
        func reaches(meanReach u0: Double) -> [Double] { extra.map { u0 + psi * $0 } }
    }

    /// What stays fixed while the arcs' spans are solved.
    private struct Frame {
        let bout: PlannedBout
        let startX: Double
        let arcStart: [Double]
        let arcEnd: [Double]
        let l: Double
    }

    private struct Built {
        var pieces: [Piece] = []
        var contactX: [Double] = []
        var footX: [Double] = []
        var arcs: [PendulumArc] = []
        var spans: [Double] = []
        var endX = 0.0

        /// Mean distance from the trunk at a contact to the foot landing there, over the contacts
        /// that an arc follows, metres.
        var meanReach: Double {
            let n = arcs.count
            return (0..<n).map { footX[$0] - contactX[$0] }.reduce(0, +) / Double(n)
        }
    }

    /// The trunk's travel from contact to contact in a build (index i: the step ending at
    /// contact i + 1).
    private static func realised(_ b: Built) -> [Double] {
        (1..<b.contactX.count).map { b.contactX[$0] - b.contactX[$0 - 1] }
    }

    /// Newton's method on the arc spans so that the trunk travels `targets` between contacts.
    /// A step's travel depends on its own arc and, through the speeds at the transitions, on its
    /// neighbours' arcs only, so the Jacobian is tridiagonal: it is found by finite differences
    /// with three perturbed builds (spans i ≡ 0, 1, 2 mod 3) and solved by the Thomas algorithm.
    /// Converges to 1e−10 m (or, far from the origin, 16 ulp of the position) in a few
    /// iterations. `reaches`: how far ahead of the trunk each contact's foot lands (nil: every arc
    /// symmetric about its foot). `tabulate`: give the arcs their time course, which only a path
    /// that is evaluated needs (not the symmetric first pass, which gives positions only).
    private static func solve(_ f: Frame, spans initial: [Double], targets target: [Double], reaches: [Double]?,
                              tabulate: Bool) -> Built {
        let n = initial.count
        let limit = (lo: 1e-3, hi: 1.9 * f.l)
        var spans = initial
        var built = build(f, spans: spans, reaches: reaches)
        // Step lengths are differences of absolute positions, exact only to a few units in the last
        // place of those positions: after days of walking (x ≈ 700 km a week, ulp ≈ 1.2e−10 m)
        // 1e−10 m can no longer be reached, and every bout ran all 40 iterations.
        let reachable = 16 * (abs(f.startX) + f.bout.stepLengths.reduce(0, +)).ulp
        let tolerance = max(1e-10, reachable)
        for _ in 0..<40 {
            let now = realised(built)
            let residual = (0..<n).map { target[$0] - now[$0] }
            if residual.map(abs).max()! < tolerance { break }
            var sub = [Double](repeating: 0, count: n), diag = sub, sup = sub
            let h = 1e-6
            for color in 0..<3 {
                var perturbed = spans
                for i in stride(from: color, to: n, by: 3) { perturbed[i] += h }
                let moved = realised(build(f, spans: perturbed, reaches: reaches, hint: built.arcs.map(\.entry)))
                for i in stride(from: color, to: n, by: 3) {
                    diag[i] = (moved[i] - now[i]) / h
                    if i > 0 { sup[i - 1] = (moved[i - 1] - now[i - 1]) / h }
                    if i < n - 1 { sub[i + 1] = (moved[i + 1] - now[i + 1]) / h }
                }
            }
            let step = thomas(sub: sub, diag: diag, sup: sup, rhs: residual)
            for i in 0..<n { spans[i] = min(max(spans[i] + step[i], limit.lo), limit.hi) }
            built = build(f, spans: spans, reaches: reaches, hint: built.arcs.map(\.entry))
        }
        // The solver's arcs carry only their ends; a path to evaluate needs their time course.
        if tabulate { built = build(f, spans: spans, reaches: reaches, hint: built.arcs.map(\.entry), tabulate: true) }
        built.spans = spans
        return built
    }

    /// Solves a tridiagonal system (sub[i]·x[i−1] + diag[i]·x[i] + sup[i]·x[i+1] = rhs[i]).
    private static func thomas(sub: [Double], diag: [Double], sup: [Double], rhs: [Double]) -> [Double] {
        let n = diag.count
        var c = [Double](repeating: 0, count: n), d = c
        c[0] = sup[0] / diag[0]
        d[0] = rhs[0] / diag[0]
        for i in 1..<n {
            let m = diag[i] - sub[i] * c[i - 1]
            c[i] = sup[i] / m
            d[i] = (rhs[i] - sub[i] * d[i - 1]) / m
        }
        var x = d
        for i in stride(from: n - 2, through: 0, by: -1) { x[i] = d[i] - c[i] * x[i + 1] }
        return x
    }

    /// The path for given arc spans. Each arc's foot: where `reaches` puts it ahead of the trunk
    /// at the contact before the arc, found by iterating the arc's split, since the transition
    /// into the arc depends on the speed at which the arc begins; nil: the arc symmetric about
    /// its foot.
    private static func build(_ f: Frame, spans: [Double], reaches: [Double]?, hint: [Double]? = nil,
                              tabulate: Bool = false) -> Built {
        let bout = f.bout, n = bout.stepCount, c = bout.contacts
        var out = Built()
        // A transition from `from` (at t0, position x0) to the start of the arc at t1.
        func join(_ t0: Double, _ x0: Jet, _ z0: Jet, _ t1: Double, _ x1: Jet, _ z1: Jet) -> (QuinticSegment, QuinticSegment) {
            let d = QuinticSegment.naturalDisplacement(duration: t1 - t0, start: x0, end: x1)
            let xEnd = Jet(x0.value + d, x1.rate, x1.accel)
            return (QuinticSegment(from: t0, x0, to: t1, xEnd), QuinticSegment(from: t0, z0, to: t1, z1))
        }
        var x = Jet(f.startX), z = Jet(0), t = bout.onset
        for j in 0..<n {
            let duration = f.arcEnd[j] - f.arcStart[j], span = spans[j]
            // Start from the split of the build before (the solver's builds differ little).
            let guess = reaches == nil ? span / 2 : min(max(hint?[j] ?? span / 2, 0), span)
            var arc = PendulumArc(entry: guess, exit: span - guess, duration: duration, length: f.l, tabulate: false)
            var (qx, qz) = join(t, x, z, f.arcStart[j], arc.start.x, arc.start.z)
            if let reaches {
                // The foot lands `reaches[j]` ahead of the trunk at the contact: solve
                // g(entry) = reach − (trunk's travel from the contact to the arc's start) − entry = 0
                // by the secant method (the travel depends on the speed at which the arc begins).
                func residual(_ q: QuinticSegment, _ a: PendulumArc) -> Double {
                    reaches[j] - (q(f.arcStart[j]).value - q(c[j]).value) - a.entry
                }
                var e0 = arc.entry, g0 = residual(qx, arc)
                var e1 = min(max(e0 + g0, 0), span)
                for _ in 0..<20 {
                    arc = PendulumArc(entry: e1, exit: span - e1, duration: duration, length: f.l, tabulate: false)
                    (qx, qz) = join(t, x, z, f.arcStart[j], arc.start.x, arc.start.z)
                    let g1 = residual(qx, arc)
                    if abs(g1) < 1e-12 || g1 == g0 { break }
                    let next = min(max(e1 - g1 * (e1 - e0) / (g1 - g0), 0), span)
                    (e0, g0, e1) = (e1, g1, next)
                }
            }
            if tabulate { arc = PendulumArc(entry: arc.entry, exit: arc.exit, duration: duration, length: f.l) }
            out.arcs.append(arc)
            out.pieces.append(.quintic(x: qx, z: qz))
            out.contactX.append(qx(c[j]).value)
            let foot = qx(f.arcStart[j]).value + arc.entry
            out.footX.append(foot)
            out.pieces.append(.arc(arc, start: f.arcStart[j], foot: foot))
            let e = arc.end
            x = Jet(foot) + e.x
            z = e.z
            t = f.arcEnd[j]
        }
        let (qx, qz) = join(t, x, z, bout.rest, Jet(0), Jet(0))
        out.pieces.append(.quintic(x: qx, z: qz))
        out.contactX.append(qx(c[n]).value)
        out.footX.append(out.contactX[n] + (reaches?[n] ?? out.meanReach))
        out.endX = qx(bout.rest).value
        return out
    }
}
