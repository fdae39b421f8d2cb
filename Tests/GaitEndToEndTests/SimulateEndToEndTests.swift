import Foundation
import GaitTestSupport
import XCTest

/// `gait simulate` with a compensatory pattern, run as a user runs it.
final class SimulateEndToEndTests: XCTestCase {
    func testPatternSeveritySideAgeAndSexReachTheTruth() throws {
        let dir = try TestPaths.temporaryDirectory()
        for pattern in ["antalgic", "short_stride", "lateral_shift", "guarded", "impact_asymmetry", "irregular",
                        "knee_giving_way"] {
            let sided = !["short_stride", "guarded", "irregular"].contains(pattern)
            let run = try GaitBinary.run(
                ["simulate", "--pattern", pattern, "--severity", "moderate", "--duration", "40s", "--seed", "4",
                 "--age", "55", "--sex", "M", "--out", "\(pattern).csv", "--truth", "\(pattern).json"]
                    + (sided ? ["--side", "R"] : []), cwd: dir)
            XCTAssertEqual(run.status, 0, "\(pattern): \(run.stderr)")
            let csv = try String(contentsOf: dir.appendingPathComponent("\(pattern).csv"), encoding: .utf8)
            XCTAssertTrue(csv.hasPrefix("time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n"))
            XCTAssertEqual(csv.split(separator: "\n").count, 1 + 4000)
            let truth = try GaitBinary.json(Data(contentsOf: dir.appendingPathComponent("\(pattern).json")))
            let flags = try XCTUnwrap(truth["flags"] as? [[String: Any]])
            XCTAssertEqual(flags.count, 1)
            XCTAssertEqual(flags.first?["pattern"] as? String, pattern)
            XCTAssertEqual(flags.first?["severity"] as? String, "moderate")
            if sided {
                XCTAssertEqual(flags.first?["side"] as? String, "R")
            } else {
                XCTAssertTrue(flags.first?["side"] is NSNull, "\(pattern) has no side")
            }
            let subject = try XCTUnwrap(truth["subject"] as? [String: Any])
            XCTAssertEqual(subject["age_years"] as? Double, 55)
            XCTAssertEqual(subject["sex"] as? String, "M")
        }
        let summary = try XCTUnwrap(
            try GaitBinary.json(Data(contentsOf: dir.appendingPathComponent("short_stride.json")))["summary"] as? [String: Any])
        // Men 50–59 walk at 1.43 m/s (Bohannon & Andrews 2011); moderate: 2.5 SD of 0.28 m/s slower.
        XCTAssertEqual(try XCTUnwrap(summary["speed_mps"] as? Double), 1.43 - 2.5 * 0.28, accuracy: 1e-6)
    }

    func testSeverityNoneWritesTheNormalRecording() throws {
        let dir = try TestPaths.temporaryDirectory()
        let normal = try GaitBinary.run(["simulate", "--duration", "20s", "--out", "normal.csv"], cwd: dir)
        let none = try GaitBinary.run(["simulate", "--duration", "20s", "--pattern", "guarded", "--severity", "none",
                                       "--out", "none.csv"], cwd: dir)
        XCTAssertEqual(normal.status, 0, normal.stderr)
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("normal.csv")),
                       try Data(contentsOf: dir.appendingPathComponent("none.csv")))
    }

    func testInconsistentPatternOptionsAreUsageErrors() throws {
        let dir = try TestPaths.temporaryDirectory()
        for args in [["--pattern", "guarded", "--severity", "mild", "--side", "R"],
                     ["--pattern", "short_stride", "--severity", "mild", "--speed", "1.0"],
                     ["--pattern", "normal", "--severity", "severe"], ["--sex", "X"], ["--age", "10"],
                     ["--pattern", "limping"]] {
            let run = try GaitBinary.run(["simulate", "--duration", "20s", "--out", "x.csv"] + args, cwd: dir)
            XCTAssertEqual(run.status, 2, "\(args): exit 2 for bad usage")
            XCTAssertFalse(run.stderr.isEmpty)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.csv").path))
    }
}
