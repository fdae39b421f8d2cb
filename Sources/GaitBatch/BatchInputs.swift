import Foundation
import GaitCore
#if canImport(Glibc)
import Glibc
#endif

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
        // Files are told apart by their bytes: Swift's `==` is canonical equivalence, under
        // which "café.csv" in NFC and in NFD, two files side by side, are one.
        var seen = Set<[UInt8]>()
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
                if isDir.boolValue, let excluded, abs.starts(with: excluded, by: PathText.sameBytes) { continue }
                if seen.insert(Array(abs.joined(separator: "/").utf8)).inserted { files.append((path, abs)) }
            }
        }
        guard !files.isEmpty else { throw GaitError(.usage, "no recordings found in the inputs given") }
        // Each file is named by its file name without the extension; where names repeat, by as
        // many of its last path components as tell the repeated ones apart (`s01/walk`,
        // `s02/walk`). Files that differ only in their extension keep it (`a.csv`, `a.txt`).
        // Names are compared by their bytes here, as the file system compares them.
        func bytes(_ parts: some Sequence<String>) -> [UInt8] { Array(parts.joined(separator: "/").utf8) }
        let stems = files.map { f in Array(f.absolute.dropLast()) + [PathText.strippingExtension(f.absolute.last!)] }
        let stemCounts = Dictionary(stems.map { (bytes($0), 1) }, uniquingKeysWith: +)
        let parts = files.indices.map { k in stemCounts[bytes(stems[k])]! > 1 ? files[k].absolute : stems[k] }
        var depth = [Int](repeating: 1, count: files.count)
        func name(_ k: Int) -> [String] { Array(parts[k].suffix(depth[k])) }
        var grew = true
        while grew {
            grew = false
            for group in Dictionary(grouping: files.indices, by: { bytes(name($0)) }).values where group.count > 1 {
                for k in group where depth[k] < parts[k].count { depth[k] += 1; grew = true }
            }
        }
        // Only contrived names (`a.csv`, `a.txt` and `a.csv.dat` side by side) can still repeat:
        // those take their whole path, which is unique.
        let counts = Dictionary(files.indices.map { (bytes(name($0)), 1) }, uniquingKeysWith: +)
        var named = files.indices.map { k in
            BatchInput(path: files[k].given,
                       recording: (counts[bytes(name(k))]! > 1 ? files[k].absolute : name(k)).joined(separator: "/"))
        }
        // Names of other bytes that Swift still finds equal differ only in how their letters are
        // encoded (the same name in NFC and in NFD). Every table and document keys recordings by
        // name, so all but the first in byte order take `~2`, `~3` (or the next number that no
        // other recording is named by).
        var taken = Set(named.map(\.recording))
        for group in Dictionary(grouping: named.indices, by: { named[$0].recording }).values.sorted(by: { $0[0] < $1[0] })
        where group.count > 1 {
            let ordered = group.sorted { named[$0].recording.utf8.lexicographicallyPrecedes(named[$1].recording.utf8) }
            var number = 1
            for k in ordered.dropFirst() {
                repeat { number += 1 } while taken.contains(named[k].recording + "~\(number)")
                named[k].recording += "~\(number)"
                taken.insert(named[k].recording)
            }
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
            PathText.pathExtension(name).map { recordingExtensions.contains($0.lowercased()) } ?? false
        }.map(\.path)
    }

    /// Regular files under `dir` (recursively; hidden files and folders, those whose name starts
    /// with the byte ".", skipped unless `includingHidden`) whose name passes `keep`: their path
    /// relative to `dir` and their path, sorted by `PathText.precedes`. A symbolic link counts as
    /// what it points to, but linked folders are not entered (no cycles). A folder that cannot be
    /// listed is an error, not a silent gap in the batch.
    ///
    /// Read with readdir(3), by byte: Foundation's enumerator returned an absolute path instead of
    /// a relative one for a folder whose name starts with a combining mark, and the recording
    /// inside it was dropped.
    public static func files(under dir: String, includingHidden: Bool = false,
                             keep: (String) -> Bool) throws(GaitError) -> [(relative: String, path: String)] {
        let root = dir.utf8.last == UInt8(ascii: "/") ? dir : dir + "/"
        var out: [(relative: String, path: String)] = []
        var pending = [""]  // folders to list, relative to dir ("" is dir itself, else ending "/")
        while let folder = pending.popLast() {
            let listed = folder.isEmpty ? dir : root + folder
            guard let handle = opendir(listed) else {
                throw GaitError(.usage, "cannot list the directory: \(String(cString: strerror(errno)))", file: listed)
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." || (PathText.isHidden(name) && !includingHidden) { continue }
                let relative = folder + name
                let path = root + relative
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): pending.append(relative + "/")
                case Int32(DT_REG): if keep(name) { out.append((relative, path)) }
                default:  // a link, or a file system that does not give the type: what stat says
                    var info = stat()
                    let regular = stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
                    var own = stat()
                    let folderItself = lstat(path, &own) == 0 && (own.st_mode & S_IFMT) == S_IFDIR
                    if folderItself { pending.append(relative + "/") } else if regular && keep(name) { out.append((relative, path)) }
                }
            }
        }
        return out.sorted { PathText.precedes($0.relative, $1.relative) }
    }

    /// The path's components from the root, with `.` and `..` resolved (symbolic links are not),
    /// split at "/" bytes (`PathText`).
    static func absoluteComponents(_ path: String) -> [String] {
        let full = path.utf8.first == UInt8(ascii: "/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [String] = []
        for c in PathText.components(full) {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return parts
    }
}
