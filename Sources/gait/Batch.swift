import ArgumentParser
import Foundation
import GaitBatch
import GaitCore
import GaitIngest

/// `gait batch INPUT... --out DIR`: many recordings, one core per job (docs/output.md, "gait batch").
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse many recordings: DIR/<recording>.json each, DIR/summary.csv and DIR/errors.csv.",
        discussion: """
            INPUT is a recording or a directory (searched recursively for .csv, .txt, .tsv and .dat files). \
            Each recording is named by its file name without the extension; where file names repeat, \
            with as many of its last folders as tell them apart (s01/walk, s02/walk). A failed input never stops the others: it is listed in errors.csv. \
            Bad rows inside a readable recording are skipped and counted (--on-bad-row fail makes them \
            fail the recording). Every output file is written atomically. Exit code 0 when every input \
            succeeded, 1 when some failed, 2 for bad usage. Flags support research; they are not a diagnosis.
            """)

    @Argument(help: "Recordings, or directories of recordings.")
    var inputs: [String]
    @Option(help: "Output directory (created when missing).")
    var out: String
    @Option(help: "Recordings analysed at once, one core each (default: the number of cores).")
    var jobs: Int?
    @ArgumentParser.Flag(help: "Keep results already in the output directory; analyse only the rest (and the inputs that failed).")
    var resume = false
    @Option(help: "K/N: run only the K-th of N disjoint shards of the inputs (join them with gait merge).")
    var shard: String?
    @Option(help: "CSV of subject data per recording: a column recording (or file, path, id), and any of height_m, sensor_height_m, age_years, sex.")
    var metadata: String?
    @OptionGroup var input: InputOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let all = try BatchInputs.resolve(inputs, excluding: out)
        var mine = all
        if let shard {
            let (k, n) = try BatchInputs.parseShard(shard)
            mine = BatchInputs.shard(all, k: k, of: n)
        }
        let table = try metadata.map { path throws(GaitError) in try BatchMetadata.load(path: path, inputs: all) } ?? BatchMetadata()
        if !table.unmatchedKeys.isEmpty, let path = metadata {
            let shown = table.unmatchedKeys.prefix(3).joined(separator: ", ")
            StandardStreams.write("gait: \(path): \(table.unmatchedKeys.count) row(s) match no input (\(shown)\(table.unmatchedKeys.count > 3 ? ", …" : ""))\n", to: 2)
        }
        let base = try input.engineOptions(path: "-", badRows: .skip)
        let runner = BatchRunner(outputDirectory: out, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, resume: resume) { item in
            var options = base
            options.reader.path = item.path
            options.subject = table.subject(for: item.recording, defaults: base.subject)
            options.reader = table.readerOptions(for: item.recording, defaults: options.reader)
            return options
        }
        // Failures always get their line; on a terminal every recording does, as it finishes.
        let progress = isatty(2) == 1
        let total = mine.count
        let report = try runner.run(mine) { item, outcome, finished in
            switch outcome {
            case .failed(let failure): StandardStreams.write("gait: " + failure.error.description + "\n", to: 2)
            case .analysed where progress: StandardStreams.write("gait batch: [\(finished)/\(total)] \(item.recording)\n", to: 2)
            case .resumed where progress: StandardStreams.write("gait batch: [\(finished)/\(total)] \(item.recording) (kept)\n", to: 2)
            default: break
            }
        }
        var line = "gait batch: \(report.analysed) analysed"
        if resume { line += ", \(report.resumed) kept from an earlier run" }
        line += ", \(report.failures.count) failed"
        if shard != nil { line += " (shard \(shard!) of \(all.count) inputs)" }
        StandardStreams.write(line + "; results in \(out)\n", to: 2)
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
