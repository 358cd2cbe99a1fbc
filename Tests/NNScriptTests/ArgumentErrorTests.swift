// Argument errors read one way, `bad argument 'name' to 'f' (...)` or `bad argument #n to 'f' (...)`,
// whichever library raises them; a misspelt named argument suggests the nearest parameter, and the
// caret of an error about a named argument stands under its name.
import XCTest
@testable import NNScript

final class ArgumentErrorTests: XCTestCase {
    /// (source, the whole message): one row per kind of argument error and per library.
    static let messages: [(String, String)] = [
        ("train(mlp([2, 1]), zeros(4, 2), zeros(4, 1), epochz: 3)",
         "bad argument 'epochz' to 'train' (no such parameter; did you mean epochs:?)"),
        ("sgd(lt: 0.1)", "bad argument 'lt' to 'sgd' (no such parameter; did you mean lr:?)"),
        ("fn f(alpha, beta) = alpha\nf(1, bta: 2)", "bad argument 'bta' to 'f' (no such parameter; did you mean beta:?)"),
        ("fn f(a) = a\nf(1, z: 2)", "bad argument 'z' to 'f' (no such parameter; known: a:)"),
        ("fn f() = 1\nf(z: 2)", "bad argument 'z' to 'f' (no such parameter; it takes no named arguments)"),
        ("fn f(a, b) = a\nf(1, a: 2)", "bad argument 'a' to 'f' (given twice, by position and by name)"),
        ("dense(2, 3, n_in: 2)", "bad argument 'n_in' to 'dense' (given twice, by position and by name)"),
        ("fn f(a, b) = a\nf(1)", "bad argument 'b' to 'f' (value expected, none given)"),
        ("dense(2)", "bad argument 'n_out' to 'dense' (value expected, none given)"),
        ("fn f(a) = a\nf(1, 2)", "bad argument #2 to 'f' (at most 1 positional argument expected, got 2)"),
        ("sgd(lr: \"x\")", "bad argument 'lr' to 'sgd' (number expected, got string)"),
        ("seq(dense(2, 2), 3)", "bad argument #2 to 'seq' (layer expected, got number)"),
        ("hist(rand(5), bins: 0)", "bad argument 'bins' to 'hist' (a number from 1 to 1000 expected, got 0)"),
        ("adam(beta2: 1)", "bad argument 'beta2' to 'adam' (a number in [0, 1) expected, got 1)"),
        ("kl(rho: 2, beta: 1)", "bad argument 'rho' to 'kl' (a number in (0, 1) expected, got 2)"),
        ("topk(0)", "bad argument 'k' to 'topk' (a number at least 1 expected, got 0)"),
        ("mlp([2])", "bad argument 'sizes' to 'mlp' (a list of at least two layer widths expected, got [2])"),
        ("perceptron(0)", "bad argument 'm' to 'perceptron' (a whole number ≥ 1 expected, got 0)"),
        ("seed(-1)", "bad argument 'n' to 'seed' (a whole number from 0 to 2^64 − 1 expected, got -1)"),
    ]

    func testEveryArgumentErrorReadsTheSameWay() {
        for (source, message) in Self.messages {
            XCTAssertEqual(failure(source)?.message, message, source)
        }
    }

    /// (source line, the column the error reports): the name of a named argument, else the call.
    static let carets: [(String, Int)] = [
        ("train(mlp([2, 1]), zeros(4, 2), zeros(4, 1), epochz: 3)", 46),
        ("sgd(momentum: 0.9, lr: \"x\")", 20),
        ("kl(beta: 1, rho: 2)", 13),
        ("sgd(\"x\")", 1),
        ("fn f(a) = a; f(1, b: 2)", 19),
        ("y = 2 * dense(2, 3, act: 7)", 21),
    ]

    func testTheCaretPointsAtTheNamedArgument() {
        for (line, column) in Self.carets {
            let text = output(line)
            let head = "t.nns:1:\(column): error: "
            XCTAssertTrue(text.hasPrefix(head), "\(line): \(text)")
            XCTAssertTrue(text.contains("\n    \(line)\n    " + String(repeating: " ", count: column - 1) + "^\n"), text)
        }
    }

    func testAnErrorInsideACalledFunctionKeepsItsOwnPlace() {
        // The inner call's error is about the inner call; the outer named argument is not moved to.
        let e = failure("fn g(x) = sgd(lr: x)\nfn h(lr) = g(lr)\nh(lr: \"s\")")
        XCTAssertEqual(e?.location?.line, 1)
        XCTAssertEqual(e?.location?.column, 15)
    }

    static let near: [(String, [String], String?)] = [
        ("epochz", ["epochs", "batch", "lr"], "epochs"),
        ("ephocs", ["epochs"], "epochs"),           // two neighbours swapped: one edit
        ("lt", ["lr", "l2"], "lr"),                 // ties go to the first
        ("z", ["a"], nil),                          // as many edits as characters: no hint
        ("validaton", ["validation", "verbose"], "validation"),
        ("momentun", ["lr", "momentum"], "momentum"),
        ("xyzzy", ["epochs", "lr"], nil),
    ]

    func testTheNearestName() {
        for (name, candidates, expected) in Self.near {
            XCTAssertEqual(NearestName.closest(to: name, among: candidates), expected, name)
        }
        XCTAssertEqual(NearestName.distance("kitten", "sitting"), 3)
        XCTAssertEqual(NearestName.distance("", "abc"), 3)
        XCTAssertEqual(NearestName.distance("ab", "ba"), 1)
    }
}
