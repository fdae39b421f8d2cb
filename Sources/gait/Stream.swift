import ArgumentParser
import GaitAnalysis
import GaitCore
import GaitOutput
import GaitPipeline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gait stream`: CSV rows on standard input, one JSON object per line out as results become
/// final; the last line is the summary. Same engine as analyze, so the same bytes give the same
/// steps, strides and bouts.
struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read CSV rows from standard input; write NDJSON (step, stride, bout, turn, flag, summary) as results become final.")

    @OptionGroup var input: InputOptions

    func run() throws {
        let writer = JSONWriter()
        func emit(_ type: String, _ value: JSONValue) {
            guard case .object(let members) = value else { return }
            StandardStreams.write(writer.line(.object([("type", .string(type))] + members)) + "\n", to: 1)
        }
        do {
            let result = try GaitEngine.analyze(path: "-", options: try input.engineOptions(path: "-")) { event in
                switch event {
                case .step(let s): emit("step", s.json)
                case .stride(let s): emit("stride", s.json)
                case .bout(let b): emit("bout", b.json)
                case .turn(let t): emit("turn", t.json)
                }
            }
            for f in result.flags { emit("flag", f.json) }
            // The notes say what was assumed or not assessed (a sensor height estimated, a pattern
            // without the data it needs, sides not to be read): a streaming reader needs them too.
            emit("summary", .object(
                [("input", result.input.json), ("subject", result.subject.json),
                 ("notes", .array(result.notes.map { .string($0) }))] + (result.summary.json.membersValue ?? [])
                    + [("disclaimer", .string(researchDisclaimer))]))
        } catch {
            emit("error", .object([("message", .string(error.description))]))
            throw error
        }
    }
}
