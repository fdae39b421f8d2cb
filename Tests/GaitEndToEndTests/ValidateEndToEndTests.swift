import Foundation
import GaitTestSupport
import XCTest

/// `gait validate simulated --grid`, run as a user runs it.
final class ValidateEndToEndTests: XCTestCase {
    /// One recording per speed: both tables, a row per speed and one for all, and the per-recording
    /// table on request.
    func testSimulatedGridTables() throws {
        let run = try GaitBinary.run([
            "validate", "simulated", "--grid", "--per-speed", "1", "--duration", "30",
            "--per-recording",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.text.split(separator: "\n")
        for speed in ["0.5", "0.8", "1.1", "1.4", "1.6"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix("| \(speed) m/s | 1 |") }, "row for \(speed) m/s")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("| all | 5 |") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("| condition |") })
        XCTAssertEqual(lines.filter { $0.hasPrefix("| 100") }.count, 5, "one row per recording, seeds 1000–1004")
    }

    /// Bad grid options are usage errors (exit 2) with a message.
    func testGridUsageErrors() throws {
        for arguments in [
            ["validate", "voisard", "--grid"], ["validate", "simulated", "--grid", "--per-speed", "0"],
            ["validate", "simulated", "--grid", "--duration", "5"],
        ] {
            let run = try GaitBinary.run(arguments)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertFalse(run.stderr.isEmpty)
        }
    }
}
