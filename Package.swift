// swift-tools-version: 6.1
import PackageDescription

/// crfview: a dense-CRF engine (DenseCRF), its file formats (CRFIO) over pure-Swift file access
/// and value syntax (CRFShared), learning (CRFLearning), the application layer the commands
/// share (CRFApp: problems, datasets, outputs, exports), a terminal-independent viewer
/// (Viewer), an ncurses backend (Terminal) and the `crfview` command on top. Small leaf
/// modules hold what several of them use: colour conversion (Colorimetry), the seeded
/// generator (Randomness), segmentation scores (Metrics) and signal handler installation
/// (POSIXSignals).
/// Data flows one way: files → CRFIO → CRFApp → DenseCRF → Viewer → Terminal. The viewer draws
/// RGB cells and links no C library; the terminal quantises them and owns everything ncurses.
///
/// Live tuning is the product, so the targets on its hot path are optimised in every build,
/// including the debug build that `swift run crfview` makes: unoptimised, 10 mean-field steps
/// on a 500×375 photo with 21 labels took 25 s instead of 0.35 s. `-O` keeps bounds, overflow
/// and exclusivity checks (there is no `-Ounchecked` anywhere). `-wmo` is what lets the small
/// helpers of the inner loops (`SharedPointer`, `VectorKernels`) inline across files: `-O`
/// alone left the debug build at 0.9 s. `-num-threads` keeps one object file per source, the
/// layout SwiftPM's debug build links, and `-disable-batch-mode` silences the driver's note
/// that batching is moot under `-wmo`. Release builds get `-O -wmo` from SwiftPM itself. The
/// price is coarser stepping in a debugger for these targets and a whole-target recompile on
/// each edit; the ncurses backend (Terminal), file access (CRFShared) and the tests stay
/// unoptimised. SwiftPM refuses unsafe flags in a package that is depended upon by version, so
/// this package offers no library product: crfview is an application.
let optimize: [SwiftSetting] = [
    .unsafeFlags(["-O", "-wmo", "-num-threads", "2", "-disable-batch-mode"], .when(configuration: .debug)),
]

/// The mean-field step's hot loops (splat, blur, slice, softmax: `MeanFieldLoops` and the files
/// it calls) are compiled twice: in DenseCRF for any x86-64 CPU, and in `SIMDKernelsAVX2`, whose
/// sources are links to those files, with AVX2. The engine asks the CPU which build to run
/// when it starts (`InstructionSet`, through the C target `CPUFeatures`). With AVX2 an
/// eight-lane vector is one instruction instead of two SSE halves: a whole AVX2 build of the
/// engine took 0.91× the time of the baseline one (two threads, 500×375 with 21 labels and
/// 1024×768 with 4) and wrote the same Q to the bit. Only that module gets the flag, never the
/// engine: a build for the building machine's CPU dies with an illegal instruction on an older
/// one. `-mavx2` reaches Swift's code generation through the Clang importer's target features;
/// it adds no fused multiply-add, which would change rounding. The flag is x86-64's, so other
/// hosts compile the module as it is and never call it.
#if arch(x86_64)
let avx2: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-mavx2"])]
#else
let avx2: [SwiftSetting] = []
#endif

let package = Package(
    name: "crfview",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crfview", targets: ["crfview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(name: "SIMDKernelsAVX2", swiftSettings: optimize + avx2),
        .target(name: "CPUFeatures"),
        .target(
            name: "DenseCRF",
            dependencies: ["SIMDKernelsAVX2", "CPUFeatures", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: optimize),
        .target(name: "Colorimetry", swiftSettings: optimize),
        .target(name: "Randomness", dependencies: [.product(name: "RealModule", package: "swift-numerics")], swiftSettings: optimize),
        .target(name: "Metrics", dependencies: ["DenseCRF"], swiftSettings: optimize),
        .target(
            name: "CRFLearning",
            dependencies: ["DenseCRF", "Metrics", "Randomness", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: optimize),
        .target(
            name: "SceneSynth",
            dependencies: ["DenseCRF", "Randomness", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: optimize),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .target(name: "TOMLText", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "CRFShared", dependencies: ["DenseCRF"]),
        .target(name: "CRFIO", dependencies: ["DenseCRF", "CRFShared", "CPNG", "CJPEG", "CZlib"], swiftSettings: optimize),
        .target(
            name: "Viewer",
            dependencies: ["DenseCRF", "CRFLearning", "CRFShared", "Colorimetry", "TOMLText", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: optimize),
        .target(name: "POSIXSignals"),
        .target(name: "Terminal", dependencies: ["Viewer", "CNcurses", "Colorimetry", "POSIXSignals"]),
        .target(
            name: "CRFApp",
            dependencies: ["DenseCRF", "CRFIO", "CRFLearning", "CMalloc", "Colorimetry", "Metrics", "POSIXSignals", "Randomness", "TOMLText",
                           .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: optimize),
        .executableTarget(
            name: "crfview",
            dependencies: [
                "CRFApp", "DenseCRF", "CRFIO", "CRFLearning", "Viewer", "Terminal", "SceneSynth", "TOMLText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: optimize),
        // What every test target shares: fixtures, temporary folders, text snapshots and
        // running the built `crfview` (as swift-argument-parser's test helpers do).
        .target(name: "CRFTestSupport", dependencies: ["DenseCRF"], path: "Tests/CRFTestSupport"),
        .testTarget(
            name: "DenseCRFTests",
            dependencies: ["DenseCRF", "CRFIO", "CRFTestSupport", "Metrics", "Randomness", .product(name: "RealModule", package: "swift-numerics")]),
        .testTarget(name: "TOMLTextTests", dependencies: ["TOMLText"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "DenseCRF"]),
        .testTarget(name: "CRFLearningTests", dependencies: ["CRFLearning", "DenseCRF", "Metrics", "Randomness"]),
        .testTarget(name: "CRFIOTests", dependencies: ["CRFIO", "CRFTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SceneSynthTests", dependencies: ["SceneSynth", "DenseCRF", "CRFIO", "Metrics"]),
        .testTarget(name: "ViewerTests", dependencies: ["Viewer", "Colorimetry", "CRFTestSupport", "Randomness"], exclude: ["__Snapshots__"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Viewer", "Colorimetry", "Randomness"]),
        .testTarget(name: "CRFAppTests", dependencies: ["CRFApp", "CRFIO", "CRFLearning", "CRFTestSupport", "DenseCRF", "Metrics", "POSIXSignals", "Randomness"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CRFIO", "CRFTestSupport", "DenseCRF"]),
    ]
)
