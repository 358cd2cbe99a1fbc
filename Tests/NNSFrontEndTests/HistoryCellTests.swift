// A multi-line cell's one-line history entry: how lines are joined, and that each join parses
// to a program that does what the cell did.
import XCTest
import NNScript
@testable import NNSFrontEnd

final class HistoryCellTests: XCTestCase {
    func testStatementsAreJoinedWithSemicolonsAndExpressionsWithSpaces() {
        let cell = ["fn f(x) {   # doubles, then adds", "  y = [x,", "       x + 1]", "  if x > 0 {",
                    "    return y * 2", "  }", "  else {", "    return y", "  }", "}"]
        XCTAssertEqual(HistoryCell.oneLine(cell),
                       ["fn f(x) { y = [x, x + 1]; if x > 0 { return y * 2 } else { return y } }",
                        "fn f(x) {; y = [x, x + 1]; if x > 0 {; return y * 2; } else {; return y; }; }"])
        XCTAssertEqual(HistoryCell.oneLine(["s = 1 +", "  2", "t = s * 3"]), ["s = 1 + 2; t = s * 3"])
        XCTAssertEqual(HistoryCell.oneLine(["ok = true and", "  false"]), ["ok = true and false"])
        // A '#' inside a string is no comment; a string open at a line's end cannot be joined.
        XCTAssertEqual(HistoryCell.oneLine(["print(\"#1\",", "  2)"]), ["print(\"#1\", 2)"])
        XCTAssertEqual(HistoryCell.oneLine(["s = \"a", "b\""]), [])
        XCTAssertEqual(HistoryCell.oneLine(["x = 1"]), [])
        XCTAssertEqual(HistoryCell.oneLine(["# only a comment", "x = 1"]), [])
    }

    /// Each join runs to the same values as the cell itself.
    func testJoinedCellsRunLikeTheCells() throws {
        let cells: [[String]] = [
            ["fn f(x) {", "  y = [x,", "    x + 1]", "  if x > 0 {", "    return y * 2", "  }", "  else {",
             "    return y", "  }", "}", "r = f(3)[1] + f(-1)[0]"],
            ["total = 0", "for i in 0..4 {", "  if i == 2 { continue }", "  total += i *", "    10", "}", "r = total"],
        ]
        for cell in cells {
            let whole = Session(context: ScriptContext(write: { _ in }, writeError: { _ in }))
            try whole.run(cell.joined(separator: "\n"), file: "cell")
            for line in HistoryCell.oneLine(cell) {
                let joined = Session(context: ScriptContext(write: { _ in }, writeError: { _ in }))
                XCTAssertTrue(joined.parses(line), line)
                try joined.run(line, file: "joined")
                XCTAssertEqual(joined.format(try XCTUnwrap(joined.global("r"))),
                               whole.format(try XCTUnwrap(whole.global("r"))), line)
            }
        }
    }
}
