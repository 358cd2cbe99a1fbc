// The parser: the precedence table (or, and, not, comparisons, .., + -, * / % @, unary -, ^), error messages that say what was expected
// and what was found, the incomplete flag the REPL reads, and the nesting guard.
import XCTest
@testable import NNScript

final class ParserTests: XCTestCase {
    func testPrecedenceTable() {
        let cases: [(String, String)] = [
            ("2 ^ 3 ^ 2", "512"), ("-2 ^ 2", "-4"), ("2 ^ -1", "0.5"), ("1 + 2 * 3", "7"),
            ("(1 + 2) * 3", "9"), ("10 - 4 - 3", "3"), ("2 * 3 % 4", "2"), ("-7 % 3", "2"),
            ("7 % -3", "-2"), ("1 + 1 == 2", "true"), ("not 1 == 2", "true"),
            ("true or false and false", "true"), ("not true or true", "true"),
            ("1 < 2 and 2 < 3", "true"), ("0..3", "[0 1 2]"), ("1 + 1..4", "[2 3]"),
            ("-(3)", "-3"), ("- - 2", "2"), ("2 * -3", "-6"), ("1 / 0", "inf"), ("-1 / 0", "-inf"),
        ]
        for (source, expected) in cases {
            let got = value(source)
            if expected.hasPrefix("[") {
                XCTAssertFalse(got.hasPrefix("error"), "\(source) → \(got)")
            } else {
                XCTAssertEqual(got, expected, source)
            }
        }
    }

    func testErrorMessagesSayWhatWasExpected() {
        let cases: [(String, String, Int, Int)] = [
            ("x = )", "expression expected, found ')'", 1, 5),
            ("x = 1 2", "end of statement (newline or ';') expected, found number 2", 1, 7),
            ("f(a: 1, 2)", "positional argument after named arguments", 1, 9),
            ("1 < 2 < 3", "comparisons cannot be chained", 1, 7),
            ("else { }", "'else' without 'if'", 1, 1),
            ("3 = x", "cannot assign to this expression", 1, 3),
            ("x = [1, 2", "']' expected (to close '[' at line 1), found end of input", 1, 10),
            ("if x {\n  y = 1\n", "'}' expected (to close '{' at line 1), found end of input", 3, 1),
            ("while x {\n  y = (1 +\n 2]\n}", "')' expected (to close '(' at line 2), found ']'", 3, 3),
            ("fn f(x, y = 1, z) { }", "parameter 'z' needs a default value", 1, 16),
            ("fn f(x, x) = x", "parameter 'x' appears twice", 1, 9),
            ("for 3 in x { }", "loop variable name expected, found number 3", 1, 5),
            ("break", "'break' outside a loop", 1, 1),
            ("continue", "'continue' outside a loop", 1, 1),
            ("return 1", "'return' outside a function", 1, 1),
            ("x.3", "field name after '.' expected, found number 3", 1, 3),
            ("r = {a 1}", "':' after field name 'a' expected, found number 1", 1, 8),
            ("fn f(x) x", "'=' or '{' (the function body) expected, found name 'x'", 1, 9),
            ("while { }", "condition expected after 'while', found '{'", 1, 7),
            ("while\n  x = 1", "condition expected after 'while', found end of line", 1, 6),
            ("if {\n}", "condition expected after 'if', found '{'", 1, 4),
            ("for i in { }", "range, tensor or list to loop over expected after 'in', found '{'", 1, 10),
        ]
        for (source, message, line, column) in cases {
            guard let e = failure(source) else { XCTFail("\(source) ran"); continue }
            XCTAssertTrue(e.message.hasPrefix(message), "\(source): \(e.message)")
            XCTAssertEqual(e.location?.line, line, source)
            XCTAssertEqual(e.location?.column, column, source)
            XCTAssertEqual(e.phase, .parse, source)
        }
    }

    func testARecordLiteralCanStillStartACondition() {
        XCTAssertEqual(output("if {ok: true}.ok { print(1) }\nwhile {\"n\": false}.n { }"), "1\n")
    }

    func testIncompleteFlag() {
        let (session, _) = makeSession()
        for source in ["x = (1 +", "fn f(x) {", "if a {\n b = 1", "x = [1,\n 2", "y = 3 *", "f(1,", "{lr: 0.1,"] {
            XCTAssertTrue(session.isIncomplete(source), source)
        }
        for source in ["x = 1", "x = )", "fn f(x) = x", "if a { b = 1 }", "x = \"abc"] {
            XCTAssertFalse(session.isIncomplete(source), source)
        }
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        XCTAssertEqual(failure(deep)?.message.hasPrefix("nesting too deep"), true)
        let blocks = String(repeating: "if true {", count: 5_000)
        XCTAssertEqual(failure(blocks)?.message.hasPrefix("nesting too deep"), true)
        let minus = "x = " + String(repeating: "-", count: 10_000) + "1"
        XCTAssertNotNil(failure(minus))
        let nots = "x = " + String(repeating: "not ", count: 10_000) + "true"
        XCTAssertNotNil(failure(nots))
        XCTAssertEqual(value("((((((((((1))))))))))"), "1")
        let chain = "x = " + Array(repeating: "1", count: 50_000).joined(separator: " + ")
        XCTAssertEqual(failure(chain)?.message.hasPrefix("nesting too deep"), true)
        let calls = "x = f" + String(repeating: "(1)", count: 50_000)
        XCTAssertEqual(failure(calls)?.message.hasPrefix("nesting too deep"), true)
        XCTAssertEqual(value("s = " + Array(repeating: "1", count: 500).joined(separator: " + ") + "\ns"), "500")
    }

    func testStatementForms() {
        XCTAssertEqual(value("x = 1; y = 2; x + y"), "3")
        XCTAssertEqual(value("x = 1; x;"), "<nothing>")
        XCTAssertEqual(value("if false { 1 }\nelse { 2 }\nx = 5\nx"), "5")
        XCTAssertEqual(value("f = fn(u) = u * 2\nf(4)"), "8")
        XCTAssertEqual(value("fn g(a, b = 10) { return a + b }\ng(1) + g(1, b: 2)"), "14")
        XCTAssertEqual(value("r = {\n  lr: 0.1,\n  epochs: 10\n}\nr.epochs"), "10")
        XCTAssertEqual(value("x = 1 +\n 2\nx"), "3")
        XCTAssertEqual(value("s = 0\nfor i in 0..5 {\n if i == 3 { break }\n s += i\n}\ns"), "3")
    }
}
