#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A time function's value with its first and second time derivatives: position, velocity and
/// acceleration, or angle, rate and angular acceleration.
///
/// Every simulated signal is built from smooth positions and angles; composing them as jets gives
/// their exact derivatives by the chain and product rules, so the simulated accelerations are the
/// second derivatives of the simulated positions (they integrate back to them) and the simulated
/// angular rates are the derivatives of the simulated angles. Nothing is differentiated numerically.
struct Jet: Sendable, Equatable {
    /// The value, in the quantity's unit (m or rad).
    var value: Double
    /// d/dt, per second.
    var rate: Double
    /// d²/dt², per second squared.
    var accel: Double

    init(_ value: Double, _ rate: Double = 0, _ accel: Double = 0) {
        self.value = value
        self.rate = rate
        self.accel = accel
    }

    static let zero = Jet(0)

    static func + (a: Jet, b: Jet) -> Jet { Jet(a.value + b.value, a.rate + b.rate, a.accel + b.accel) }
    static func - (a: Jet, b: Jet) -> Jet { Jet(a.value - b.value, a.rate - b.rate, a.accel - b.accel) }
    static prefix func - (a: Jet) -> Jet { Jet(-a.value, -a.rate, -a.accel) }
    static func += (a: inout Jet, b: Jet) { a = a + b }

    static func * (a: Jet, b: Jet) -> Jet {
        Jet(a.value * b.value, a.rate * b.value + a.value * b.rate,
            a.accel * b.value + 2 * a.rate * b.rate + a.value * b.accel)
    }

    static func * (k: Double, a: Jet) -> Jet { Jet(k * a.value, k * a.rate, k * a.accel) }

    /// sin of this jet (chain rule).
    var sine: Jet {
        let s = sin(value), c = cos(value)
        return Jet(s, c * rate, c * accel - s * rate * rate)
    }

    /// cos of this jet (chain rule).
    var cosine: Jet {
        let s = sin(value), c = cos(value)
        return Jet(c, -s * rate, -s * accel - c * rate * rate)
    }
}
