import Foundation

/// Locations the tests share: the package root, the built `gait` binary, and the shared real
/// datasets (which live outside the project and may be absent).
public enum TestPaths {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/datasets/voisard-healthy`, or nil when it is absent (tests then skip, saying so).
    public static var voisardDataset: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/voisard-healthy")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("1-1.json").path) ? url : nil
    }

    public static let sampleData: URL = packageRoot.appendingPathComponent("SampleData")

    /// A new empty temporary directory.
    public static func temporaryDirectory(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gaitkit-\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
