import GaitCore
import GaitOutput

/// The two tables of a batch output directory, `summary.csv` and `errors.csv` (docs/output.md,
/// "gait batch"). Summary rows are built from the recording's `gait.analysis/1` document, the
/// same way whether the document was just made, found by `--resume`, or joined by `gait merge`,
/// so the three give the same row for the same recording.
public enum BatchTables {
    /// Columns before the summary's own fields: which recording, what was read, the subject.
    static let leadingColumns: [(name: String, section: String, key: String)] = [
        ("path", "input", "path"),
        ("rows", "input", "rows"),
        ("sampling_rate_hz", "input", "sampling_rate_hz"),
        ("duration_s", "input", "duration_s"),
        ("bad_rows_skipped", "input", "bad_rows_skipped"),
        ("height_m", "subject", "height_m"),
        ("sensor_height_m", "subject", "sensor_height_m"),
        ("age_years", "subject", "age_years"),
        ("sex", "subject", "sex"),
    ]

    /// `summary.csv`'s header: `recording`, the input and subject columns, every summary field
    /// of the JSON document in its order, then `n_flags`, `flags`, `experimental_flags` and `notes`.
    public static let summaryColumns: [String] =
        ["recording"] + leadingColumns.map(\.name) + Summary.fields.map(\.name) + ["n_flags", "flags", "experimental_flags", "notes"]

    /// Joins the document's `notes` in `summary.csv`'s `notes` cell. Notes are sentences that use
    /// `:`, `;` and `,`, never this.
    public static let notesSeparator = " | "

    /// `errors.csv`'s header. The first three are the contract's; `column` and `recording` locate
    /// the error further, `kind` is `invalid_input` (exit 2 in analyze) or `analysis_failed` (exit 1).
    public static let errorColumns = ["path", "line", "message", "column", "recording", "kind"]

    /// The summary row of one recording from its analysis document. Fields the document lacks are
    /// empty. Flags are `pattern` or `pattern:side`, joined by `;`; notes are joined by
    /// `notesSeparator`, so a spreadsheet reader sees what was assumed or not assessed.
    public static func summaryRow(recording: String, document: JSONValue) -> [JSONValue] {
        var row: [JSONValue] = [.string(recording)]
        for c in leadingColumns { row.append(document[c.section]?[c.key] ?? .null) }
        let summary = document["summary"]
        for f in Summary.fields { row.append(summary?[f.name] ?? .null) }
        var flags: [String] = [], experimental: [String] = []
        if case .array(let items)? = document["flags"] {
            for item in items {
                guard case .string(let pattern)? = item["pattern"] else { continue }
                var text = pattern
                if case .string(let side)? = item["side"] { text += ":" + side }
                if case .bool(true)? = item["experimental"] { experimental.append(text) } else { flags.append(text) }
            }
        }
        row.append(.int(flags.count))
        row.append(.string(flags.joined(separator: ";")))
        row.append(.string(experimental.joined(separator: ";")))
        let notes = (document["notes"]?.arrayValue ?? []).compactMap(\.stringValue)
        row.append(.string(notes.joined(separator: notesSeparator)))
        return row
    }

    /// One `errors.csv` row.
    public static func errorRow(_ failure: BatchFailure) -> [JSONValue] {
        [.string(failure.path), JSONValue(failure.error.line), .string(failure.error.message), JSONValue(failure.error.column),
         .string(failure.recording), .string(failure.error.kind == .analysisFailed ? "analysis_failed" : "invalid_input")]
    }

    /// Writes `DIR/summary.csv` and `DIR/errors.csv`, each atomically.
    static func write(summaryRows: [[JSONValue]], errorRows: [[JSONValue]], to directory: String) throws(GaitError) {
        for (name, header, rows) in [("summary.csv", summaryColumns, summaryRows), ("errors.csv", errorColumns, errorRows)] {
            var text = CSVWriter.header(header)
            for r in rows { text += CSVWriter.row(r) }
            try AtomicFile.write(text, to: directory + "/" + name)
        }
    }
}

/// An input that produced no result, and why.
public struct BatchFailure: Hashable, Sendable {
    public var path: String
    public var recording: String
    /// The error, naming the file and, where it is about a line, the line and column.
    public var error: GaitError

    public init(path: String, recording: String, error: GaitError) {
        self.path = path
        self.recording = recording
        self.error = error
    }
}
