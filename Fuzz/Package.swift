// swift-tools-version: 6.0
// Fuzzing lives in its own package, like Benchmarks, so that `swift test` of GaitKit never builds it.
// It needs `-sanitize=fuzzer`: see README.md in this folder.
import PackageDescription

let package = Package(
    name: "GaitKitFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "GaitKit", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "fuzz-engine",
            dependencies: [
                "FuzzDriver",
                .product(name: "GaitKit", package: "GaitKit"),
                .product(name: "GaitKitIngest", package: "GaitKit"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(
            name: "fuzz-report",
            dependencies: ["FuzzDriver", .product(name: "GaitKitOutput", package: "GaitKit")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ],
    swiftLanguageModes: [.v6]
)
