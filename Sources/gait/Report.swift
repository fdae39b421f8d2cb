import ArgumentParser
import Foundation
import GaitBatch
import GaitCore
import GaitOutput
import GaitPipeline

/// `gait report`: one self-contained HTML page (inline styles and SVG plots, no script, no
/// external links) for recordings and analysis documents. Every input is read, and analysed when
/// it is a recording, before anything is written: one bad input fails the command and no report
/// file appears.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report with plots for recordings or their analysis documents.",
        discussion: """
            Each FILE is a recording (CSV), analysed as `gait analyze` would with the options below, or a \
            gait.analysis/1 JSON document that `gait analyze --format json` wrote (told apart by a first \
            character '{'); the options do not change a JSON document. A directory stands for every \
            .json document under it (a gait batch output). With several files the report starts \
            with an overview table. Large recordings are thinned for drawing (docs/output.md, "gait report"). \
            Flags support research; they are not a diagnosis.
            """)

    @Argument(help: "Recordings (CSV), gait.analysis/1 JSON documents, or directories of documents (a gait batch output).")
    var files: [String] = []
    @Option(help: "The HTML file to write (atomically: complete or absent).")
    var out: String
    @Option(help: "The report's title.")
    var title: String = "GaitKit report"
    @OptionGroup var input: InputOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one recording or analysis document") }
        guard !files.contains("-") else {
            throw ValidationError("report reads files, not standard input: write the analysis to a file first")
        }
    }

    func run() throws {
        var report = HTMLReport(title: title)
        for file in try Self.expand(files) {
            report.add(name: file, document: try document(file))
        }
        try Output.write(report.html(), to: out)
    }

    /// The files, with each directory replaced by the analysis documents (`.json`) under it, in
    /// name order: a `gait batch` output directory reports every recording of the batch.
    static func expand(_ files: [String]) throws(GaitError) -> [String] {
        var out: [String] = []
        for file in files {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir), isDir.boolValue else {
                out.append(file)
                continue
            }
            let documents = try BatchInputs.files(under: file) { PathText.removingSuffix(".json", from: $0) != nil }.map(\.path)
            guard !documents.isEmpty else { throw GaitError(.usage, "no analysis documents (.json) in the directory", file: file) }
            out += documents
        }
        return out
    }

    /// The analysis document of `file`: read back when it is one, else made by analysing it.
    private func document(_ file: String) throws(GaitError) -> JSONValue {
        do {
            if try AnalysisDocument.startsLikeJSON(path: file) {
                return try AnalysisDocument.read(path: file, skipping: HTMLReport.unusedMembers, projecting: HTMLReport.usedFields)
            }
            let result = try GaitEngine.analyze(path: file, options: try input.engineOptions(path: file))
            // The numbers as `analyze --format json` writes them, so both kinds of input draw alike.
            return JSONWriter().readBack(HTMLReport.document(from: result.jsonMembers))
        } catch {
            throw error.inFile(file)
        }
    }
}
