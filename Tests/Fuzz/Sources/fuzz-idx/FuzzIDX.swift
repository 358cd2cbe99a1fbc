// Fuzz target: the IDX (MNIST) reader of load_idx. Any bytes must give a tensor or a clear error.
import FuzzSupport
import TensorKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    if let t = try? IDX.decode(FuzzInput.bytes(data, size), name: "fuzz.idx") {
        _ = try? IDX.encode(t)
    }
    return 0
}

@_cdecl("fuzz_idx_main")
public func fuzzIDXMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzIDX)
}
