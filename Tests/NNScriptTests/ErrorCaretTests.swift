// Tests of the caret under a script error: the reported column counts characters (not bytes, not screen columns),
// the caret is placed by display width, so it stands under the token on screen whatever comes
// before it — Chinese (two columns each), Greek, combining accents (none), tabs.
import XCTest
@testable import NNScript

final class ErrorCaretTests: XCTestCase {
    /// (source line, reported column, spaces before the caret on screen — a tab written as "\t").
    static let cases: [(String, Int, String)] = [
        ("x = \"神经网络\" + zorblax", 14, String(repeating: " ", count: 17)),
        ("权重 = 0.5 + zorblax", 12, String(repeating: " ", count: 13)),
        ("θ = zorblax", 5, "    "),
        ("ｘ = zorblax", 5, "     "),                         // a fullwidth letter takes two
        ("é = 1 + zorblax", 9, String(repeating: " ", count: 8)),   // é as e + combining acute: one column
        ("\t神 = zorblax", 6, "\t" + String(repeating: " ", count: 5)),
    ]

    func testCaretStandsUnderTheTokenOnScreen() {
        for (line, column, padding) in Self.cases {
            let text = output(line.replacingOccurrences(of: "é", with: "e\u{301}"))
            let shown = line.replacingOccurrences(of: "é", with: "e\u{301}")
            XCTAssertEqual(text, "t.nns:1:\(column): error: undefined name 'zorblax'\n    \(shown)\n    \(padding)^\n", line)
        }
    }

    func testCaretPaddingByDisplayWidth() {
        XCTAssertEqual(ErrorRendering.caretPadding("神经 x", column: 4), "     ")
        // Past the end of the line (an error at its end): one space a column.
        XCTAssertEqual(ErrorRendering.caretPadding("神", column: 3), "   ")
        XCTAssertEqual(ErrorRendering.excerpt("a\u{1B}神 b", column: 5, indent: "  "), "  a\u{FFFD}神 b\n" + "  " + "     ^")
    }
}
