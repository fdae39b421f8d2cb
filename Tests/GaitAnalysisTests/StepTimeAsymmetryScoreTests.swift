import GaitCore
import GaitValidation
import XCTest

/// The signed step-time symmetry index that `gait validate voisard` computes the same way from the
/// reference heel strikes and from our contacts (`StepTimeAsymmetryScore`).
final class StepTimeAsymmetryScoreTests: XCTestCase {
    /// Left steps 0.45 s, right steps 0.55 s: 100·(0.45 − 0.55)/0.5 = −20 %.
    private func limp(from t0: Double, strides: Int) -> [(time: Double, side: Side)] {
        var out = [(time: Double, side: Side)](), t = t0
        for _ in 0..<strides {
            out.append((t, .left)); t += 0.55
            out.append((t, .right)); t += 0.45
        }
        return out
    }

    func testSignedIndexOfALimp() throws {
        let index = try XCTUnwrap(StepTimeAsymmetryScore.index(limp(from: 0, strides: 6), outside: 100...101))
        XCTAssertEqual(index, -20, accuracy: 1e-9)
        let mirrored = limp(from: 0, strides: 6).map { ($0.time, $0.side == .left ? Side.right : .left) }
        XCTAssertEqual(try XCTUnwrap(StepTimeAsymmetryScore.index(mirrored, outside: 100...101)), 20, accuracy: 1e-9)
    }

    /// Steps touching the turn and pauses longer than 2 s are not steps of straight walking.
    func testTurnAndPausesAreLeftOut() throws {
        // Two limping bouts with a slow, opposite-sided shuffle in a "turn" between them.
        var contacts = limp(from: 0, strides: 4)
        contacts += [(8.5, .right), (9.5, .left), (9.9, .right)]
        contacts += limp(from: 12.5, strides: 4)
        let index = try XCTUnwrap(StepTimeAsymmetryScore.index(contacts, outside: 8.4...10))
        XCTAssertEqual(index, -20, accuracy: 1e-9)
        XCTAssertNotEqual(try XCTUnwrap(StepTimeAsymmetryScore.index(contacts, outside: 100...101)), -20, accuracy: 0.5)
    }

    func testTooFewStepsOnASideGiveNoIndex() {
        XCTAssertNil(StepTimeAsymmetryScore.index(limp(from: 0, strides: 1) + [(1.2, .left)], outside: 100...101))
    }
}
