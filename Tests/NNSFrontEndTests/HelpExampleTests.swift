// Every built-in's help: it has a text and an example, `?name` shows the signature and the
// example, and the example runs without error — so help can never drift from the code.
import Glibc
import XCTest
import NNScript
@testable import NNSFrontEnd

final class HelpExampleTests: XCTestCase {
    func testEveryBuiltinHasHelpAndARunningExample() throws {
        let names = Session(context: ScriptContext(write: { _ in }, writeError: { _ in })).builtinNames
        XCTAssertGreaterThan(names.count, 50, "the built-in libraries are registered")
        // Examples may write files (save, plot(file:)): run them in a scratch directory.
        var template = Array("/tmp/nns-examples-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { return XCTFail("cannot make a scratch directory") }
        let scratch = String(cString: dir)
        let previous = getcwd(nil, 0).map { p in defer { free(p) }; return String(cString: p) }
        XCTAssertEqual(chdir(scratch), 0)
        defer {
            if let previous { _ = chdir(previous) }
            _ = system("rm -rf '\(scratch)'")
        }
        var failures: [String] = []
        for name in names {
            let session = Session(context: ScriptContext(write: { _ in }, writeError: { _ in }))
            guard let builtin = session.builtin(name) else { failures.append("\(name): not found"); continue }
            if builtin.help.trimmingSpaces.isEmpty { failures.append("\(name): no help text") }
            if builtin.example.trimmingSpaces.isEmpty { failures.append("\(name): no example"); continue }
            let shown = ReplHelp(source: session).help(name) ?? ""
            if !shown.hasPrefix(builtin.signature) || !shown.contains("Example:") {
                failures.append("\(name): ?\(name) lacks the signature or the example")
            }
            do {
                _ = try session.run(builtin.example, file: "example of \(name)")
            } catch {
                failures.append("\(name): example fails: \(session.renderError(error))")
            }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }
}
