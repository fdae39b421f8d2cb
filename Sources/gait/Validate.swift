import ArgumentParser
import GaitCore
import GaitOutput
import GaitValidation

/// `gait validate voisard DIR`: accuracy against a reference dataset, as Markdown tables.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the analysis against a dataset with reference events (docs/validation.md).",
        discussion: "DATASET names the layout: voisard (Voisard et al. 2023, lower back + hand-checked events).")

    @Argument(help: "Dataset layout: voisard.")
    var dataset: String
    @Argument(help: "The dataset folder.")
    var directory: String
    @Option(help: "Write the Markdown report to this file instead of standard output.")
    var out: String?

    func run() throws {
        guard dataset == "voisard" else { throw ValidationError("unknown dataset layout '\(dataset)' (known: voisard)") }
        let report = try VoisardEvaluation.run(directory: directory)
        try Output.write(VoisardEvaluation.markdown(report), to: out)
    }
}
