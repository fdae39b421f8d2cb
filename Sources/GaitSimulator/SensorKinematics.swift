import GaitCore

/// What the lower-back sensor experiences at any instant of the recording: its specific force
/// and angular velocity in body axes (x forward, y left, z up), in SI units, noise-free.
///
/// - Position of the sensor = body centre of mass (forward x and vertical z from
///   `BoutTrajectory`, lateral y from the sway template) + heel-strike transients
///   (`ImpactTransient`). The sensor is taken to move with the centre of mass; the pelvis's
///   rotations turn it but do not displace it.
/// - Orientation of the pelvis R = Rz(yaw)·Ry(pitch)·Rx(roll) from the templates, faded in and
///   out with the bout's envelope.
/// - Specific force (what an accelerometer reads): f = Rᵀ·(a + g·ẑ) with a the sensor's
///   acceleration in the world frame; at rest it reads +g along the body's up axis.
/// - Angular velocity in body axes from the Z–Y–X angle rates:
///   ω = (φ̇ − ψ̇ sin θ, θ̇ cos φ + ψ̇ sin φ cos θ, −θ̇ sin φ + ψ̇ cos φ cos θ).
/// The world frame follows the walking direction (straight walking, no turns).
///
/// Compensatory patterns (`PatternEffects`) enter here as a second harmonic in the sway and roll
/// templates (`lateral_shift`), per-side impact scales (`impact_asymmetry`) and pelvic dips added
/// to the vertical path (`knee_giving_way`, `KneeGivingWay.dip`); the others come in through
/// the schedule and the motion scales.
struct SensorKinematics: Sendable {
    let trajectories: [BoutTrajectory]
    let phases: [StridePhase]
    /// Gains on the templates: `SimulationParameters.motion` times the gains that make scale 1 the
    /// healthy mean at the walker's speed (`PelvisMotionNorm.templateGains`).
    let motion: PelvisMotionScale
    let impactScale: Double
    let effects: PatternEffects
    /// Lateral sway and roll templates (skewed towards the affected side by `lateral_shift`).
    let swayTerms: [PelvisMotionTemplate.Term]
    let rollTerms: [PelvisMotionTemplate.Term]
    /// Early contacts of the knee giving-way events (the dips' centres), per bout.
    let dipContacts: [[Double]]
    /// The stride-to-stride variation of the trunk's acceleration (nil: none).
    let variation: TrunkVariationSignal?

    init(schedule: StepSchedule, parameters p: SimulationParameters, effects: PatternEffects = PatternEffects(),
         givingWay: [GivingWayEvent] = []) {
        var x = 0.0
        var trajectories: [BoutTrajectory] = []
        for bout in schedule.bouts {
            let tr = BoutTrajectory(bout: bout, startX: x, pendulumLength: p.resolvedSensorHeightM)
            trajectories.append(tr)
            x = tr.endX
        }
        self.trajectories = trajectories
        phases = schedule.bouts.map(StridePhase.init)
        // Scale 1 is the healthy mean at this speed, not the pooled template (`PelvisMotionNorm`).
        let gains = PelvisMotionNorm.voisard.templateGains(speedMps: p.speedMps)
        var motion = p.motion
        motion.roll *= gains.roll
        motion.yaw *= gains.yaw
        motion.lateralSway *= gains.sway
        self.motion = motion
        impactScale = p.motion.impact * p.speedMps / 1.3
        self.effects = effects
        typealias T = PelvisMotionTemplate
        if let side = effects.side, effects.swayAsymmetryPct > 0 {
            swayTerms = T.skewed(T.lateralSway, towards: side, symmetryIndexPct: effects.swayAsymmetryPct)
            rollTerms = T.skewed(T.roll, towards: side, symmetryIndexPct: effects.swayAsymmetryPct)
        } else {
            swayTerms = T.lateralSway
            rollTerms = T.roll
        }
        dipContacts = schedule.bouts.indices.map { b in givingWay.filter { $0.bout == b }.map(\.contactS) }
        variation = p.trunkVariation.isNone ? nil : TrunkVariationSignal(p.trunkVariation, speedMps: p.speedMps, seed: p.seed, rateHz: p.rate.hz)
    }

    /// The bout whose movement covers t, if any.
    func boutIndex(at t: Double) -> Int? {
        var lo = 0, hi = trajectories.count - 1
        if hi < 0 || t < trajectories[0].bout.onset { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if trajectories[mid].bout.onset <= t { lo = mid } else { hi = mid - 1 }
        }
        return t < trajectories[lo].bout.rest ? lo : nil
    }

    /// Body position (world frame, metres) and pelvis angles (radians), with derivatives.
    func bodyState(at t: Double) -> (x: Jet, y: Jet, z: Jet, roll: Jet, pitch: Jet, yaw: Jet)? {
        guard let b = boutIndex(at: t) else { return nil }
        let (x, path) = trajectories[b].state(at: t)
        var z = path
        for contact in dipContacts[b] where abs(t - contact) < KneeGivingWay.halfWidthS {
            z += KneeGivingWay.dip(t, contact: contact)
        }
        let theta = phases[b].theta(at: t), w = phases[b].envelope(at: t)
        let k = Double.pi / 180
        typealias T = PelvisMotionTemplate
        let y = w * T.evaluate(swayTerms, theta: theta, scale: motion.lateralSway)
        let roll = w * T.evaluate(rollTerms, theta: theta, scale: k * motion.roll)
        let pitch = w * T.evaluate(T.pitch, theta: theta, scale: k * motion.pitch)
        let yaw = w * T.evaluate(T.yaw, theta: theta, scale: k * motion.yaw)
        return (x, y, z, roll, pitch, yaw)
    }

    /// Specific force and angular velocity in body axes at t, SI units.
    func measure(at t: Double) -> (force: SIMD3<Double>, omega: SIMD3<Double>) {
        let g = standardGravity
        guard let b = boutIndex(at: t), let s = bodyState(at: t) else { return ([0, 0, g], .zero) }
        var ax = s.x.accel, az = s.z.accel
        // Heel-strike transients of nearby contacts.
        let contacts = trajectories[b].bout.contacts, sides = trajectories[b].bout.sides
        let reach = max(ImpactTransient.vertical.reach, ImpactTransient.forward.reach)
        var i = Self.firstIndex(in: contacts, notBefore: t - reach)
        while i < contacts.count && contacts[i] <= t + reach {
            let scale = impactScale * effects.impactFactor(sides[i])
            az += ImpactTransient.vertical(t, contact: contacts[i], scale: scale).accel
            ax += ImpactTransient.forward(t, contact: contacts[i], scale: scale).accel
            i += 1
        }
        var world = SIMD3(ax, s.y.accel, az + g)
        if let variation {
            // Faded in and out with the bout, as a path: (w·d)'' keeps the product rule's terms.
            let w = phases[b].envelope(at: t), d = variation.state(at: t)
            world += SIMD3((w * d.forward).accel, (w * d.left).accel, (w * d.up).accel)
        }
        let rot = Matrix3.zyx(yaw: s.yaw.value, pitch: s.pitch.value, roll: s.roll.value)
        let force = rot.transposed * world
        let sr = Math.sin(s.roll.value), cr = Math.cos(s.roll.value)
        let sp = Math.sin(s.pitch.value), cp = Math.cos(s.pitch.value)
        let omega = SIMD3(s.roll.rate - s.yaw.rate * sp,
                          s.pitch.rate * cr + s.yaw.rate * sr * cp,
                          -s.pitch.rate * sr + s.yaw.rate * cr * cp)
        return (force, omega)
    }

    private static func firstIndex(in sorted: [Double], notBefore t: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
