// Fuzz target: the safetensors reader. Any bytes must decode or fail clearly; a file that decodes
// then goes through `load`'s whole path (rebuilding an nns model, or a network from a PyTorch
// state dict) from a scratch file.
import Foundation
import FuzzSupport
@testable import NNScript
import TensorKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    let bytes = FuzzInput.bytes(data, size)
    guard (try? SafeTensors.decode(bytes, name: "fuzz.safetensors")) != nil else { return 0 }
    let path = "fuzz.safetensors"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
    _ = try? InteropIO.loadSafeTensors(path, act: .none, out: .none)
    return 0
}

@_cdecl("fuzz_safetensors_main")
public func fuzzSafeTensorsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzSafeTensors)
}
