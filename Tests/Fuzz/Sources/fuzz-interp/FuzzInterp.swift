// Fuzz target: the interpreter. Each input is a program run in a fresh session, bounded in time
// (an interrupt after 100 ms), memory (2²⁰ elements a tensor) and files (confined to a scratch
// folder). It must end in a value or a located error — never a crash.
import FuzzSupport
import NNScript

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    let source = FuzzInput.text(data, size)
    let context = ScriptContext(write: { _ in }, writeError: { _ in })
    context.confinesFiles = true
    let session = Session(context: context)
    Watchdog.run(context.interrupt, milliseconds: 100) {
        do throws(ScriptError) {
            if let value = try session.run(source, file: "fuzz.nns") { _ = session.format(value) }
        } catch {
            _ = session.renderError(error)
        }
    }
    session.reset()
    return 0
}

@_cdecl("fuzz_interp_main")
public func fuzzInterpMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzInterp)
}
