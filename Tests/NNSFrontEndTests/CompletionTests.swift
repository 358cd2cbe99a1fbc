// TAB completion: names, fields after `.`, named arguments, file names, commands — and its speed.
import XCTest
import NNScript
@testable import NNSFrontEnd

final class CompletionTests: XCTestCase {
    let source = FakeSource.standard()
    var completer: Completer {
        var c = Completer(source: source)
        c.listDirectory = { dir in
            dir == "." ? [("data", true), ("digits.csv", false), ("demo.nns", false), (".hidden", false)]
            : dir == "data/" ? [("xor.csv", false), ("x2.npy", false)] : []
        }
        return c
    }

    func testVariableKeywordAndBuiltinNames() {
        XCTAssertEqual(completer.complete("y = ne").candidates, ["net"])
        XCTAssertEqual(completer.complete("y = ne").insertion, "t")
        XCTAssertEqual(completer.complete("tr").candidates, ["train", "transpose", "true"])
        XCTAssertEqual(completer.complete("tr").insertion, "")
        XCTAssertEqual(completer.complete("trai").insertion, "n")
        XCTAssertEqual(completer.complete("whi").candidates, ["while"])
        XCTAssertEqual(completer.complete("zzz").candidates, [])
    }

    func testFieldsAfterDot() {
        XCTAssertEqual(completer.complete("net.la").candidates, ["layers"])
        XCTAssertEqual(completer.complete("net.la").insertion, "yers")
        XCTAssertEqual(completer.complete("print(net.layers[0].").candidates, ["W", "act", "b"])
        XCTAssertEqual(completer.complete("config.e").candidates, ["epochs"])
        XCTAssertEqual(completer.complete("X.").candidates, ["T", "shape"])
        XCTAssertEqual(completer.complete("X.T.sh").candidates, ["shape"])
        XCTAssertEqual(completer.complete("xs[0].al").candidates, ["alpha"])
        XCTAssertEqual(completer.complete("xs[-1].al").candidates, ["alpha"])
        XCTAssertEqual(completer.complete("xs[5].al").candidates, [])
        XCTAssertEqual(completer.complete("nothing.x").candidates, [])
        XCTAssertEqual(completer.complete("3.5").candidates, [])
    }

    func testNamedArgumentsOfTheOpenCall() {
        let c = completer.complete("train(net, X, Y, ep")
        XCTAssertEqual(c.candidates, ["epochs:"])
        XCTAssertEqual(c.insertion, "ochs:")
        // Names already given are not offered again; the innermost call counts.
        let given = completer.complete("train(net, X, epochs: 5, batch: 2, ").candidates
        XCTAssertTrue(given.contains("loss:"))
        XCTAssertFalse(given.contains("epochs:"))
        XCTAssertFalse(given.contains("batch:"))
        XCTAssertTrue(given.contains("net"), "plain names are offered too")
        XCTAssertEqual(completer.complete("train(net, dense(2, 3, a").candidates.first, "act:")
        XCTAssertEqual(completer.complete("train(net, dense(2, 3), sh").candidates.first, "shuffle:")
        // Not inside a call: no named arguments.
        XCTAssertFalse(completer.complete("ep").candidates.contains("epochs:"))
    }

    func testFileNamesInsideStrings() {
        XCTAssertEqual(completer.complete("load(\"d").candidates, ["data/", "demo.nns", "digits.csv"])
        XCTAssertEqual(completer.complete("load(\"di").insertion, "gits.csv")
        XCTAssertEqual(completer.complete("load(\"data/x").candidates, ["data/x2.npy", "data/xor.csv"])
        XCTAssertEqual(completer.complete("load(\".h").candidates, [".hidden"])
        XCTAssertEqual(completer.complete("s = \"a \\\" b\" + load(\"de").candidates, ["demo.nns"])
        // A closed string is code again; a comment completes nothing.
        XCTAssertEqual(completer.complete("s = \"x\" + ne").candidates, ["net"])
        XCTAssertEqual(completer.complete("x = 1 # ne").candidates, [])
    }

    func testCommands() {
        XCTAssertEqual(completer.complete(":h").candidates, [":help", ":history"])
        XCTAssertEqual(completer.complete(":va").insertion, "rs")
        XCTAssertEqual(completer.complete(":load de").candidates, ["demo.nns"])
        XCTAssertEqual(completer.complete(":help tra").candidates, ["train", "transpose"])
        XCTAssertEqual(completer.complete("?ne").candidates, ["net"])
        XCTAssertEqual(completer.complete(":time net.la").candidates, ["layers"])
    }

    func testUnicodeNames() {
        source.globals["θ"] = .number(0.5)
        source.globals["θ2"] = .number(1)
        XCTAssertEqual(completer.complete("y = θ").candidates, ["θ", "θ2"])
    }

    func testCandidateListLayout() {
        let text = CandidateList.layout(["alpha", "beta", "gamma", "delta", "eps"], width: 20)
        XCTAssertEqual(text, "alpha  delta\nbeta   eps\ngamma\n")
        // Chinese names take two columns a character: the columns still line up on screen.
        XCTAssertEqual(CandidateList.layout(["权重矩阵", "偏置", "lr", "x"], width: 24),
                       "权重矩阵  lr\n偏置      x\n")
        XCTAssertEqual(CandidateList.displayName("data/xor.csv"), "xor.csv")
        XCTAssertEqual(CandidateList.displayName("lecture/data/"), "data/")
    }

    /// A keystroke's completion with 1,000 variables must take well under 10 ms.
    func testSpeedWithAThousandVariables() {
        for i in 0..<1000 { source.globals["var\(i)"] = .tensor(.init([Double(i)])) }
        let c = completer
        let lines = ["y = va", "y = var12", "train(net, X, ep", "net.layers[0].", "y = "]
        var worst = 0.0
        for line in lines {
            let start = REPL.monotonicSeconds()
            for _ in 0..<20 { _ = c.complete(line) }
            let each = (REPL.monotonicSeconds() - start) / 20
            print("  \(line): \(REPL.formatDuration(each))")
            worst = max(worst, each)
        }
        print("completion with 1,000 variables: worst \(REPL.formatDuration(worst)) per keystroke")
        XCTAssertLessThan(worst, 0.010)
        XCTAssertEqual(c.complete("y = var99").candidates.count, 11)
    }

    /// The same against a real session, through the per-cell name snapshot the REPL uses.
    func testSpeedAgainstASessionWithAThousandVariables() {
        let session = Session(context: ScriptContext(write: { _ in }, writeError: { _ in }))
        for i in 0..<1000 { session.setGlobal("var\(i)", .number(Double(i))) }
        session.setGlobal("cfg", .record(RecordBox([("learning", .number(0.5))])))
        let snapshotStart = REPL.monotonicSeconds()
        let names = SessionNames(session)
        print("name snapshot after a cell: \(REPL.formatDuration(REPL.monotonicSeconds() - snapshotStart))")
        let c = Completer(source: names)
        var worst = 0.0
        for line in ["y = va", "y = var12", "train(cfg, var1, ep", "cfg.le", "y = "] {
            let start = REPL.monotonicSeconds()
            for _ in 0..<20 { _ = c.complete(line) }
            let each = (REPL.monotonicSeconds() - start) / 20
            print("  \(line): \(REPL.formatDuration(each))")
            worst = max(worst, each)
        }
        print("completion against a session with 1,000 variables: worst \(REPL.formatDuration(worst))")
        XCTAssertLessThan(worst, 0.010)
        XCTAssertEqual(c.complete("train(cfg, var1, ep").candidates.first, "epochs:")
        XCTAssertEqual(c.complete("cfg.le").insertion, "arning")
        XCTAssertEqual(c.complete("y = var99").candidates.count, 11)
    }
}
