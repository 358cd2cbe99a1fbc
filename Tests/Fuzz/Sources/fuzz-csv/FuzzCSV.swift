// Fuzz target: the CSV reader of load_csv. Any bytes must give a tensor (and its header) or a
// clear error.
import FuzzSupport
import TensorKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    if let (t, header) = try? CSV.decode(FuzzInput.bytes(data, size), name: "fuzz.csv") {
        precondition(header.isEmpty || t.shape.last == header.count || t.count == 0,
                     "a CSV header whose width differs from the rows'")
    }
    return 0
}

@_cdecl("fuzz_csv_main")
public func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzCSV)
}
