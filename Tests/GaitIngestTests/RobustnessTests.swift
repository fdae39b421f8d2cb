import Foundation
import GaitCore
@testable import GaitIngest
import GaitTestSupport
import XCTest

/// Damaged input must give events or a `GaitError`, never a trap, whatever the chunking.
final class RobustnessTests: XCTestCase {
    private static let alphabet = Array("0123456789-+.eE,;\t\n\r \"xNaN:/T".utf8)

    func testMutatedFixturesNeverTrap() {
        var rng = SeededGenerator(seed: 0xBAD_DA7A)
        let fixtures = ChunkInvarianceTests.fixtures().map { (Array($0.bytes.prefix(30_000)), $0.options) }
        var outcomes = (events: 0, errors: 0)
        for round in 0..<400 {
            let (original, baseOptions) = fixtures[round % fixtures.count]
            var bytes = original
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = Self.alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(Self.alphabet.randomElement(using: &rng)!, at: at)
                default: bytes.remove(at: at)
                }
            }
            var options = baseOptions
            options.onBadRow = Bool.random(using: &rng) ? .skip : .fail
            if Bool.random(using: &rng) { options.rate = SamplingRate(hz: 100) }
            do {
                let whole = try Ingest.read(bytes, options: options)
                let chunked = try Ingest.read(bytes, chunk: Int.random(in: 1...500, using: &rng), options: options)
                XCTAssertEqual(whole.events.map(EventRecord.init), chunked.events.map(EventRecord.init), "round \(round)")
                outcomes.events += 1
            } catch is GaitError {
                outcomes.errors += 1
            } catch {
                XCTFail("round \(round): not a GaitError: \(error)")
            }
        }
        XCTAssertGreaterThan(outcomes.events, 50)
        XCTAssertGreaterThan(outcomes.errors, 50)
    }

    func testRandomBytesNeverTrap() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...3000, using: &rng)).map { _ in
                Bool.random(using: &rng) ? Self.alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            do {
                _ = try Ingest.read(bytes, chunk: 13)
            } catch is GaitError {
            } catch {
                XCTFail("not a GaitError: \(error)")
            }
        }
    }

    /// Timestamps 1 ns apart give a rate no motion sensor has; bridging a 0.4 s gap at it would
    /// need 4 × 10⁸ samples (the process ran out of memory; found while checking what the fuzzer could reach, Fuzz/README.md). Refused, naming
    /// the file and the rate; with the rate given the same rows are read.
    func testImplausibleRateFromTimestampsIsRefused() throws {
        var csv = "time_s,ax,ay,az\n"
        for start in [0.0, 0.4] {
            for i in 0..<20 { csv += "\(Ingest.fixed(start + Double(i) * 1e-9, 12)),0.1,0.2,9.8\n" }
        }
        XCTAssertThrowsError(try Ingest.read(csv)) { error in
            let e = error as? GaitError
            XCTAssertEqual(e?.kind, .invalidInput)
            XCTAssertEqual(e?.file, "test.csv")
            XCTAssertTrue(e?.message.contains("1000000000 Hz") ?? false, "\(error)")
        }
        let given = try Ingest.read(csv, options: ReaderOptions(path: "test.csv", rate: SamplingRate(hz: 1000)))
        XCTAssertFalse(given.events.isEmpty)
    }
}
