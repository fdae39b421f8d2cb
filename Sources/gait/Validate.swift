import ArgumentParser
import GaitCore
import GaitOutput
import GaitValidation

extension SensorRemount: ExpressibleByArgument {}

/// `gait validate voisard DIR`: accuracy against a reference dataset, as Markdown tables.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the analysis against a dataset with reference events (docs/validation.md).",
        discussion: """
            DATASET names the layout: voisard (Voisard et al. 2023, lower back + hand-checked events; DIRECTORY \
            is the dataset folder), or simulated (a seeded cohort of simulated normal gait, speeds 0.6–1.5 m/s, \
            heights 1.55–1.95 m; no DIRECTORY). simulated --grid scores step length and left/right asymmetry \
            on a seeded grid of speeds 0.5–1.6 m/s, body and sensor heights, sensor mountings, asymmetries \
            (with a longer step's extra length from the trailing foot, both or the leading foot), with and \
            without gyroscope. classifier: simulated cohorts of every pattern at mild, moderate and \
            severe and a normal cohort (docs/validation.md, "Classifier"; its seed, 900001 unless --seed is \
            given, was never used while tuning). voisard --norms fits the classifier's healthy norms; \
            voisard --flags scores its flags on the healthy trials, leaving each subject out of the norms.
            """)

    @Argument(help: "Dataset layout: voisard.")
    var dataset: String
    @Argument(help: "The dataset folder (voisard).")
    var directory: String?
    @Option(help: "simulated: number of recordings (not with --grid); classifier: subjects per pattern and severity.")
    var count: Int = 20
    @Option(name: .customLong("normal-count"), help: "classifier: subjects in the normal cohort.")
    var normalCount: Int = ClassifierEvaluation.defaultNormalCount
    @ArgumentParser.Flag(help: "simulated: the grid of speeds, heights, mountings and asymmetries (docs/validation.md).")
    var grid = false
    @Option(help: "simulated --grid: recordings at each speed.")
    var perSpeed: Int = SimulatedGrid.defaultRecordingsPerSpeed
    @ArgumentParser.Flag(name: .customLong("per-recording"), help: "simulated --grid: add a row per recording.")
    var perRecording = false
    @Option(help: "simulated: first seed.")
    var seed: UInt64 = 1000
    @Option(help: "simulated: duration of each recording, seconds (default 300; 120 with --grid).")
    var duration: Double?
    @ArgumentParser.Flag(help: "voisard: fit the classifier's healthy norms (docs/classifier.md) and print them.")
    var norms = false
    @ArgumentParser.Flag(help: "voisard: the classifier's flags on the healthy trials, norms left out per subject.")
    var flags = false
    @Option(help: "voisard: analyse the lower-back recordings resampled to this rate, Hz (10–1000; low-pass below the new Nyquist frequency, cubic interpolation).")
    var resample: Double?
    @ArgumentParser.Flag(name: .customLong("accelerometer-only"), help: "voisard: analyse the lower-back recordings without their gyroscope columns, as an accelerometer-only device would record them.")
    var accelerometerOnly = false
    @Option(help: "voisard: analyse the lower-back recordings as the same sensor would have recorded them turned on the body: \(SensorRemount.allCases.map(\.rawValue).joined(separator: ", ")) (docs/validation.md, \"Other mountings\").")
    var remount: SensorRemount?
    @Option(help: "simulated (and --grid): sampling rate of the simulated recordings, Hz (10–1000; default 100).")
    var rate: Double?
    @Option(help: "Write the Markdown report to this file instead of standard output.")
    var out: String?

    func validate() throws {
        if grid && dataset != "simulated" { throw ValidationError("--grid belongs to the simulated dataset") }
        if perSpeed < 1 { throw ValidationError("--per-speed must be at least 1") }
        if count < 1 { throw ValidationError("--count must be at least 1") }
        if let duration, !(duration > 0 && duration.isFinite) { throw ValidationError("--duration must be a positive number of seconds") }
        if let rate {
            if dataset != "simulated" { throw ValidationError("--rate belongs to the simulated dataset (voisard: --resample)") }
            if !(10...1000).contains(rate) { throw ValidationError("--rate must be a rate of 10 to 1000 Hz") }
        }
        if let resample {
            if dataset != "voisard" || norms || flags { throw ValidationError("--resample belongs to the voisard accuracy report") }
            if !(10...1000).contains(resample) { throw ValidationError("--resample must be a rate of 10 to 1000 Hz") }
        }
        if accelerometerOnly && (dataset != "voisard" || norms || flags) {
            throw ValidationError("--accelerometer-only belongs to the voisard accuracy report")
        }
        if remount != nil && (dataset != "voisard" || norms || flags) {
            throw ValidationError("--remount belongs to the voisard accuracy report")
        }
    }

    func run() throws {
        switch dataset {
        case "voisard":
            guard let directory else { throw ValidationError("voisard needs the dataset folder") }
            if norms || flags {
                let trials = try HealthyFlagEvaluation.trials(directory: directory)
                try Output.write(norms ? HealthyFlagEvaluation.normsMarkdown(trials) : HealthyFlagEvaluation.markdown(trials), to: out)
                return
            }
            let report = try VoisardEvaluation.run(
                directory: directory, rewrite: RecordingRewrite(rateHz: resample, accelerometerOnly: accelerometerOnly, remount: remount))
            try Output.write(VoisardEvaluation.markdown(report), to: out)
        case "classifier":
            let outcomes = try ClassifierEvaluation.run(
                count: count, normalCount: normalCount, seed: seed == 1000 ? ClassifierEvaluation.evaluationSeed : seed,
                durationS: duration ?? 120)
            try Output.write(ClassifierEvaluation.markdown(outcomes), to: out)
        case "simulated" where grid:
            let cases = SimulatedGrid.cases(recordingsPerSpeed: perSpeed, seed: seed,
                                            durationS: duration ?? SimulatedGrid.defaultDurationS, rateHz: rate ?? 100)
            let scores = try SimulatedGrid.run(cases)
            var report = SimulatedGrid.markdown(cases, scores)
            if perRecording { report += "\n" + SimulatedGrid.recordingsMarkdown(cases, scores) }
            try Output.write(report, to: out)
        case "simulated":
            let scores = try SimulatedEvaluation.normalCohort(count: count, firstSeed: seed, durationS: duration ?? 300,
                                                              rateHz: rate ?? 100)
            try Output.write(SimulatedEvaluation.markdown(scores), to: out)
        default:
            throw ValidationError("unknown dataset layout '\(dataset)' (known: voisard, simulated, classifier)")
        }
    }
}
