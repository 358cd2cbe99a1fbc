// swift-tools-version:6.0
// The fuzz targets of nns: one libFuzzer executable per kind of input, in a package of its own so
// the normal build never sees the fuzzer flags. Built by Scripts/fuzz/run with
// `swift build -c release -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address`,
// which instruments nns's own modules too (SwiftPM's `--sanitize=fuzzer --sanitize=address` passes
// two -sanitize= flags to swiftc, and the last one wins: no coverage, or no AddressSanitizer).
import PackageDescription

/// Each target defines `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`, so no top-level code.
/// Scripts/fuzz/run adds `-Xswiftc -enable-testing` so the targets reach internal entry points.
let fuzzerFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

/// The kinds of input, one executable each (the name after `fuzz-` is the target's name in
/// Scripts/fuzz/run and the folder of its seed corpus under corpus/).
let kinds: [(name: String, dependencies: [Target.Dependency])] = [
    ("parse", [.product(name: "NNScript", package: "nns")]),
    ("interp", [.product(name: "NNScript", package: "nns")]),
    ("npy", [.product(name: "TensorKit", package: "nns")]),
    ("csv", [.product(name: "TensorKit", package: "nns")]),
    ("idx", [.product(name: "TensorKit", package: "nns")]),
    ("nnm", [.product(name: "NNScript", package: "nns"), .product(name: "NeuralKit", package: "nns")]),
    ("safetensors", [.product(name: "NNScript", package: "nns"), .product(name: "TensorKit", package: "nns")]),
    ("markdown", [.product(name: "NNSFrontEnd", package: "nns")]),
    ("repl", [.product(name: "NNSFrontEnd", package: "nns")]),
    ("serve", [.product(name: "NNSFrontEnd", package: "nns")]),
]

let package = Package(
    name: "nns-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "nns", path: "../..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "NNScript", package: "nns"),
                                                    .product(name: "TensorKit", package: "nns")],
                swiftSettings: fuzzerFlags),
    ] + kinds.map { kind in
        .executableTarget(name: "fuzz-\(kind.name)", dependencies: ["FuzzSupport"] + kind.dependencies,
                          swiftSettings: fuzzerFlags)
    }
)
