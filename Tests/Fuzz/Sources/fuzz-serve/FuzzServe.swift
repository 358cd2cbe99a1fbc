// Fuzz target: the machine protocol of `nns --serve`. The bytes arrive as a stream of lines cut
// into requests; each request is decoded and the ones that read the session (complete, inspect,
// is_complete) are answered, and every answer is encoded as JSON — as the server does.
import FuzzSupport
import NNScript
@testable import NNSFrontEnd
import TensorKit

nonisolated(unsafe) private let session: Session = {
    let s = Session(context: ScriptContext(write: { _ in }, writeError: { _ in }))
    _ = try? s.run("x = [1, 2]\nr = {a: 1}\nnet = mlp([2, 1])", file: "setup.nns")
    return s
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    var reader = ServeLineReader(limit: 4096)
    let queries = KernelQueries(session: session)
    for piece in reader.push(FuzzInput.bytes(data, size)) {
        guard case .line(let line) = piece else { continue }
        switch ServeRequest.parse(line) {
        case .failure(let e):
            _ = JSONValue.object(["type": .string("protocol_error"), "id": e.id, "message": .string(e.message)]).text
        case .success(let r):
            switch r.kind {
            case .complete(let code, let cursor):
                let c = queries.complete(code, cursor: cursor)
                _ = JSONValue.object(["id": r.id, "matches": .strings(c.matches), "start": .int(c.start)]).text
            case .inspect(let code, let cursor):
                _ = JSONValue.object(["id": r.id, "text": .string(queries.inspect(code, cursor: cursor) ?? "")]).text
            case .isComplete(let code):
                _ = queries.completeness(code)
            case .execute, .kernelInfo, .interrupt, .shutdown:
                _ = r.id.text
            }
        }
    }
    return 0
}

@_cdecl("fuzz_serve_main")
public func fuzzServeMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzServe)
}
