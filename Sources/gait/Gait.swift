import ArgumentParser
import GaitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `gait` command. It parses arguments, calls the library and writes output; it holds no
/// algorithm. Exit codes follow the contract: 0 success, 1 read but not analysable, 2 bad usage
/// or invalid input (one line on stderr naming file, line and column).
@main
struct Gait: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gait",
        abstract: "Gait measurements from a lower-back IMU recording (supports research; not a medical diagnosis).",
        version: "0.1.0",
        subcommands: [Analyze.self, Stream.self, Batch.self, Merge.self, Report.self, Simulate.self, Validate.self])

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as GaitError {
            fail(error.description, code: error.exitCode)
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let exitCode = Self.exitCode(for: error)
            if exitCode == .success { Self.exit(withError: error) }  // --help, --version
            fail(Self.message(for: error), code: 2)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        StandardStreams.write("gait: " + message.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n", to: 2)
        Glibc.exit(code)
    }
}
