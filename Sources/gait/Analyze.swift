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
        let result = try GaitEngine.analyze(path: file, options: try input.engineOptions(path: file))
        let text: String
        switch format {
        case .json: text = JSONWriter().string(result.json) + "\n"
        case .csv: text = CSVWriter.table(result.steps)
        case .text: text = TextReport.render(result)
        }
        try Output.write(text, to: out)
    }
}

enum Output {
    static func write(_ text: String, to path: String?) throws(GaitError) {
        if let path { try AtomicFile.write(text, to: path) } else { StandardStreams.write(text, to: 1) }
    }
}
