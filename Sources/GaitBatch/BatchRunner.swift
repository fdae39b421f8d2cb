import Foundation
import GaitCore
import GaitOutput
import GaitPipeline

/// `gait batch`: many recordings, `jobs` at a time, one thread (one core) each.
///
/// For each input it writes `DIR/<recording>.json` (the `gait.analysis/1` document, atomically:
/// complete or absent); at the end `DIR/summary.csv` (one row per recording that has a result)
/// and `DIR/errors.csv` (one row per input that failed). A failed input never stops the others.
/// A failure also removes an older `<recording>.json` of the same name, so the directory never
/// holds a result that contradicts `errors.csv`. With `resume`, a recording whose document is
/// already in `DIR` is not analysed again: its summary row is rebuilt from that document.
///
/// The work is bounded by one recording per job: each job holds one recording's result while it
/// writes it, and the tables hold one row per recording.
public struct BatchRunner: Sendable {
    public var outputDirectory: String
    public var jobs: Int
    public var resume: Bool
    /// The engine options for one input (subject data from `--metadata` over the command line's).
    public var options: @Sendable (BatchInput) -> EngineOptions

    public init(outputDirectory: String, jobs: Int, resume: Bool, options: @escaping @Sendable (BatchInput) -> EngineOptions) {
        precondition(jobs >= 1, "jobs must be at least 1")
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.resume = resume
        self.options = options
    }

    /// What a run did.
    public struct Report: Sendable {
        public var analysed = 0
        public var resumed = 0
        public var failures: [BatchFailure] = []
        /// The summary rows of the inputs with a result, in recording-name order.
        public var rows: [[JSONValue]] = []
    }

    /// How one input ended: its summary row, or why it failed.
    public enum Outcome: Sendable {
        case analysed([JSONValue])
        case resumed([JSONValue])
        case failed(BatchFailure)
    }

    /// Runs every input, then writes the two tables. `onFinish` is called from the worker threads
    /// (calls may overlap) as each input finishes, with how many have finished so far.
    public func run(_ inputs: [BatchInput],
                    onFinish: @escaping @Sendable (_ input: BatchInput, _ outcome: Outcome, _ finished: Int) -> Void = { _, _, _ in })
        throws(GaitError) -> Report {
        try Self.makeDirectory(outputDirectory)
        if resume { try removeInterruptedWrites() }
        let outcomes = WorkQueue.run(inputs.count, threads: jobs, { i in process(inputs[i]) },
                                     finished: { i, outcome, done in onFinish(inputs[i], outcome, done) })
        var report = Report()
        for outcome in outcomes {
            switch outcome {
            case .analysed(let row): report.analysed += 1; report.rows.append(row)
            case .resumed(let row): report.resumed += 1; report.rows.append(row)
            case .failed(let f): report.failures.append(f)
            }
        }
        try BatchTables.write(summaryRows: report.rows, errorRows: report.failures.map(BatchTables.errorRow), to: outputDirectory)
        return report
    }

    /// The path of a recording's document in `directory`.
    public static func documentPath(_ recording: String, in directory: String) -> String {
        directory + "/" + recording + ".json"
    }

    private func process(_ input: BatchInput) -> Outcome {
        let out = Self.documentPath(input.recording, in: outputDirectory)
        if resume, let doc = try? Self.readDocument(out) {
            return .resumed(BatchTables.summaryRow(recording: input.recording, document: doc))
        }
        do {
            try Self.makeParentDirectory(of: out)
            let result = try GaitEngine.analyze(path: input.path, options: options(input))
            try AtomicFile.writeText(to: out) { sink throws(GaitError) in try AnalysisDocument.stream(result, to: sink) }
            return .analysed(BatchTables.summaryRow(recording: input.recording, document: AnalysisDocument.withoutEventLists(result)))
        } catch {
            unlink(out)
            return .failed(BatchFailure(path: input.path, recording: input.recording, error: error.inFile(input.path)))
        }
    }

    /// A batch that was killed can leave the temporary files of its atomic writes
    /// (`AtomicFile.isInterruptedWrite`, never a document). `--resume` removes them before it starts.
    private func removeInterruptedWrites() throws(GaitError) {
        let stale = try BatchInputs.files(under: outputDirectory, includingHidden: true, keep: AtomicFile.isInterruptedWrite)
        for f in stale { unlink(f.path) }
    }

    /// Reads and checks a `gait.analysis/1` document for its summary row: the per-event lists are
    /// checked but not built (a week-long document holds a million steps).
    public static func readDocument(_ path: String) throws(GaitError) -> JSONValue {
        try AnalysisDocument.read(path: path, skipping: AnalysisDocument.eventLists)
    }

    /// `mkdir -p` of the directory holding `file`.
    static func makeParentDirectory(of file: String) throws(GaitError) {
        if let parent = PathText.parent(file), !parent.isEmpty { try makeDirectory(parent) }
    }

    /// `mkdir -p`.
    static func makeDirectory(_ path: String) throws(GaitError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GaitError(.usage, "cannot create the directory: \(error.localizedDescription)", file: path)
        }
    }
}
