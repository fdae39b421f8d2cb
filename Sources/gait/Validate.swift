import ArgumentParser
import GaitCore
import GaitOutput
import GaitValidation

/// `gait validate voisard DIR`: accuracy against a reference dataset, as Markdown tables.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the analysis against a dataset with reference events (docs/validation.md).",
        discussion: """
            DATASET names the layout: voisard (Voisard et al. 2023, lower back + hand-checked events; DIRECTORY \
            is the dataset folder), or simulated (a seeded cohort of simulated normal gait, speeds 0.6–1.5 m/s, \
            heights 1.55–1.95 m; no DIRECTORY).
            """)

    @Argument(help: "Dataset layout: voisard.")
    var dataset: String
    @Argument(help: "The dataset folder (voisard).")
    var directory: String?
    @Option(help: "simulated: number of recordings.")
    var count: Int = 20
    @Option(help: "simulated: first seed.")
    var seed: UInt64 = 1000
    @Option(help: "simulated: duration of each recording, seconds.")
    var duration: Double = 300
    @Option(help: "Write the Markdown report to this file instead of standard output.")
    var out: String?

    func run() throws {
        switch dataset {
        case "voisard":
            guard let directory else { throw ValidationError("voisard needs the dataset folder") }
            let report = try VoisardEvaluation.run(directory: directory)
            try Output.write(VoisardEvaluation.markdown(report), to: out)
        case "simulated":
            let scores = try SimulatedEvaluation.normalCohort(count: count, firstSeed: seed, durationS: duration)
            try Output.write(SimulatedEvaluation.markdown(scores), to: out)
        default:
            throw ValidationError("unknown dataset layout '\(dataset)' (known: voisard, simulated)")
        }
    }
}
