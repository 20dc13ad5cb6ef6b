// swift-tools-version: 6.1
import PackageDescription

/// crfview: a dense-CRF engine (DenseCRF), its file formats (CRFIO), a terminal-independent
/// viewer (Viewer), an ncurses backend (Terminal) and the `crfview` command on top.
/// Data flows one way: files → CRFIO → DenseCRF → Viewer → Terminal.
let optimize: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "crfview",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crfview", targets: ["crfview"]),
        .library(name: "DenseCRF", targets: ["DenseCRF"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "DenseCRF",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: optimize),
        .target(
            name: "SceneSynth",
            dependencies: ["DenseCRF", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: optimize),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CRFIO", dependencies: ["DenseCRF", "CPNG", "CJPEG", "CZlib"], swiftSettings: optimize),
        .target(
            name: "Viewer",
            dependencies: ["DenseCRF", "CRFIO", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: optimize),
        .target(name: "Terminal", dependencies: ["Viewer", "CNcurses"]),
        .target(
            name: "CRFApp",
            dependencies: ["DenseCRF", "CRFIO", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: optimize),
        .executableTarget(
            name: "crfview",
            dependencies: [
                "CRFApp", "DenseCRF", "CRFIO", "Viewer", "Terminal", "SceneSynth",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: optimize),
        .testTarget(
            name: "DenseCRFTests",
            dependencies: ["DenseCRF", "CRFIO", .product(name: "RealModule", package: "swift-numerics")]),
        .testTarget(name: "CRFIOTests", dependencies: ["CRFIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SceneSynthTests", dependencies: ["SceneSynth", "DenseCRF", "CRFIO"]),
        .testTarget(name: "ViewerTests", dependencies: ["Viewer"], exclude: ["__Snapshots__"]),
        .testTarget(name: "CRFAppTests", dependencies: ["CRFApp", "CRFIO", "DenseCRF"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CRFIO", "DenseCRF"]),
    ]
)
