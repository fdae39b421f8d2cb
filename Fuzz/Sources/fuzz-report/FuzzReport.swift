// libFuzzer target: any bytes as a JSON document, read as `gait report` and `gait merge` read
// one (`JSONReader`, with the report's skipped members and projected step fields), then drawn as
// an HTML report when it parses. Users hand-edit, truncate and concatenate these documents; a
// malformed one must end in a thrown `GaitError` naming the file, line and column, and any
// well-formed JSON, whatever its members hold, must draw without a trap.

import FuzzDriver
import GaitCore
import GaitOutput

/// This executable's entry point under SwiftPM's name for it (FuzzDriver.swift).
@_cdecl("fuzz_report_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzReport)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReport(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = pointer.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for (skipping, projecting) in [(Set<String>(), [String: Set<String>]()), (HTMLReport.unusedMembers, HTMLReport.usedFields)] {
        do {
            let document = try JSONReader.parse(bytes, path: "fuzz.json", skipping: skipping, projecting: projecting)
            _ = HTMLReport.render([(name: "fuzz.json", document: document)])
        } catch {
            _ = error.description
        }
    }
    return 0
}
