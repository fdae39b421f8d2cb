import ArgumentParser
import GaitBatch

/// `gait merge DIR... --out DIR`: joins the outputs of sharded batch runs.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the output directories of sharded batch runs into one (documents, summary.csv, errors.csv).",
        discussion: """
            Every <recording>.json is copied; summary.csv is rebuilt from them; errors.csv joins the runs' \
            errors, leaving out inputs that have a result in another directory. The same recording with \
            different results in two directories is an error. Nothing is written unless every directory \
            reads cleanly. Exit code 0, or 1 when the merged errors.csv lists failed inputs, 2 for bad usage.
            """)

    @Argument(help: "Output directories of gait batch.")
    var directories: [String]
    @Option(help: "The merged output directory (created when missing; not one of the inputs).")
    var out: String

    func run() throws {
        let report = try BatchMerge.merge(directories, into: out)
        StandardStreams.write("gait merge: \(report.recordings) recordings, \(report.failures) failed inputs; results in \(out)\n", to: 2)
        if report.failures > 0 { throw ExitCode(1) }
    }
}
