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

    /// `--rate` simulates the cohort at that rate, and is refused where the recordings are not
    /// simulated. At 50 Hz the same two walkers' contacts are found about as well as at 100 Hz
    /// (measured 2026-11-21: 0.9604 against 0.9665, 315 and 317 of 328 within ±30 ms).
    func testSimulatedCohortAtAnotherRate() throws {
        var found = [String: Double]()
        for rate in ["100", "50"] {
            let run = try GaitBinary.run(["validate", "simulated", "--count", "2", "--duration", "120", "--rate", rate])
            XCTAssertEqual(run.status, 0, run.stderr)
            let lines = run.text.split(separator: "\n")
            XCTAssertTrue(lines.contains("| sampling rate | \(rate) Hz |"), run.text)
            let row = try XCTUnwrap(lines.first { $0.hasPrefix("| true contacts found within ±30 ms |") })
            found[rate] = try XCTUnwrap(Double(row.split(separator: "|")[1].split(separator: " ")[0]))
        }
        XCTAssertEqual(found["50"] ?? 0, found["100"] ?? 1, accuracy: 0.02, "\(found)")
        for arguments in [["validate", "voisard", "somewhere", "--rate", "50"], ["validate", "simulated", "--rate", "5"]] {
            let refused = try GaitBinary.run(arguments)
            XCTAssertEqual(refused.status, 2, "\(arguments): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("--rate"), refused.stderr)
        }
    }

    /// `--accelerometer-only` is refused outside the voisard accuracy report (exit 2, naming the
    /// option); on the dataset, when present, the built binary says the gyroscope was dropped and
    /// reports no turns (turns need the yaw rate).
    func testAccelerometerOnlyOption() throws {
        for arguments in [["validate", "simulated", "--accelerometer-only"],
                          ["validate", "voisard", "somewhere", "--flags", "--accelerometer-only"]] {
            let refused = try GaitBinary.run(arguments)
            XCTAssertEqual(refused.status, 2, "\(arguments): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("--accelerometer-only"), refused.stderr)
        }
        guard let dir = TestPaths.voisardDataset else {
            throw XCTSkip("../shared/datasets/voisard-healthy is absent: accelerometer-only run skipped")
        }
        let run = try GaitBinary.run(["validate", "voisard", dir.path, "--accelerometer-only"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.text.split(separator: "\n")
        XCTAssertTrue(lines.contains("| lower-back recordings analysed without their gyroscope | accelerometer columns only |"), run.text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| turns: U-turn found as exactly one turn of 135–225° | 0.000 (0 of 80) |") }, run.text)
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
