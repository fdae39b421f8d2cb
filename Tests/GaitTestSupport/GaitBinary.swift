import Foundation

/// Runs the built `gait` executable as a user would: a real process, real pipes, real files.
public enum GaitBinary {
    public struct Run {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The `gait` binary beside the test bundle (SwiftPM builds it with the tests).
    public static var url: URL {
        get throws {
            var candidates = [URL]()
            let arg0 = URL(fileURLWithPath: CommandLine.arguments[0])
            candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("gait"))
            for bundle in Bundle.allBundles {
                candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("gait"))
            }
            if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) { return found }
            throw NSError(domain: "GaitBinary", code: 1, userInfo: [NSLocalizedDescriptionKey: "gait binary not found near \(candidates)"])
        }
    }

    /// Run `gait` with `arguments`, feeding `stdin` through a pipe (or /dev/null when nil).
    public static func run(_ arguments: [String], stdin: Data? = nil, cwd: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = try url
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        // Drain stdout and stderr concurrently so a large output never blocks the child.
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        group.wait()
        return Run(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Parse JSON output.
    public static func json(_ data: Data) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "GaitBinary", code: 2, userInfo: [NSLocalizedDescriptionKey: "output is not a JSON object"])
        }
        return object
    }
}
