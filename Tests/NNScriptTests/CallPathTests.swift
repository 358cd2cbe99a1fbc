// The fast call of a global function borrows the global's reference instead of retaining the
// function: these tests check that replacing the global keeps calls correct and that a replaced
// function lives exactly as long as it may still be running.
import XCTest
@testable import NNScript

final class CallPathTests: XCTestCase {
    func testRedefinitionBetweenCallsAtOneCallSite() {
        let source = """
            fn f(n) = n
            total = 0
            for i in 0..3 {
                total += f(i)
                fn f(n) = n * 10
            }
            print(total)
            f = 3
            print(f(1))
            """
        XCTAssertEqual(output(source),
                       "30\nt.nns:9:7: error: a number cannot be called (a function expected)\n    print(f(1))\n          ^\n")
    }

    func testGlobalFunctionWithOtherArityTakesTheGeneralPath() {
        XCTAssertEqual(value("fn g(a, b = 5) = a + b\ng(1)"), "6")
        XCTAssertEqual(value("fn g(a, b) = a + b\ng(1)"), "error: bad argument 'b' to 'g' (value expected, none given)")
        XCTAssertEqual(value("fn fact(n) {\n if n < 2 { return 1 }\n return n * fact(n - 1)\n}\nfact(10)"), "3628800")
    }

    func testFunctionReplacedAtTheTopLevelIsReleasedAtOnce() throws {
        let (session, _) = makeSession()
        _ = try session.run("fn f(n) = n", file: "a.nns")
        weak var old: AnyObject?
        do {
            guard case .function(let c)? = session.global("f") else { return XCTFail("no f") }
            old = c as AnyObject
        }
        _ = try session.run("fn f(n) = n + 1\nf(1)", file: "b.nns")
        XCTAssertNil(old)
    }

    func testFunctionReplacedWhileItMayRunIsKeptUntilTheRunEnds() throws {
        let (session, _) = makeSession()
        _ = try session.run("fn f(n) = n", file: "a.nns")
        let interpreter = session.interpreter
        let cell = interpreter.globalCell("f")
        weak var old: AnyObject?
        do {
            guard case .function(let c)? = session.global("f") else { return XCTFail("no f") }
            old = c as AnyObject
        }
        // Inside a call (depth 1) of a run: the old function may be running, so it is kept.
        interpreter.activeRuns = 1
        interpreter.writeGlobal(cell, .number(1), depth: 1)
        XCTAssertNotNil(old)
        interpreter.activeRuns = 0
        interpreter.releaseRetired()
        XCTAssertNil(old)
        if case .number(let x)? = session.global("f") { XCTAssertEqual(x, 1) } else { XCTFail("f not written") }
    }

    /// `if c { return e }` is compiled together with the statements after it.
    func testGuardReturnClauses() {
        let source = """
            fn sign(x) {
                if x < 0 { return -1 }
                if x == 0 { return }
                return 1
            }
            fn firstBig(xs) {
                for x in xs {
                    if x > 2 and x < 10 { return x }
                }
                return none
            }
            fn last(x) {
                y = x * 2
                if y > 3 { return y }
            }
            fn bad(x) {
                if x < 1 { return 0 }
                return 1
            }
            print(sign(-5), sign(0), sign(3), firstBig([1, 5, 7]), firstBig([1]), last(1), last(2))
            print(bad("a"))
            """
        XCTAssertEqual(output(source), """
            -1 none 1 5 none none 4
            t.nns:17:10: error: operator '<' cannot combine string and number
                    if x < 1 { return 0 }
                         ^
            call chain (innermost last):
              t.nns:21:7: in call to bad

            """)
    }

    /// `return a op b` computes the operator where it returns; results and errors are unchanged.
    func testReturnArithmetic() {
        let source = """
            fn k(a, b) {
                return [a, b] + 1
            }
            fn q(a, b) {
                return a / b
            }
            print(k(1, 2), q(1, 4))
            print(q("a", 1))
            """
        XCTAssertEqual(output(source), """
            tensor [2]
            [2, 3] 0.25
            t.nns:5:14: error: operator '/' cannot combine string and number
                    return a / b
                             ^
            call chain (innermost last):
              t.nns:8:7: in call to q

            """)
    }

    /// `local ± number` is read inline for numbers; other values take the general operator.
    func testLocalPlusNumberOperands() {
        XCTAssertEqual(output("fn t(v) = v - 1\nprint(t([1, 2]), t(true), t(5), t(0.5) + 2)"), "tensor [2]\n[0, 1] 0 4 1.5\n")
        XCTAssertEqual(output("fn s(x) = x + 1\nprint(s(\"a\"))").components(separatedBy: "\n")[0],
                       "t.nns:1:13: error: operator '+' cannot combine string and number (str(x) gives the text of a value)")
        XCTAssertEqual(output("fn g() {\n    z = w + 1\n    w = 2\n    return z\n}\nprint(g())").components(separatedBy: "\n")[0],
                       "t.nns:2:9: error: local variable 'w' is used before it is assigned (it is local because this function assigns it)")
    }

    /// `v[i]` on a vector in a local or global is read in place; everything else is unchanged.
    func testVectorIndexFastPath() {
        let source = """
            v = [10, 20, 30]
            xs = [1, "a", none]
            fn loc(w, i) = w[i]
            i = 1
            print(v[0], v[2], v[-1], xs[1], v[i], v[i + 1], loc(v, 1), loc(v, -2), loc(xs, 0))
            """
        XCTAssertEqual(output(source), "10 30 30 a 20 30 20 20 1\n")
        XCTAssertEqual(output("v = [10, 20, 30]\nprint(v[1.5])").components(separatedBy: "\n")[0],
                       "t.nns:2:8: error: tensor index must be a whole number, got 1.5")
        XCTAssertEqual(output("v = [10, 20, 30]\nprint(v[3])").components(separatedBy: "\n")[0],
                       "t.nns:2:8: error: index 3 is out of range for axis 0 of length 3")
        XCTAssertEqual(output("fn loc(w, i) = w[i]\nprint(loc([1, 2], 1e300))").components(separatedBy: "\n")[0],
                       "t.nns:1:17: error: tensor index must be a whole number, got 1e+300")
    }
}
