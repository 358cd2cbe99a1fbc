// Fuzz target: the .npy reader. Any bytes must decode to a tensor or a clear error; a tensor that
// decodes must survive being written again and read back with the same shape.
import FuzzSupport
import TensorKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    guard let t = try? NPY.decode(FuzzInput.bytes(data, size), name: "fuzz.npy") else { return 0 }
    let again = try? NPY.decode(NPY.encode(t), name: "again.npy")
    precondition(again?.shape == t.shape, "a decoded .npy tensor does not read back after encoding")
    return 0
}

@_cdecl("fuzz_npy_main")
public func fuzzNPYMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzNPY)
}
