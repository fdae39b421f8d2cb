import GaitCore
import XCTest

@testable import GaitSimulator

/// The signals obey the physics they are built from.
final class PhysicsTests: XCTestCase {
    private let g = standardGravity

    func testAccelerometerAtRestReadsGravity() {
        let rec = SimulatedRecording.simulate(SimulationParameters(seed: 31, durationS: 30))
        let rest = rec.acc[0..<250]  // the first 2.5 s of the 3 s standing
        let mean = rest.reduce(SIMD3<Double>.zero, +) / Double(rest.count)
        XCTAssertEqual((mean * mean).sum().squareRoot(), g, accuracy: 0.1, "|mean| ≈ g (bias SD 0.03 m/s²)")
        let magnitudes = rest.map { ($0 * $0).sum().squareRoot() }
        XCTAssertEqual(magnitudes.reduce(0, +) / Double(magnitudes.count), g, accuracy: 0.1)
    }

    func testMountingDecidesWhereGravityAppears() {
        func restReading(_ mounting: SensorMounting) -> SIMD3<Double> {
            let p = SimulationParameters(seed: 1, durationS: 10, mounting: mounting, tilt: SensorTilt.none, noise: .none)
            return SimulatedRecording.simulate(p).acc[10]
        }
        assertClose(restReading(.aligned), [0, 0, g])
        assertClose(restReading(.upsideDown), [0, 0, -g])
        assertClose(restReading(.xsensLowerBack), [g, 0, 0])
        assertClose(restReading(.sideways), [0, 0, g])
        let p = SimulationParameters(seed: 1, durationS: 10, mounting: .xsensLowerBack, tilt: SensorTilt.none, noise: .none)
        let truth = SimulatedRecording.simulate(p).truth
        assertClose(truth.input.verticalAxis!, [1, 0, 0])
        assertClose(truth.input.forwardAxis!, [0, 0, -1])
        assertClose(truth.input.leftAxis!, [0, 1, 0])
    }

    func testUnitsScaleByStandardGravityAndDegrees() {
        var p = SimulationParameters(seed: 17, durationS: 10)
        let si = SimulatedRecording.simulate(p)
        p.accUnits = .g
        p.gyroUnits = .degreesPerSecond
        let other = SimulatedRecording.simulate(p)
        for i in stride(from: 0, to: si.acc.count, by: 37) {
            assertClose(other.acc[i] * 9.80665, si.acc[i], 1e-9)
            assertClose(other.gyr[i] * (Double.pi / 180), si.gyr[i], 1e-12)
        }
        let samples = other.motionSamples
        assertClose(samples.acc[300], si.acc[300], 1e-9)
        assertClose(samples.gyr[300], si.gyr[300], 1e-12)
    }

    /// Integrating the simulated vertical acceleration of the body twice gives back its vertical
    /// path, excursions included: the accelerations are the true second derivatives.
    func testVerticalAccelerationIntegratesToTheExcursion() throws {
        let (kin, tr) = try model(seed: 41, duration: 30)
        let c = tr.bout.contacts
        let t0 = c[4], t1 = c[10], dt = 1e-4
        var z = kin.bodyState(at: t0)!.z.value, v = kin.bodyState(at: t0)!.z.rate
        var a = kin.bodyState(at: t0)!.z.accel
        var t = t0, worst = 0.0, zMin = z, zMax = z, trueMin = z, trueMax = z
        while t < t1 {
            let next = kin.bodyState(at: t + dt)!.z
            let a1 = next.accel
            z += v * dt + dt * dt * (2 * a + a1) / 6
            v += dt * (a + a1) / 2
            a = a1
            t += dt
            worst = max(worst, abs(z - next.value))
            zMin = min(zMin, z); zMax = max(zMax, z)
            trueMin = min(trueMin, next.value); trueMax = max(trueMax, next.value)
        }
        XCTAssertLessThan(worst, 1e-5, "double integral of z̈ reproduces z (m)")
        XCTAssertEqual(zMax - zMin, trueMax - trueMin, accuracy: 2e-5, "excursion")
        XCTAssertEqual(trueMax - trueMin, 0.03, accuracy: 0.015, "a few centimetres, as in walking")
    }

    func testForwardAccelerationIntegratesToTheTrunksTravel() throws {
        let (kin, tr) = try model(seed: 43, duration: 30)
        let c = tr.bout.contacts, dt = 1e-4
        for j in [3, 6, 7] {
            var x = kin.bodyState(at: c[j - 1])!.x.value, v = kin.bodyState(at: c[j - 1])!.x.rate
            var a = kin.bodyState(at: c[j - 1])!.x.accel, t = c[j - 1]
            let x0 = x, n = Int(((c[j] - c[j - 1]) / dt).rounded())
            let h = (c[j] - c[j - 1]) / Double(n)
            for _ in 0..<n {
                let a1 = kin.bodyState(at: t + h)!.x.accel
                x += v * h + h * h * (2 * a + a1) / 6
                v += h * (a + a1) / 2
                a = a1
                t += h
            }
            XCTAssertEqual(x - x0, tr.contactX[j] - tr.contactX[j - 1], accuracy: 1e-5, "step \(j)")
        }
    }

    /// The feet land the planned step lengths apart (heel to heel), and the trunk is highest
    /// (its vertical velocity zero) as it passes over each foot, whichever foot takes a longer
    /// step's extra length (`BoutTrajectory.FootPlacement`). Where the trunk is at the contacts
    /// depends on that: with the trailing foot taking it all (ψ = 0) the trunk travels the step
    /// length between the contacts, with the leading foot taking it all (ψ = 1) the longer step's
    /// contacts come sooner and the trunk travels the shorter step's length.
    func testFeetAreTheStepLengthsApartAndTheTrunkPassesOverThem() throws {
        for psi in [0.0, 0.5, 1.0] {
            let p = SimulationParameters(seed: 44, durationS: 40, stepLengthAsymmetryPct: 20, stepLengthLeadShare: psi)
            let kin = SensorKinematics(schedule: StepSchedule(p), parameters: p)
            let tr = try XCTUnwrap(kin.trajectories.first)
            let n = tr.bout.stepCount
            for j in 1...n {
                XCTAssertEqual(tr.footX[j] - tr.footX[j - 1], tr.bout.stepLengths[j], accuracy: 1e-8, "ψ \(psi), step \(j)")
            }
            var longer = 0.0, shorter = 0.0
            for j in 1...n {
                let travel = tr.contactX[j] - tr.contactX[j - 1]
                if tr.bout.sides[j] == .left { longer += travel } else { shorter += travel }
            }
            let travelAsymmetry = 100 * (longer - shorter) / (0.5 * (longer + shorter))
            switch psi {
            case 0: XCTAssertEqual(travelAsymmetry, 20, accuracy: 1)
            case 0.5: XCTAssertEqual(travelAsymmetry, 0, accuracy: 1)
            default: XCTAssertEqual(travelAsymmetry, -20, accuracy: 1)
            }
            for (k, piece) in tr.pieces.enumerated() {
                guard case .arc(let arc, let start, let foot) = piece else { continue }
                let tau = (0...400).map { arc.duration * Double($0) / 400 }
                    .min { abs(arc.xi(after: $0)) < abs(arc.xi(after: $1)) }!
                let state = tr.state(at: start + tau)
                XCTAssertEqual(state.x.value, foot, accuracy: 1e-3, "ψ \(psi), arc \(k): over the foot")
                XCTAssertEqual(state.z.rate, 0, accuracy: 1e-3, "ψ \(psi), arc \(k): at the top")
            }
        }
    }

    /// Zijlstra & Hof (2003): a pendulum of length l over a distance S rises by h with
    /// S = 2·√(2lh − h²). Measure h on the simulated path of each single-support arc.
    func testZijlstraRelationHoldsForTheSimulatedArcs() throws {
        let (kin, tr) = try model(seed: 47, duration: 30)
        let l = SimulationParameters().resolvedSensorHeightM
        var checked = 0
        for piece in tr.pieces {
            guard case .arc(let arc, let start, _) = piece else { continue }
            let zStart = kin.bodyState(at: start + 1e-9)!.z.value
            // The top of the arc: search the simulated path.
            var top = -Double.infinity
            for k in 0...2000 { top = max(top, kin.bodyState(at: start + arc.duration * Double(k) / 2000)!.z.value) }
            let h = top - zStart
            XCTAssertEqual(arc.entry, (2 * l * h - h * h).squareRoot(), accuracy: 1e-4, "each half obeys it")
            XCTAssertEqual(h, arc.rise, accuracy: 1e-7)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testVerticalSpectrumPeaksAtStepFrequency() {
        let p = SimulationParameters(seed: 53, durationS: 40)
        let rec = SimulatedRecording.simulate(p)
        let bout = rec.truth.bouts[0]
        let rate = p.rate.hz
        let range = Int((bout.startS + 2) * rate)..<Int((bout.endS - 2) * rate)
        // Vertical = direction of the mean acceleration.
        let mean = rec.acc[range].reduce(SIMD3<Double>.zero, +) / Double(range.count)
        let up = mean / (mean * mean).sum().squareRoot()
        let vertical = rec.acc[range].map { ($0 * up).sum() - (mean * up).sum() }
        func power(_ f: Double) -> Double {
            var re = 0.0, im = 0.0
            for (i, v) in vertical.enumerated() {
                let a = 2 * Double.pi * f * Double(i) / rate
                re += v * cos(a)
                im += v * sin(a)
            }
            return re * re + im * im
        }
        let freqs = stride(from: 0.5, through: 4.0, by: 0.01).map { $0 }
        let peak = freqs.max { power($0) < power($1) }!
        let stepFrequency = p.resolvedCadenceSpm / 60
        XCTAssertEqual(peak, stepFrequency, accuracy: 0.03, "spectral peak at the step frequency")
        XCTAssertGreaterThan(power(stepFrequency), 5 * power(stepFrequency / 2), "step, not stride, frequency dominates")
    }

    /// The phase relations measured on the reference recordings (see `PelvisMotionTemplate`)
    /// hold in the simulated sensor signals, averaged over steps: after a left contact the roll
    /// rate is positive (left side rising) and the body moves right-to-left sway peak in left
    /// stance; mirror images after right contacts; the yaw angle is most negative just after a
    /// left contact.
    func testSideSpecificSignalsFollowTheCalibration() throws {
        let p = SimulationParameters(seed: 59, durationS: 60, tilt: SensorTilt.none, noise: .none)
        let rec = SimulatedRecording.simulate(p)
        let steps = rec.truth.steps.filter { $0.stepTimeS != nil }.dropFirst(2).dropLast(2)
        func mean(_ side: Side, _ offset: Double, _ value: (Int) -> Double) -> Double {
            let v = steps.filter { $0.side == side }.map { value(Int((($0.icS + offset) * 100).rounded())) }
            return v.reduce(0, +) / Double(v.count)
        }
        // Roll rate (about forward, gyro x) 0.08 s after the contact.
        XCTAssertGreaterThan(mean(.left, 0.08) { rec.gyr[$0].x }, 0.3)
        XCTAssertLessThan(mean(.right, 0.08) { rec.gyr[$0].x }, -0.3)
        // Yaw rate (gyro z) in mid-stance: positive (turning left) in left stance.
        XCTAssertGreaterThan(mean(.left, 0.35) { rec.gyr[$0].z }, 0.15)
        XCTAssertLessThan(mean(.right, 0.35) { rec.gyr[$0].z }, -0.15)
        // Mediolateral acceleration 0.06 s after the contact: a jolt away from the contact side.
        XCTAssertLessThan(mean(.left, 0.06) { rec.acc[$0].y }, -0.5)
        XCTAssertGreaterThan(mean(.right, 0.06) { rec.acc[$0].y }, 0.5)
        // Body position: furthest left during left stance.
        let (kin, _) = try model(seed: 59, duration: 60)
        XCTAssertGreaterThan(mean(.left, 0.28) { kin.bodyState(at: Double($0) / 100)!.y.value }, 0.015)
        XCTAssertLessThan(mean(.right, 0.28) { kin.bodyState(at: Double($0) / 100)!.y.value }, -0.015)
    }

    func testQuinticSegmentMatchesItsEnds() {
        let q = QuinticSegment(from: 1, Jet(0.2, 1.1, -3), to: 1.4, Jet(0.7, 0.9, 2))
        assertJet(q(1), Jet(0.2, 1.1, -3))
        assertJet(q(1.4), Jet(0.7, 0.9, 2))
    }

    func testPendulumArcTakesItsDuration() {
        let arc = PendulumArc(span: 0.35, duration: 0.3, length: 0.98)
        XCTAssertEqual(arc.xi(after: 0.3), 0.175, accuracy: 1e-9)
        XCTAssertEqual(arc.xi(after: 0), -0.175, accuracy: 1e-12)
        XCTAssertEqual(arc.xi(after: 0.15), 0, accuracy: 1e-9, "symmetric: over the foot at half time")
        XCTAssertLessThan(arc.speed(at: 0), arc.speed(at: 0.175), "slowest over the foot")
    }

    func testAsymmetricArcTakesItsDurationAndPassesOverTheFoot() {
        let arc = PendulumArc(entry: 0.08, exit: 0.26, duration: 0.3, length: 0.98)
        XCTAssertEqual(arc.xi(after: 0), -0.08, accuracy: 1e-12)
        XCTAssertEqual(arc.xi(after: 0.3), 0.26, accuracy: 1e-9)
        XCTAssertEqual(arc.span, 0.34, accuracy: 1e-15)
        let overFoot = (0...3000).map { 0.3 * Double($0) / 3000 }.min { abs(arc.xi(after: $0)) < abs(arc.xi(after: $1)) }!
        XCTAssertLessThan(overFoot, 0.15, "over the foot early: less of the arc lies behind it")
        XCTAssertEqual(arc.state(at: 0).z.rate, 0, "the top is over the foot")
        XCTAssertEqual(arc.fall, 0.98 - (0.98 * 0.98 - 0.26 * 0.26).squareRoot(), accuracy: 1e-15)
    }

    // MARK: Helpers

    private func model(seed: UInt64, duration: Double) throws -> (SensorKinematics, BoutTrajectory) {
        let p = SimulationParameters(seed: seed, durationS: duration)
        let kin = SensorKinematics(schedule: StepSchedule(p), parameters: p)
        return (kin, try XCTUnwrap(kin.trajectories.first))
    }

    private func assertClose(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ tol: Double = 1e-9,
                             file: StaticString = #filePath, line: UInt = #line) {
        for i in 0..<3 { XCTAssertEqual(a[i], b[i], accuracy: tol, "axis \(i)", file: file, line: line) }
    }

    private func assertJet(_ a: Jet, _ b: Jet, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.value, b.value, accuracy: 1e-12, file: file, line: line)
        XCTAssertEqual(a.rate, b.rate, accuracy: 1e-10, file: file, line: line)
        XCTAssertEqual(a.accel, b.accel, accuracy: 1e-8, file: file, line: line)
    }
}
