// The entry point of a fuzz executable. SwiftPM links an executable's entry point as
// `<module>_main` (so tests can link the module), which hides libFuzzer's own `main`; each
// target's `<module>_main` hands its input callback to libFuzzer's driver instead. The driver runs
// on one large-stack thread, as nns runs scripts, so a target need not start a thread per input.
@testable import NNScript

/// libFuzzer's driver: parses the command line and calls `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// Runs libFuzzer on `callback` with the process's arguments.
public enum FuzzDriver {
    /// What a target's `<module>_main` returns.
    public static func run(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                           _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
        nonisolated(unsafe) var count = argc
        nonisolated(unsafe) var vector = argv
        nonisolated(unsafe) var status: Int32 = 0
        LargeStack.run { status = runDriver(&count, &vector, callback) }
        return status
    }
}
