import Foundation
import GaitCore

/// One recording of a batch: the file and the name its outputs take.
public struct BatchInput: Hashable, Sendable {
    /// The file, as given on the command line or found under a directory given there.
    public var path: String
    /// The recording's name: its file name without the extension (`walk` for `data/walk.csv`);
    /// where several inputs share a file name, as many of the last folders as tell them apart
    /// (`s01/walk` and `s02/walk` for `data/s01/walk.csv` and `data/s02/walk.csv`). Its outputs
    /// are `DIR/<recording>.json` and its row in `summary.csv`.
    public var recording: String

    public init(path: String, recording: String) {
        self.path = path
        self.recording = recording
    }
}

/// Turns the command line's INPUT arguments into the batch's recordings, and picks a shard.
///
/// The names depend only on the whole input list, never on `--shard` or `--jobs`, so every shard
/// of one batch, and a `--resume` of it, name each recording the same way, and `gait merge` can
/// join their outputs.
public enum BatchInputs {
    /// File extensions taken from a directory (case-insensitive). Files named on the command line
    /// are taken whatever their extension.
    public static let recordingExtensions: Set<String> = ["csv", "txt", "tsv", "dat"]

    /// Expands directories (recursively, skipping hidden entries), drops repeats of a file, and
    /// names each recording. Sorted by name. Files under `excluding` (the batch's own output
    /// directory, which may lie inside an input directory) are left out: a second run must not
    /// take the first one's `summary.csv` for a recording.
    public static func resolve(_ arguments: [String], excluding: String? = nil) throws(GaitError) -> [BatchInput] {
        let excluded = excluding.map(absoluteComponents)
        var files: [(given: String, absolute: [String])] = []
        var seen = Set<[String]>()
        let fm = FileManager.default
        for arg in arguments {
            if arg == "-" {
                throw GaitError(.usage, "batch reads files; for standard input use 'gait analyze -' or 'gait stream'")
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDir) else {
                throw GaitError(.usage, "no such file or directory", file: arg)
            }
            let found = isDir.boolValue ? try recordingFiles(under: arg) : [arg]
            for path in found {
                let abs = absoluteComponents(path)
                if isDir.boolValue, let excluded, abs.starts(with: excluded) { continue }
                if seen.insert(abs).inserted { files.append((path, abs)) }
            }
        }
        guard !files.isEmpty else { throw GaitError(.usage, "no recordings found in the inputs given") }
        // Each file is named by its file name without the extension; where names repeat, by as
        // many of its last path components as tell the repeated ones apart (`s01/walk`,
        // `s02/walk`). Files that differ only in their extension keep it (`a.csv`, `a.txt`).
        let stems = files.map { f in Array(f.absolute.dropLast()) + [stripExtension(f.absolute.last!)] }
        let stemCounts = Dictionary(stems.map { ($0, 1) }, uniquingKeysWith: +)
        let parts = files.indices.map { k in stemCounts[stems[k]]! > 1 ? files[k].absolute : stems[k] }
        var depth = [Int](repeating: 1, count: files.count)
        func name(_ k: Int) -> String { parts[k].suffix(depth[k]).joined(separator: "/") }
        var grew = true
        while grew {
            grew = false
            for group in Dictionary(grouping: files.indices, by: name).values where group.count > 1 {
                for k in group where depth[k] < parts[k].count { depth[k] += 1; grew = true }
            }
        }
        // Only contrived names (`a.csv`, `a.txt` and `a.csv.dat` side by side) can still repeat:
        // those take their whole path, which is unique.
        let counts = Dictionary(files.indices.map { (name($0), 1) }, uniquingKeysWith: +)
        let named = files.indices.map { k in
            BatchInput(path: files[k].given, recording: counts[name(k)]! > 1 ? files[k].absolute.joined(separator: "/") : name(k))
        }
        return named.sorted { $0.recording < $1.recording }
    }

    /// The inputs of shard `k` of `n` (1-based): every n-th recording in name order, starting at
    /// the k-th, so the shards are disjoint, cover the batch, and differ in size by at most one.
    public static func shard(_ inputs: [BatchInput], k: Int, of n: Int) -> [BatchInput] {
        precondition(n >= 1 && (1...n).contains(k), "shard k/n needs 1 ≤ k ≤ n")
        return inputs.enumerated().filter { $0.offset % n == k - 1 }.map(\.element)
    }

    /// Parses `K/N`.
    public static func parseShard(_ text: String) throws(GaitError) -> (k: Int, n: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            throw GaitError(.usage, "--shard takes K/N with 1 ≤ K ≤ N, e.g. 2/8; found '\(text)'")
        }
        return (k, n)
    }

    private static func recordingFiles(under dir: String) throws(GaitError) -> [String] {
        try files(under: dir) { name in
            guard let dot = name.lastIndex(of: ".") else { return false }
            return recordingExtensions.contains(name[name.index(after: dot)...].lowercased())
        }.map(\.path)
    }

    /// Regular files under `dir` (recursively; hidden files and folders skipped unless
    /// `includingHidden`) whose name passes `keep`: their path relative to `dir` and their path, sorted.
    public static func files(under dir: String, includingHidden: Bool = false,
                      keep: (String) -> Bool) throws(GaitError) -> [(relative: String, path: String)] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: dir) else { throw GaitError(.usage, "cannot list the directory", file: dir) }
        var out: [(relative: String, path: String)] = []
        while let relative = walker.nextObject() as? String {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            if name.hasPrefix(".") && !includingHidden {
                walker.skipDescendants()
                continue
            }
            let path = dir.hasSuffix("/") ? dir + relative : dir + "/" + relative
            var isDir: ObjCBool = false
            guard keep(name), fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            out.append((relative, path))
        }
        return out.sorted { $0.relative < $1.relative }
    }

    /// The path's components from the root, with `.` and `..` resolved (symbolic links are not).
    static func absoluteComponents(_ path: String) -> [String] {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [String] = []
        for c in full.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(String(c))
        }
        return parts
    }

    static func stripExtension(_ relative: String) -> String {
        let slash = relative.lastIndex(of: "/").map { relative.index(after: $0) } ?? relative.startIndex
        guard let dot = relative[slash...].lastIndex(of: "."), dot > slash else { return relative }
        return String(relative[..<dot])
    }
}
