// libFuzzer target: any bytes as the small CSV tables around a batch (`CSVTable`): a `--metadata`
// file (`BatchMetadata`, as `gait batch` reads it) and the `errors.csv` that `gait merge` joins.
// People write these tables by hand and in spreadsheets. A table that cannot be read must end in
// a thrown `GaitError` with a one-line description naming the file and line; one that can must
// give only subject values the command line would accept, for recordings of the batch; and
// whatever a table holds, writing its cells back with `CSVWriter` must read back the same cells
// (the writer and the reader agree on every text, the property `gait merge` relies on).

import FuzzDriver
import GaitBatch
import GaitCore
import GaitOutput

/// This executable's entry point under SwiftPM's name for it (FuzzDriver.swift).
@_cdecl("fuzz_tables_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzTables)
}

/// The batch the metadata is matched against: two recordings that share a file name (so that
/// a bare file name is ambiguous), one with a tab-separated extension, one without a folder, and
/// two whose names are one text in NFC and NFD (named as `BatchInputs` names such twins).
let inputs = [
    BatchInput(path: "data/s01/walk.csv", recording: "s01/walk"),
    BatchInput(path: "data/s02/walk.csv", recording: "s02/walk"),
    BatchInput(path: "data/run.tsv", recording: "run"),
    BatchInput(path: "bare", recording: "bare"),
    BatchInput(path: "data/cafe\u{301}.csv", recording: "cafe\u{301}"),
    BatchInput(path: "data/caf\u{E9}.csv", recording: "caf\u{E9}~2"),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTables(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = pointer.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let table = try CSVTable.parse(bytes, path: "t.csv")
        checkRoundTrip(table)
    } catch {
        checkError(error)
    }
    do {
        let metadata = try BatchMetadata.parse(bytes, path: "meta.csv", inputs: inputs)
        checkSubjects(metadata)
    } catch {
        checkError(error)
        precondition(error.kind == .usage, "a metadata error is a usage error (exit 2): \(error)")
    }
    return 0
}

func checkError(_ error: GaitError) {
    let text = error.description
    precondition(!text.contains(where: \.isNewline), "error description spans lines: \(text.debugDescription)")
    precondition(error.file != nil && (error.line ?? 0) >= 1, "error names no file and line: \(text)")
}

/// The header and every row, written by `CSVWriter` and read again, give the same cells and rows.
/// Not checked where the header's first cell starts with U+FEFF (the input began with two byte
/// order marks): the reader drops one leading mark, as spreadsheets write one, so that text
/// cannot come back as the first cell of a file.
func checkRoundTrip(_ table: CSVTable) {
    if table.header.first?.unicodeScalars.first == "\u{FEFF}" { return }
    var text = CSVWriter.row(table.header.map { .string($0) })
    for row in table.rows { text += CSVWriter.row(row.fields.map { .string($0) }) }
    let again: CSVTable
    do { again = try CSVTable.parse(Array(text.utf8), path: "again.csv") } catch {
        preconditionFailure("the written table does not read back: \(error)\n\(text.debugDescription)")
    }
    // By bytes: Swift's `==` on text is canonical equivalence and would pass a writer that
    // normalized the cells.
    func bytes(_ cells: [String]) -> [[UInt8]] { cells.map { Array($0.utf8) } }
    precondition(bytes(again.header) == bytes(table.header), "header changed: \(table.header) → \(again.header)")
    precondition(again.rows.map { bytes($0.fields) } == table.rows.map { bytes($0.fields) },
                 "rows changed: \(table.rows.map(\.fields)) → \(again.rows.map(\.fields))")
    var previous = 1
    for row in table.rows {
        precondition(row.line > previous, "row lines out of order: \(table.rows.map(\.line))")
        previous = row.line
    }
}

func checkSubjects(_ metadata: BatchMetadata) {
    let recordings = Set(inputs.map(\.recording))
    for (recording, s) in metadata.subjects {
        precondition(recordings.contains(recording), "subject for a recording not in the batch: \(recording)")
        if let v = s.heightM { precondition(Subject.heightRangeM.contains(v), "height \(v)") }
        if let v = s.sensorHeightM { precondition(Subject.sensorHeightRangeM.contains(v), "sensor height \(v)") }
        if let v = s.ageYears { precondition(Subject.ageRangeYears.contains(v), "age \(v)") }
        if let v = s.sex { precondition(Subject.isValidSex(v), "sex \(v)") }
    }
    for recording in metadata.sensors.keys {
        precondition(recordings.contains(recording), "sensor settings for a recording not in the batch: \(recording)")
    }
    for key in metadata.unmatchedKeys {
        precondition(!recordings.contains(key), "a recording's own name reported as unmatched: \(key)")
    }
}
