// libFuzzer target: any bytes, pushed through the whole engine (reader → analysis → classifier) as
// `gait analyze` and `gait stream` would read them. A crash, a trap (precondition, index out of
// range, overflow) or a hang is a finding; an error thrown is the expected answer to bad input.
// So is a result that is quietly wrong in a way any input can check (`checkInvariants`): a
// non-finite number (the output writes it as null, so a NaN in a window would be lost silently),
// contacts out of time order, a step of no duration, a side confidence outside 0.5–1, a summary
// whose steps, bouts or walking time are not those of the bouts it keeps (every bout but those
// set aside as vibration).
//
// The first byte chooses how the rest is read, so that one corpus exercises the variants:
// bit 0, a sampling rate given (100 Hz, as `--rate 100`); bit 1, bad rows skipped (as in batch)
// instead of failing; bits 2–7, where the bytes are split into two pushes (chunking must not
// matter, ChunkInvarianceTests).

import FuzzDriver
import GaitAnalysis
import GaitCore
import GaitIngest
import GaitPipeline

/// This executable's entry point under SwiftPM's name for it (FuzzDriver.swift).
@_cdecl("fuzz_engine_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzEngine)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEngine(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size > 0, let data = pointer else { return 0 }
    let mode = data[0]
    let bytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    var reader = ReaderOptions(path: "fuzz.csv", onBadRow: mode & 2 != 0 ? .skip : .fail)
    if mode & 1 != 0 { reader.rate = SamplingRate(hz: 100) }
    var engine = GaitEngine(options: EngineOptions(reader: reader))
    let split = min(bytes.count, Int(mode >> 2) * max(1, bytes.count / 63))
    var out = [AnalysisEvent]()
    do {
        try engine.push(UnsafeRawBufferPointer(rebasing: bytes[..<split]), into: &out)
        try engine.push(UnsafeRawBufferPointer(rebasing: bytes[split...]), into: &out)
        let (summary, flags) = try engine.finish(into: &out)
        checkInvariants(out, summary: summary, flags: flags)
    } catch {
        _ = error.description
    }
    return 0
}

/// Stops the process (a finding) where the results break what holds for any input.
func checkInvariants(_ events: [AnalysisEvent], summary: Summary, flags: [Flag]) {
    var lastContact = -Double.infinity
    var keptBouts = 0, keptSteps = 0, keptTime = 0.0
    for event in events {
        switch event {
        case .step(let s):
            require(s.icS > lastContact, "steps out of time order at \(s.icS) s after \(lastContact) s")
            lastContact = s.icS
            require(s.stepTimeS.map { $0 > 0 } ?? true, "a step of no duration at \(s.icS) s")
            require(s.sideConfidence.map { (0.5...1).contains($0) } ?? true, "side_confidence \(s.sideConfidence!) at \(s.icS) s")
            requireFinite(s, "step at \(s.icS) s")
        case .stride(let s): requireFinite(s, "stride at \(s.startS) s")
        case .bout(let b):
            requireFinite(b, "bout \(b.index)")
            if !b.measures.isUnlikeWalking {
                keptBouts += 1
                keptSteps += b.measures.nSteps
                keptTime += b.endS - b.startS
            }
        case .turn(let t): requireFinite(t, "turn at \(t.startS) s")
        }
    }
    requireFinite(summary, "summary")
    require(summary.nBouts == keptBouts && summary.measures.nSteps == keptSteps,
            "summary of \(summary.nBouts) bouts, \(summary.measures.nSteps) steps; kept bouts \(keptBouts), \(keptSteps) steps")
    require(abs(summary.walkingTimeS - keptTime) <= 1e-6 * max(1, keptTime),
            "summary walking time \(summary.walkingTimeS) s; kept bouts \(keptTime) s")
    for f in flags { requireFinite(f, "flag \(f.pattern)") }
}

func require(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(what())") }
}

/// Every `Double` inside `value` (stored properties, optionals and collections, recursively) is finite.
func requireFinite(_ value: Any, _ what: @autoclosure () -> String) {
    if let d = value as? Double {
        require(d.isFinite, "\(what()): \(d)")
        return
    }
    for child in Mirror(reflecting: value).children { requireFinite(child.value, "\(what()).\(child.label ?? "?")") }
}
