// The lexer: token kinds, Unicode names, numbers, string escapes, comments, and where a newline
// ends a statement (not after an operator or inside brackets).
import XCTest
@testable import NNScript

final class LexerTests: XCTestCase {
    private func kinds(_ source: String) throws -> [TokenKind] {
        try Lexer.tokenize(source, file: "t.nns").map(\.kind)
    }

    func testNumbersNamesAndStrings() throws {
        XCTAssertEqual(try kinds("θ = 0.5 # comment"), [.identifier("θ"), .equal, .number(0.5), .eof])
        XCTAssertEqual(try kinds("1e-3 3 2.5E+2"), [.number(0.001), .number(3), .number(250), .eof])
        XCTAssertEqual(try kinds("0..10"), [.number(0), .dotDot, .number(10), .eof])
        XCTAssertEqual(try kinds(#""a\n\t\"\\b""#), [.string("a\n\t\"\\b"), .eof])
        XCTAssertEqual(try kinds("x += 1; y != 2"),
                       [.identifier("x"), .plusEqual, .number(1), .semicolon, .identifier("y"), .bangEqual, .number(2), .eof])
    }

    func testNewlinesEndStatementsExceptAfterOperatorsAndInsideBrackets() throws {
        XCTAssertEqual(try kinds("a\nb"), [.identifier("a"), .newline, .identifier("b"), .eof])
        XCTAssertEqual(try kinds("a +\nb"), [.identifier("a"), .plus, .identifier("b"), .eof])
        XCTAssertEqual(try kinds("f(a\n, b\n)"), [.identifier("f"), .leftParen, .identifier("a"), .comma,
                                                  .identifier("b"), .rightParen, .eof])
        XCTAssertEqual(try kinds("{\na\n}"), [.leftBrace, .identifier("a"), .newline, .rightBrace, .eof])
    }

    func testInvisibleCharactersAreNamedByCodePoint() {
        XCTAssertThrowsError(try kinds("x = 1\u{0}")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "unexpected character U+0000")
        }
        XCTAssertThrowsError(try kinds("x = $")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "unexpected character '$'")
        }
    }

    func testErrorLinesDoNotEchoControlCharacters() {
        let out = output("y = \u{1B}[31m + 2", file: "f.nns")
        XCTAssertFalse(out.contains("\u{1B}"), out)
        XCTAssertTrue(out.contains("    y = \u{FFFD}[31m + 2\n        ^"), out)
    }

    func testColumnsCountCharacters() throws {
        let tokens = try Lexer.tokenize("θρ = φ", file: "t.nns")
        XCTAssertEqual(tokens.map(\.column), [1, 4, 6, 7])
    }

    func testLexErrorsHaveLocations() {
        for (source, message, column) in [
            ("x = \"abc", "unterminated string", 5),
            ("x = 1 $", "unexpected character '$'", 7),
            ("x = !y", "unexpected character '!'", 5),
            (#"s = "\q""#, "unknown escape", 6),
            ("x = 1e", "malformed number '1e': digits expected after 'e' (as in 1e-3), found end of input", 5),
            ("x = 2.5E+ 1", "malformed number '2.5E+': digits expected after 'E' (as in 1e-3), found a space", 5),
            ("y = [1ex]", "malformed number '1e': digits expected after 'e' (as in 1e-3), found 'x'", 6),
        ] {
            XCTAssertThrowsError(try Lexer.tokenize(source, file: "t.nns"), source) { error in
                guard let e = error as? ScriptError else { return XCTFail("not a ScriptError") }
                XCTAssertTrue(e.message.hasPrefix(message), "\(source): \(e.message)")
                XCTAssertEqual(e.location?.column, column, source)
                XCTAssertEqual(e.phase, .lex)
            }
        }
    }
}
