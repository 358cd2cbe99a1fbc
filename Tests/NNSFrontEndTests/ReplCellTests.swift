// Cells without a terminal: Out[n] and _, hidden values, what :save keeps, Ctrl-C in a loop.
import Foundation
import XCTest
import NNScript
@testable import NNSFrontEnd

final class ReplCellTests: XCTestCase {
    /// A REPL over a fresh session whose output and errors go into strings.
    final class Captured {
        var out = ""
        var err = ""
    }

    func makeRepl() -> (REPL, Captured) {
        let captured = Captured()
        let context = ScriptContext(write: { captured.out += $0 }, writeError: { captured.err += $0 })
        let repl = REPL(session: Session(context: context))
        repl.session.setGlobal("Out", .list(repl.outputs))
        return (repl, captured)
    }

    func testOutAndUnderscoreFollowTheCells() {
        let (repl, io) = makeRepl()
        repl.runCell("1 + 2")
        repl.runCell("x = 10")
        repl.runCell("_ * x")
        repl.runCell("x;")
        repl.runCell("Out[1] + Out[3]")
        XCTAssertEqual(io.out, "Out[1]: 3\nOut[3]: 30\nOut[5]: 33\n")
        XCTAssertEqual(repl.cellNumber, 6)
        guard case .number(let last)? = repl.session.global("_") else { return XCTFail() }
        XCTAssertEqual(last, 33)
        XCTAssertEqual(repl.outputs.items.count, 6)
    }

    func testErrorsAreShownAndNotSaved() {
        let (repl, io) = makeRepl()
        repl.runCell("a = 2")
        repl.runCell("b = a + nowhere")
        repl.runCell("fn f(v) {\n  return v * a\n}")
        repl.runCell("f(")
        XCTAssertTrue(io.err.contains("  b = a + nowhere\n          ^\nerror: "), io.err)
        XCTAssertEqual(repl.savedScript.split(separator: "\n").dropFirst().joined(separator: "\n"),
                       "a = 2\nfn f(v) {\n  return v * a\n}")
    }

    func testCtrlCStopsALoopAndKeepsTheVariables() {
        let (repl, io) = makeRepl()
        repl.runCell("i = 0")
        let flag = repl.session.context.interrupt
        let raiser = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            flag.raise()
        }
        raiser.start()
        repl.runCell("while true { i += 1 }")
        XCTAssertTrue(io.err.contains("interrupted"), io.err)
        guard case .number(let i)? = repl.session.global("i") else { return XCTFail() }
        XCTAssertGreaterThan(i, 0)
        repl.runCell("i > 0")
        XCTAssertTrue(io.out.hasSuffix("Out[3]: true\n"), io.out)
    }

    func testAFileRunBeforeThePromptIsSaved() {
        let (repl, _) = makeRepl()
        XCTAssertNoThrow(try repl.session.run("w = 3\n", file: "start.nns"))
        repl.noteLoaded(file: "start.nns", source: "w = 3\n")
        repl.runCell("w * 2")
        XCTAssertTrue(repl.savedScript.hasSuffix("# :load start.nns\nw = 3\nw * 2\n"), repl.savedScript)
    }
}
