import Foundation
import GaitTestSupport
import XCTest

/// SampleData through the built binary: snapshots of the analysis, and the recordings are
/// reproduced byte for byte by the commands in SampleData/README.md.
final class SampleDataTests: XCTestCase {
    /// (file, the analyze options used for its snapshot)
    static let recordings: [(String, [String])] = [
        ("normal-1.3mps", ["--height", "1.75"]),
        ("asymmetric-slow-g-degps", ["--height", "1.62"]),
        ("accelerometer-only", ["--height", "1.80"]),
    ]

    static let snapshots = TestPaths.packageRoot.appendingPathComponent("Tests/GaitEndToEndTests/__Snapshots__")

    /// The JSON of `gait analyze` on each SampleData file equals its committed baseline. A missing
    /// baseline is recorded and the test FAILS, so a new baseline is always reviewed.
    func testAnalysisSnapshots() throws {
        for (name, options) in Self.recordings {
            let run = try GaitBinary.run(["analyze", "SampleData/\(name).csv", "--format", "json"] + options,
                                         cwd: TestPaths.packageRoot)
            XCTAssertEqual(run.status, 0, run.stderr)
            let baseline = Self.snapshots.appendingPathComponent("\(name).analysis.json")
            guard let expected = try? String(contentsOf: baseline, encoding: .utf8) else {
                try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
                try run.stdout.write(to: baseline)
                XCTFail("no baseline for \(name): recorded \(baseline.path); review it and commit it")
                continue
            }
            if run.text != expected {
                let actual = baseline.deletingPathExtension().appendingPathExtension("actual.json")
                try run.stdout.write(to: actual)
                XCTFail("\(name): analysis differs from its baseline; the new output is in \(actual.path)")
            }
        }
    }

    /// The committed recordings are what the documented commands produce.
    func testSampleDataIsReproducible() throws {
        let readme = try String(contentsOf: TestPaths.sampleData.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = readme.split(separator: "`").filter { $0.hasPrefix("gait simulate ") }
        XCTAssertEqual(commands.count, Self.recordings.count)
        let dir = try TestPaths.temporaryDirectory()
        for command in commands {
            let args = command.split(separator: " ").dropFirst().map(String.init)
            let run = try GaitBinary.run(args, cwd: dir)
            XCTAssertEqual(run.status, 0, run.stderr)
            for flag in ["--out", "--truth"] {
                let file = args[args.firstIndex(of: flag)! + 1]
                let made = try Data(contentsOf: dir.appendingPathComponent(file))
                let committed = try Data(contentsOf: TestPaths.sampleData.appendingPathComponent(file))
                XCTAssertEqual(made, committed, "\(file) differs from what `\(command)` makes")
            }
        }
    }
}
