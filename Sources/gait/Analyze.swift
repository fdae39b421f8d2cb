import ArgumentParser
import GaitAnalysis
import GaitCore
import GaitOutput
import GaitPipeline

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

/// Which records `--format csv` writes, one row each: the sections of the JSON document that are
/// lists of flat records (docs/output.md, "--format csv"), for readers of a spreadsheet.
enum CSVTableKind: String, ExpressibleByArgument, CaseIterable {
    case steps, strides, bouts, turns

    /// The table's header.
    var columns: [String] {
        switch self {
        case .steps: Step.fields.map(\.name)
        case .strides: Stride.fields.map(\.name)
        case .bouts: Bout.fields.map(\.name)
        case .turns: Turn.fields.map(\.name)
        }
    }

    /// The row of `event` when it is one of this table's records.
    func row(_ event: AnalysisEvent) -> [JSONValue]? {
        switch (self, event) {
        case (.steps, .step(let r)): Step.fields.map { $0.value(r) }
        case (.strides, .stride(let r)): Stride.fields.map { $0.value(r) }
        case (.bouts, .bout(let r)): Bout.fields.map { $0.value(r) }
        case (.turns, .turn(let r)): Turn.fields.map { $0.value(r) }
        default: nil
        }
    }
}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse one recording: contacts, sides, steps, strides, bouts, summary and flags.",
        discussion: """
            FILE is a CSV export of a lower-back IMU, or - for standard input.
            --format json writes the gait.analysis/1 document; csv writes one row per step (or per
            stride, bout or turn with --table); text writes a readable summary. Flags support
            research; they are not a diagnosis.
            """)

    @Argument(help: "The recording (CSV), or - for standard input.")
    var file: String
    @Option(help: "Output format: text, json or csv.")
    var format: OutputFormat = .text
    @Option(help: "--format csv: one row per step, stride, bout or turn, with the fields of that JSON section (default: steps).")
    var table: CSVTableKind?
    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var out: String?
    @OptionGroup var input: InputOptions

    func validate() throws {
        if table != nil && format != .csv { throw ValidationError("--table belongs to --format csv") }
    }

    func run() throws {
        let options = try input.engineOptions(path: file)
        if format == .csv {
            // One row per record, written as each becomes final: memory stays bounded.
            let table = table ?? .steps
            try Output.stream(to: out) { sink throws(GaitError) in
                try sink(CSVWriter.header(table.columns))
                _ = try GaitEngine.analyze(path: file, options: options, collect: false) { event throws(GaitError) in
                    if let row = table.row(event) { try sink(CSVWriter.row(row)) }
                }
            }
            return
        }
        let result = try GaitEngine.analyze(path: file, options: options)
        if format == .json {
            try Output.stream(to: out) { sink throws(GaitError) in try AnalysisDocument.stream(result, to: sink) }
            return
        }
        try Output.write(TextReport.render(result), to: out)
    }
}

enum Output {
    static func write(_ text: String, to path: String?) throws(GaitError) {
        if let path { try AtomicFile.write(text, to: path) } else { StandardStreams.write(text, to: 1) }
    }

    /// Text produced in pieces, to a file (atomically: complete or absent) or standard output,
    /// in writes of about 64 KiB.
    static func stream(to path: String?, _ body: (_ sink: (String) throws(GaitError) -> Void) throws(GaitError) -> Void) throws(GaitError) {
        guard let path else { return try TextChunks.pass(body) { StandardStreams.write($0, to: 1) } }
        try AtomicFile.writeText(to: path, body)
    }
}
