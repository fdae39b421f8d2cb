import Foundation
import GaitCore
import GaitOutput

/// `gait merge DIR... --out DIR`: joins the output directories of sharded (or resumed, or simply
/// separate) batch runs into one, as if one batch had made it.
///
/// - Every `<recording>.json` under each DIR (recursively, hidden entries skipped) is copied,
///   byte for byte, to `OUT/<recording>.json`. The same recording in two DIRs is fine when the two
///   documents are identical and an error otherwise: the merge will not choose between results.
/// - `summary.csv` is rebuilt from the documents (the same rows `gait batch` writes).
/// - `errors.csv` joins the DIRs' `errors.csv`, dropping inputs that have a result in another DIR
///   (a shard that failed an input and a later run that succeeded on it) and repeats of one input.
/// - An `errors.csv` row whose width differs from its header's is an error naming its line.
/// - Everything is read and checked before anything is written, so a bad DIR leaves OUT untouched;
///   each file is written atomically.
public enum BatchMerge {
    public struct Report: Sendable {
        public var recordings = 0
        public var failures = 0
    }

    public static func merge(_ directories: [String], into out: String) throws(GaitError) -> Report {
        let fm = FileManager.default
        let outKey = BatchInputs.absoluteComponents(out)
        var sources: [String: String] = [:]  // recording → document path
        var order: [String] = []
        var errorRows: [(recording: String, fields: [JSONValue])] = []
        for dir in directories {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw GaitError(.usage, "not a directory", file: dir)
            }
            guard BatchInputs.absoluteComponents(dir) != outKey else {
                throw GaitError(.usage, "--out must be a new directory, not one of the directories merged", file: dir)
            }
            for (recording, path) in try documents(under: dir) {
                if let earlier = sources[recording] {
                    guard fm.contentsEqual(atPath: earlier, andPath: path) else {
                        throw GaitError(.usage, "recording '\(recording)' has different results in \(earlier) and \(path)", file: path)
                    }
                    continue
                }
                sources[recording] = path
                order.append(recording)
            }
            errorRows += try errors(in: dir)
        }
        // Check every document before writing anything.
        let recordings = order.sorted()
        var rows: [[JSONValue]] = []
        for recording in recordings {
            let doc = try BatchRunner.readDocument(sources[recording]!)
            rows.append(BatchTables.summaryRow(recording: recording, document: doc))
        }
        var failed = Set<String>()
        let failures = errorRows.filter { sources[$0.recording] == nil && failed.insert($0.recording).inserted }
            .sorted { $0.recording < $1.recording }

        try BatchRunner.makeDirectory(out)
        for recording in recordings {
            let target = BatchRunner.documentPath(recording, in: out)
            try BatchRunner.makeParentDirectory(of: target)
            guard let data = fm.contents(atPath: sources[recording]!) else {
                throw GaitError(.invalidInput, "cannot read", file: sources[recording]!)
            }
            var bytes = [UInt8](data)
            try AtomicFile.write(bytes: &bytes, to: target)
        }
        try BatchTables.write(summaryRows: rows, errorRows: failures.map(\.fields), to: out)
        return Report(recordings: rows.count, failures: failures.count)
    }

    /// recording name → document path, for every `.json` under `dir`.
    private static func documents(under dir: String) throws(GaitError) -> [(String, String)] {
        try BatchInputs.files(under: dir) { PathText.removingSuffix(".json", from: $0) != nil }
            .map { (PathText.removingSuffix(".json", from: $0.relative)!, $0.path) }
    }

    /// The rows of `dir/errors.csv` in the order of `BatchTables.errorColumns`; none when absent.
    private static func errors(in dir: String) throws(GaitError) -> [(recording: String, fields: [JSONValue])] {
        let path = dir + "/errors.csv"
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let table = try CSVTable.parse([UInt8](data), path: path)
        let columns = BatchTables.errorColumns.map { table.column($0) }
        guard let pathColumn = columns[0], let recordingColumn = table.column("recording") else {
            throw GaitError(.invalidInput, "not a batch errors.csv: it needs the columns path and recording", file: path, line: 1)
        }
        // A row of another width is not one our writer made (a hand edit, or a cell whose line
        // break went out unquoted): refused, so that no failure is lost or half read in silence.
        if let bad = table.rows.first(where: { $0.fields.count != table.header.count }) {
            throw GaitError(.invalidInput, "a row of \(bad.fields.count) fields where the header has \(table.header.count)",
                            file: path, line: bad.line)
        }
        return table.rows.map { row in
            let fields = columns.map { c -> JSONValue in
                guard let c, !row.fields[c].isEmpty else { return .null }
                return .string(row.fields[c])
            }
            let recording = row.fields[recordingColumn]
            return (recording.isEmpty ? row.fields[pathColumn] : recording, fields)
        }
    }
}
