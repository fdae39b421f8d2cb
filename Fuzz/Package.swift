// swift-tools-version: 6.0
// Fuzzing lives in its own package, like Benchmarks, so that `swift test` of GaitKit never builds it.
// It needs `-sanitize=fuzzer`: see README.md in this folder.
import PackageDescription

/// A libFuzzer target: an executable on FuzzDriver and the GaitKit products it exercises, its
/// entry point defined with `@_cdecl` (hence `-parse-as-library`).
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver"] + products.map { .product(name: $0, package: "GaitKit") },
        swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "GaitKitFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "GaitKit", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        fuzzTarget("fuzz-engine", ["GaitKit", "GaitKitIngest"]),
        fuzzTarget("fuzz-report", ["GaitKitOutput"]),
        fuzzTarget("fuzz-tables", ["GaitKitBatch", "GaitKitOutput"]),
    ],
    swiftLanguageModes: [.v6]
)
