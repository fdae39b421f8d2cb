import ArgumentParser
import GaitCore
import GaitOutput
import GaitPipeline

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse one recording: contacts, sides, steps, strides, bouts, summary and flags.",
        discussion: """
            FILE is a CSV export of a lower-back IMU, or - for standard input.
            --format json writes the gait.analysis/1 document; csv writes one row per step;
            text writes a readable summary. Flags support research; they are not a diagnosis.
            """)

    @Argument(help: "The recording (CSV), or - for standard input.")
    var file: String
    @Option(help: "Output format: text, json or csv.")
    var format: OutputFormat = .text
    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var out: String?
    @OptionGroup var input: InputOptions

    func run() throws {
        let options = try input.engineOptions(path: file)
        if format == .csv {
            // One row per step, written as each step becomes final: memory stays bounded.
            try Output.stream(to: out) { sink throws(GaitError) in
                try sink(CSVWriter.header(Step.fields.map(\.name)))
                _ = try GaitEngine.analyze(path: file, options: options, collect: false) { event throws(GaitError) in
                    if case .step(let s) = event { try sink(CSVWriter.row(Step.fields.map { $0.value(s) })) }
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
