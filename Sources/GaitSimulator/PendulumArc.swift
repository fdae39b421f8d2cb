import GaitCore

/// The single-support arc of the inverted-pendulum model of the body's centre of mass: the
/// trunk vaults over the stance leg, a rigid pendulum of length l (the sensor height) pivoting at
/// the foot.
///
/// The arc runs over the foot from ξ = −a (the trunk behind the foot, where the leg's single
/// support begins) to ξ = +b (ahead of it), with height z(ξ) = −(l − √(l² − ξ²)) relative to its
/// top (leg vertical, standing height, the trunk over the foot). Symmetric (a = b = S/2) its vertical
/// excursion h = l − √(l² − (S/2)²) satisfies S = 2·√(2lh − h²), the relation Zijlstra & Hof invert
/// to estimate step length from trunk accelerations (Zijlstra W, Hof AL. Assessment of
/// spatio-temporal gait parameters from trunk accelerations during human walking. Gait Posture
/// 2003;18(2):1–10. doi:10.1016/S0966-6362(02)00190-X); each half obeys it on its own. The two
/// halves differ where a step's extra length is taken by the leg that trails or by the one that
/// leads (`BoutTrajectory`).
///
/// Along the arc mechanical energy is conserved (the pendulum's exchange of kinetic and potential
/// energy, Cavagna GA, Thys H, Zamboni A. J Physiol 1976;262:639–657.
/// doi:10.1113/jphysiol.1976.sp011613): v(ξ)² = v_top² − 2g·z(ξ), so the body is slowest over
/// the foot (mid single support) and fastest at the arc's ends. v_top is solved so that the arc
/// takes exactly its planned duration; the time course ξ(τ) is integrated once (RK4) into a table
/// and refined between nodes with one RK4 step, so position, velocity (dξ/dτ = v) and
/// acceleration (ẍ = v·dv/dξ = −g·z′(ξ)) are mutually consistent.
struct PendulumArc: Sendable {
    /// Horizontal distance covered behind the foot (a) and ahead of it (b), metres.
    let entry: Double
    let exit: Double
    /// Horizontal distance covered, metres: a + b.
    var span: Double { entry + exit }
    /// Duration, seconds.
    let duration: Double
    /// Pendulum length, metres.
    let length: Double
    /// Speed at the top of the arc, m/s.
    let topSpeed: Double
    /// ξ at τ = k · duration / nodes, k = 0 … nodes.
    private let table: [Double]

    static let nodes = 48
    private static let g = standardGravity

    /// A symmetric arc over `span`.
    init(span: Double, duration: Double, length: Double) {
        self.init(entry: span / 2, exit: span / 2, duration: duration, length: length)
    }

    /// `tabulate` false leaves out the time course (`xi(after:)`), for the solver's trial arcs, of
    /// which only the ends are used.
    init(entry: Double, exit: Double, duration: Double, length: Double, tabulate: Bool = true) {
        precondition(entry >= 0 && exit >= 0 && entry + exit > 0 && max(entry, exit) < length && duration > 0,
                     "arc out of range")
        self.entry = entry
        self.exit = exit
        self.duration = duration
        self.length = length
        topSpeed = Self.solveTopSpeed(entry: entry, exit: exit, duration: duration, length: length)
        var xi = -entry, table = [xi]
        let h = duration / Double(Self.nodes)
        for _ in 0..<(tabulate ? Self.nodes : 0) {
            for _ in 0..<4 { xi = Self.rk4(xi, h / 4, topSpeed, length) }
            table.append(xi)
        }
        self.table = table
    }

    /// Vertical excursion from the top to the start and to the end, metres: l − √(l² − a²) and
    /// l − √(l² − b²).
    var rise: Double { length - (length * length - entry * entry).squareRoot() }
    var fall: Double { length - (length * length - exit * exit).squareRoot() }

    /// Speed at ξ, m/s.
    @inline(__always) func speed(at xi: Double) -> Double {
        Self.speed(xi, topSpeed, length)
    }

    /// Horizontal (relative to the foot) and vertical (relative to the top) state at ξ.
    func state(at xi: Double) -> (x: Jet, z: Jet) {
        let l2 = length * length, r = (l2 - xi * xi).squareRoot()
        let v = speed(at: xi)
        let zp = -xi / r, zpp = -l2 / (r * r * r)
        let ax = -Self.g * zp
        return (Jet(xi, v, ax), Jet(-(length - r), zp * v, zpp * v * v + zp * ax))
    }

    /// State at the start (ξ = −a) and end (ξ = +b).
    var start: (x: Jet, z: Jet) { state(at: -entry) }
    var end: (x: Jet, z: Jet) { state(at: exit) }

    /// State τ seconds after the arc starts (clamped to the arc).
    func state(after tau: Double) -> (x: Jet, z: Jet) { state(at: xi(after: tau)) }

    func xi(after tau: Double) -> Double {
        let h = duration / Double(Self.nodes)
        let u = max(0, min(duration, tau))
        let k = min(Self.nodes - 1, Int(u / h))
        return Self.rk4(table[k], u - Double(k) * h, topSpeed, length)
    }

    // MARK: Internals

    @inline(__always) private static func speed(_ xi: Double, _ vTop: Double, _ l: Double) -> Double {
        (vTop * vTop + 2 * g * (l - (l * l - xi * xi).squareRoot())).squareRoot()
    }

    @inline(__always) private static func rk4(_ xi: Double, _ h: Double, _ vTop: Double, _ l: Double) -> Double {
        if h == 0 { return xi }
        let k1 = speed(xi, vTop, l)
        let k2 = speed(xi + h / 2 * k1, vTop, l)
        let k3 = speed(xi + h / 2 * k2, vTop, l)
        let k4 = speed(xi + h * k3, vTop, l)
        return xi + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    }

    /// 16-point Gauss–Legendre nodes and weights on [−1, 1] (positive half).
    private static let gl: [(x: Double, w: Double)] = [
        (0.0950125098376374, 0.1894506104550685), (0.2816035507792589, 0.1826034150449236),
        (0.4580167776572274, 0.1691565193950025), (0.6178762444026438, 0.1495959888165767),
        (0.7554044083550030, 0.1246289712555339), (0.8656312023878318, 0.0951585116824928),
        (0.9445750230732326, 0.0622535239386479), (0.9894009349916499, 0.0271524594117541),
    ]

    /// Duration of the arc and its derivative with respect to v_top, by quadrature of dξ / v over
    /// each half (the speed is even in ξ, so the half behind the foot is the same integral on [0, a]).
    private static func durationAndSlope(_ vTop: Double, entry: Double, exit: Double, length: Double) -> (Double, Double) {
        var t = 0.0, dt = 0.0
        for extent in [entry, exit] where extent > 0 {
            let half = extent / 2
            for (x, w) in gl {
                for xi in [half + half * x, half - half * x] {
                    let v = speed(xi, vTop, length)
                    t += w / v * half
                    dt -= w * vTop / (v * v * v) * half
                }
            }
        }
        return (t, dt)
    }

    /// v_top such that the arc lasts `duration`: Newton's method inside a bracket that bisection
    /// keeps valid (the duration falls monotonically with v_top, from +∞ at 0).
    private static func solveTopSpeed(entry: Double, exit: Double, duration: Double, length: Double) -> Double {
        let span = entry + exit
        var lo = 0.0, hi = max(1.0, 4 * span / duration)
        while durationAndSlope(hi, entry: entry, exit: exit, length: length).0 > duration { lo = hi; hi *= 2 }
        var v = min(max(span / duration, lo + 1e-9), hi)
        for _ in 0..<100 {
            let (t, slope) = durationAndSlope(v, entry: entry, exit: exit, length: length)
            if t > duration { lo = v } else { hi = v }
            var next = v - (t - duration) / slope
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - v) < 1e-13 * max(1, v) { return next }
            v = next
        }
        return v
    }
}
