// swift-tools-version: 6.0
// Benchmarks live in their own package so that `swift test` of GaitKit never builds them.
import PackageDescription

let package = Package(
    name: "GaitKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "GaitKit", path: "..")],
    targets: [
        .executableTarget(
            name: "ingest-throughput",
            dependencies: [.product(name: "GaitKitIngest", package: "GaitKit")]),
    ],
    swiftLanguageModes: [.v6]
)
