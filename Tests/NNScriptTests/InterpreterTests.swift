// Interpreter semantics: per-function scope as in Python, closures, recursion and its limit,
// values versus references, control flow, errors with locations and call chains.
import XCTest
@testable import NNScript

final class InterpreterTests: XCTestCase {
    func testScopeIsPerFunction() {
        XCTAssertEqual(value("x = 1\nfn f() { x = 2\n return x }\nf() * 10 + x"), "21")
        XCTAssertEqual(value("x = 1\nfn f() { return x }\nx = 5\nf()"), "5")
        XCTAssertEqual(value("fn f() { if true { y = 3 }\n return y }\nf()"), "3")
        XCTAssertEqual(value("fn f() { for i in 0..3 { }\n return i }\nf()"), "2")
        XCTAssertEqual(failure("fn f() { print(c)\n c = 1 }\nf()")?.message.hasPrefix("local variable 'c' is used before it is assigned"), true)
        XCTAssertEqual(failure("print(nope)")?.message, "undefined name 'nope'")
        let early = failure("fn f() {\n g = fn() = v\n r = g()\n v = 1\n return r }\nf()")
        XCTAssertEqual(early?.message.hasPrefix("local variable 'v'"), true)
        XCTAssertEqual(early?.location?.line, 2)
        let own = failure("fn f() {\n print(w)\n g = fn() = w\n w = 1 }\nf()")
        XCTAssertEqual(own?.message.hasPrefix("local variable 'w' is used before it is assigned"), true)
    }

    func testClosures() {
        let counter = "fn counter() { state = {n: 0}\n fn inc() { state.n += 1\n return state.n }\n return inc }\n"
        XCTAssertEqual(value(counter + "a = counter(); b = counter(); a(); a(); b(); a()"), "3")
        XCTAssertEqual(value("fn adder(k) = fn(x) = x + k\nadd3 = adder(3)\nadd3(4)"), "7")
        XCTAssertEqual(value("fn outer() { k = 1\n fn mid() { fn inner() = k * 10\n return inner }\n f = mid()\n k = 5\n return f() }\nouter()"), "50")
        XCTAssertEqual(value("fs = []\nfor i in 0..3 { append(fs, fn(x) = x + i) }\nfs[0](10)"), "12")
    }

    func testRecursionAndTheDepthLimit() {
        XCTAssertEqual(value("fn fact(n) { if n <= 1 { return 1 }\n return n * fact(n - 1) }\nfact(20)"), "2.43290200817664e+18")
        XCTAssertEqual(value("fn even(n) { if n == 0 { return true }\n return odd(n - 1) }\nfn odd(n) { if n == 0 { return false }\n return even(n - 1) }\neven(1500)"), "true")
        let e = failure("fn down(n) { return down(n + 1) }\ndown(0)")
        XCTAssertEqual(e?.message.hasPrefix("too many nested calls"), true)
        XCTAssertEqual(e?.location?.line, 1)
        XCTAssertGreaterThan(e?.trace.count ?? 0, 1000)
    }

    func testValuesAndReferences() {
        XCTAssertEqual(value("A = [1, 2, 3]\nB = A\nB[0] = 9\nA[0] * 10 + B[0]"), "19")
        XCTAssertEqual(value("a = [\"x\"]\nb = a\nappend(b, \"y\")\nlen(a)"), "2")
        XCTAssertEqual(value("r = {lr: 0.1}\nq = r\nq.lr = 0.5\nr.lr"), "0.5")
        XCTAssertEqual(value("fn bump(t) { t[0] = 100\n return t }\nv = [1, 2]\nw = bump(v)\nv[0] + w[0]"), "101")
        XCTAssertEqual(value("s = \"ab\"\nt = s + \"c\"\ns"), "ab")
        XCTAssertEqual(value("M = [[1, 2], [3, 4]]\nrec = {W: M}\nrec.W[0, 1] = 7\nrec.W[0, 1] * 10 + M[0, 1]"), "72")
        XCTAssertEqual(value("L = [\"k\", [[1, 2]]]\nL[1][0, 0] = 5\nL[1][0, 0]"), "5")
    }

    func testControlFlow() {
        XCTAssertEqual(value("n = 0\nwhile true { n += 1\n if n >= 10 { break } }\nn"), "10")
        XCTAssertEqual(value("s = 0\nfor i in 0..10 { if i % 2 == 0 { continue }\n s += i }\ns"), "25")
        XCTAssertEqual(value("s = 0\nfor row in [[1, 2], [3, 4]] { s += row[1] }\ns"), "6")
        XCTAssertEqual(value("s = \"\"\nfor w in [\"a\", \"b\"] { s = s + w }\ns"), "ab")
        XCTAssertEqual(value("fn f(x) { if x > 0 { return \"pos\" } else if x < 0 { return \"neg\" } else { return \"zero\" } }\nf(-1) + f(0) + f(2)"), "negzeropos")
        XCTAssertEqual(value("fn f() { for i in 0..100 { if i == 7 { return i } } }\nf()"), "7")
        XCTAssertEqual(value("fn f() { }\nf()"), "<nothing>")
        XCTAssertEqual(failure("if [1, 2] { }")?.message.hasPrefix("if needs a bool or a number, got a tensor"), true)
        XCTAssertEqual(failure("while \"x\" { }")?.message, "while needs a bool or a number, got string")
        XCTAssertEqual(failure("for x in 5 { }")?.message.hasPrefix("cannot loop over a number"), true)
    }

    func testCallsCheckArguments() {
        XCTAssertEqual(failure("fn f(a, b) = a\nf(1, 2, 3)")?.message, "bad argument #3 to 'f' (at most 2 positional arguments expected, got 3)")
        XCTAssertEqual(failure("fn f(a, b) = a\nf(1)")?.message, "bad argument 'b' to 'f' (value expected, none given)")
        XCTAssertEqual(failure("fn f(a) = a\nf(1, z: 2)")?.message, "bad argument 'z' to 'f' (no such parameter; known: a:)")
        XCTAssertEqual(failure("x = 3\nx(1)")?.message, "a number cannot be called (a function expected)")
        XCTAssertEqual(failure("print(1, nope: 2)")?.message.hasPrefix("bad argument 'nope' to 'print' (no such parameter"), true)
    }

    func testRuntimeErrorsCarryLocationAndCallChain() {
        let source = "fn inner(x) {\n  return x + \"a\"\n}\nfn outer(y) = inner(y)\nouter(1)"
        let text = output(source)
        XCTAssertEqual(text, """
            t.nns:2:12: error: operator '+' cannot combine number and string (str(x) gives the text of a value)
                  return x + "a"
                           ^
            call chain (innermost last):
              t.nns:5:1: in call to outer
              t.nns:4:15: in call to inner

            """)
    }

    func testInterruptStopsLoopsAndKeepsGlobals() {
        let (session, _) = makeSession()
        session.context.interrupt.raise()
        XCTAssertEqual(tryRun(session, "n = 1\nwhile true { n += 1 }"), "interrupted")
        session.context.interrupt.clear()
        if case .number(let n)? = session.global("n") { XCTAssertEqual(n, 1) } else { XCTFail("n lost") }
    }

    private func tryRun(_ session: Session, _ source: String) -> String {
        do { _ = try session.run(source, file: "t.nns"); return "ok" } catch { return error.message }
    }

    func testBuiltinsCanCallScriptFunctions() throws {
        let (session, _) = makeSession()
        _ = try session.run("fn sq(x) = x * x\nfn boom(x) = x + \"a\"", file: "cb.nns")
        guard let sq = session.global("sq"), let boom = session.global("boom") else { return XCTFail("no functions") }
        let nine = try session.context.callFunction(sq, [.number(3)])
        XCTAssertEqual(session.format(nine), "9")
        XCTAssertThrowsError(try session.context.callFunction(boom, [.number(1)])) { error in
            XCTAssertEqual((error as? ScriptError)?.location?.line, 2)
        }
        XCTAssertThrowsError(try session.context.callFunction(.number(1), []))
        XCTAssertThrowsError(try session.context.callFunction(sq, []))
    }

    func testSessionAPI() {
        let (session, out) = makeSession()
        session.setGlobal("args", .list(ListBox([.string("a")])))
        XCTAssertNoThrow(try session.run("print(args)\nfn f(x) = x\ny = 2", file: "s.nns"))
        XCTAssertEqual(out.text, "[\"a\"]\n")
        XCTAssertEqual(session.globalNames, ["args", "f", "y"])
        XCTAssertTrue(session.builtinNames.contains("print"))
        XCTAssertNotNil(session.builtin("str"))
        XCTAssertTrue(Session.keywords.contains("while"))
        XCTAssertEqual(session.sourceLine(file: "s.nns", line: 2), "fn f(x) = x")
        session.reset()
        XCTAssertEqual(session.globalNames, [])
        XCTAssertEqual(try? session.run("1 + 1", file: "s.nns").map(session.format), "2")
    }
}
