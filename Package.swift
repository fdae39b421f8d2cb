// swift-tools-version: 6.0
// GaitKit: lower-back IMU gait analysis. See README.md, section "Architecture", for the layering.
import PackageDescription

let package = Package(
    name: "GaitKit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gait", targets: ["gait"]),
        .library(name: "GaitKit", targets: ["GaitPipeline"]),
        .library(name: "GaitKitIngest", targets: ["GaitIngest"]),
        // Reading and drawing gait.analysis/1 documents (`gait report`, `gait merge`); Fuzz/ uses it.
        .library(name: "GaitKitOutput", targets: ["GaitOutput"]),
        // Batch inputs, metadata and tables (`gait batch`, `gait merge`); Fuzz/ uses it.
        .library(name: "GaitKitBatch", targets: ["GaitBatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: Public API, top to bottom.
        .executableTarget(
            name: "gait",
            dependencies: [
                "GaitPipeline", "GaitAnalysis", "GaitBatch", "GaitSimulator", "GaitOutput", "GaitValidation", "GaitCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "GaitBatch", dependencies: ["GaitCore", "GaitIngest", "GaitPipeline", "GaitOutput"]),
        .target(name: "GaitValidation", dependencies: ["GaitCore", "GaitDSP", "GaitPipeline", "GaitIngest", "GaitAnalysis", "GaitSimulator"]),
        .target(name: "GaitPipeline", dependencies: ["GaitCore", "GaitIngest", "GaitAnalysis", "GaitClassifier"]),
        .target(name: "GaitSimulator", dependencies: ["GaitCore"]),
        .target(name: "GaitOutput", dependencies: ["GaitCore"]),
        .target(name: "GaitClassifier", dependencies: ["GaitCore"]),
        .target(name: "GaitAnalysis", dependencies: ["GaitCore", "GaitDSP"]),
        .target(name: "GaitIngest", dependencies: ["GaitCore"]),
        .target(name: "GaitDSP", dependencies: ["CFFTW"]),
        .target(name: "GaitCore"),

        // MARK: Implementation details.
        .systemLibrary(
            name: "CFFTW", pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"]), .brew(["fftw"])]),

        // MARK: Tests.
        .target(name: "GaitTestSupport", dependencies: ["GaitCore"], path: "Tests/GaitTestSupport"),
        .testTarget(name: "GaitCoreTests", dependencies: ["GaitCore", "GaitOutput", "GaitTestSupport"]),
        .testTarget(name: "GaitDSPTests", dependencies: ["GaitDSP", "GaitTestSupport"]),
        .testTarget(name: "GaitIngestTests", dependencies: ["GaitIngest", "GaitCore", "GaitTestSupport"]),
        .testTarget(
            name: "GaitAnalysisTests",
            dependencies: [
                "GaitAnalysis", "GaitPipeline", "GaitSimulator", "GaitValidation", "GaitIngest", "GaitCore",
                "GaitTestSupport",
            ]),
        .testTarget(
            name: "GaitClassifierTests",
            dependencies: ["GaitClassifier", "GaitValidation", "GaitSimulator", "GaitCore", "GaitTestSupport"]),
        .testTarget(name: "GaitBatchTests", dependencies: ["GaitBatch", "GaitIngest", "GaitOutput", "GaitCore", "GaitTestSupport"]),
        .testTarget(name: "GaitSimulatorTests", dependencies: ["GaitSimulator", "GaitCore", "GaitTestSupport"]),
        .testTarget(
            name: "GaitEndToEndTests",
            dependencies: ["gait", "GaitCore", "GaitTestSupport"],
            exclude: ["__Snapshots__"]),
    ],
    swiftLanguageModes: [.v6]
)
