// swift-tools-version:6.0
// nns: a notebook-style REPL and scripting language for neural networks.
// Layers, dependencies pointing one way:
//   C shims (CBLAS, CEditLine, CCairo) and C kernels (CTensorKernels) · TensorKit → NeuralKit, PlotKit
//   → NNScript → NNSFrontEnd → nns
import PackageDescription


let package = Package(
    name: "nns",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nns", targets: ["nns"]),
        .library(name: "TensorKit", targets: ["TensorKit"]),
        .library(name: "NeuralKit", targets: ["NeuralKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C shims: the only places that see OpenBLAS, libedit and Cairo/fontconfig headers.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        // Cairo, fontconfig and libpng: their headers (libcairo2-dev, libfontconfig-dev, libpng-dev),
        // not their libraries, which are opened on the first PNG picture.
        .target(name: "CCairo", path: "Sources/CCairo"),

        // Elementwise kernels in C (exp, sigmoid, Adam, column sums), compiled per instruction set and
        // picked at run time.
        .target(name: "CTensorKernels", path: "Sources/CTensorKernels"),

        // Libraries.
        .target(name: "TensorKit", dependencies: ["CBLAS", "CTensorKernels"]),
        .target(name: "NeuralKit", dependencies: ["TensorKit", "CTensorKernels"],
                resources: [.copy("Resources/digits.csv"), .copy("Resources/NOTICE")]),
        .target(name: "PlotKit", dependencies: ["TensorKit", "CCairo"]),
        .target(name: "NNScript", dependencies: ["TensorKit", "NeuralKit", "PlotKit"]),

        // Front ends, thin.
        .target(name: "NNSFrontEnd", dependencies: ["NNScript", "PlotKit", "TensorKit", "CEditLine"]),
        .executableTarget(name: "nns", dependencies: [
            "NNSFrontEnd",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests.
        .testTarget(name: "TensorKitTests", dependencies: ["TensorKit"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "NeuralKitTests", dependencies: ["NeuralKit", "CTensorKernels"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PlotKitTests", dependencies: ["PlotKit"]),
        .testTarget(name: "NNScriptTests", dependencies: ["NNScript"]),
        .testTarget(name: "NNSFrontEndTests", dependencies: ["NNSFrontEnd"]),
    ]
)
