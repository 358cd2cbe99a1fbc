// Fuzz target: the REPL's line scanner and completion engine, given any text left of the cursor
// in a session holding a few values of each kind (completion reads values, never runs code).
import FuzzSupport
import NNScript
@testable import NNSFrontEnd

nonisolated(unsafe) private let session: Session = {
    let s = Session(context: ScriptContext(write: { _ in }, writeError: { _ in }))
    _ = try? s.run("""
        x = [1, 2, 3]
        r = {a: 1, b: {c: "s"}}
        t = zeros(2, 3)
        net = mlp([2, 3, 1])
        fn f(u, v) = u + v
        """, file: "setup.nns")
    return s
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzREPL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    let text = FuzzInput.text(data, size)
    _ = LineScan(text)
    _ = ChainParser.steps(endingAt: Array(text))
    var completer = Completer(source: session)
    completer.listDirectory = { _ in [("data.csv", false), ("models", true), ("神経.nns", false)] }
    let c = completer.complete(text)
    _ = c.insertion
    _ = CandidateList.layout(c.candidates, width: 1 + size % 120)
    return 0
}

@_cdecl("fuzz_repl_main")
public func fuzzREPLMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzREPL)
}
