// Fuzz target: .nnm model files. Any bytes must decode to a record or a clear error, and a record
// must rebuild into its model (network, perceptron, autoencoder, …) or fail with a clear error,
// exactly as `load` does.
import FuzzSupport
@testable import NNScript
import NeuralKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNNM(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    guard let record = try? ModelFile.decode(FuzzInput.bytes(data, size), path: "fuzz.nnm"),
          let make = ModelIO.loaders[record.kind] else { return 0 }
    _ = try? make(record)
    return 0
}

@_cdecl("fuzz_nnm_main")
public func fuzzNNMMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzNNM)
}
