// Command parsing, the error caret, `:vars` and durations.
import XCTest
import Foundation
import NNScript
import TensorKit
@testable import NNSFrontEnd

final class ReplCommandTests: XCTestCase {
    func testParsesCommandsAndUniquePrefixes() {
        XCTAssertNil(ReplCommand.parse("x = 1"))
        XCTAssertEqual(ReplCommand.parse(":help"), .success(.help(nil)))
        XCTAssertEqual(ReplCommand.parse(":help train"), .success(.help("train")))
        XCTAssertEqual(ReplCommand.parse("?train"), .success(.help("train")))
        XCTAssertEqual(ReplCommand.parse("  ? train "), .success(.help("train")))
        XCTAssertEqual(ReplCommand.parse(":v"), .success(.vars))
        XCTAssertEqual(ReplCommand.parse(":hi"), .success(.history))
        XCTAssertEqual(ReplCommand.parse(":q"), .success(.quit))
        XCTAssertEqual(ReplCommand.parse(":load \"my file.nns\""), .success(.load("my file.nns")))
        XCTAssertEqual(ReplCommand.parse(":save out.nns"), .success(.save("out.nns")))
        XCTAssertEqual(ReplCommand.parse(":time sum(x) + 1"), .success(.time("sum(x) + 1")))
        XCTAssertEqual(ReplCommand.parse(":export a.html"), .success(.export("a.html")))
    }

    func testCommandErrorsSayWhatIsWrong() {
        XCTAssertEqual(ReplCommand.parse(":load"), .failure(CommandError(":load needs a file name")))
        XCTAssertEqual(ReplCommand.parse(":time"), .failure(CommandError(":time needs a statement")))
        guard case .failure(let e)? = ReplCommand.parse(":frob") else { return XCTFail() }
        XCTAssertTrue(e.message.hasPrefix("unknown command ':frob'"), e.message)
        XCTAssertEqual(ReplCommand.parse(":h"), .success(.help(nil)))
    }

    func testErrorCaretUnderTheColumn() {
        var display = CellErrorDisplay()
        display.sources["In[3]"] = "x = 1 +\n  foo(2)"
        var e = ScriptError(phase: .runtime, message: "undefined name 'foo'",
                            location: SourceLocation(file: "In[3]", line: 2, column: 3))
        XCTAssertEqual(display.render(e, cell: "In[3]"),
                       "In[3]:2:3:\n    foo(2)\n    ^\nerror: undefined name 'foo'\n")
        display.sources["In[4]"] = "θ = \tbar"
        e.location = SourceLocation(file: "In[4]", line: 1, column: 6)
        XCTAssertEqual(display.render(e, cell: "In[4]"),
                       "  θ = \tbar\n      \t^\nerror: undefined name 'foo'\n")
        e.location = nil
        XCTAssertEqual(display.render(e, cell: "In[4]"), "error: undefined name 'foo'\n")
    }

    func testErrorCaretCountsWideCharactersTwiceOnScreen() {
        var display = CellErrorDisplay()
        // Column 14 in characters; on screen z stands in column 18, after four two-column characters.
        display.sources["In[1]"] = "x = \"神经网络\" + zorblax"
        let e = ScriptError(phase: .runtime, message: "undefined name 'zorblax'",
                            location: SourceLocation(file: "In[1]", line: 1, column: 14))
        XCTAssertEqual(display.render(e, cell: "In[1]"),
                       "  x = \"神经网络\" + zorblax\n  " + String(repeating: " ", count: 17) + "^\nerror: undefined name 'zorblax'\n")
        // A combining accent takes no column; a tab stays a tab.
        display.sources["In[2]"] = "e\u{301}\t= foo"
        let f = ScriptError(phase: .runtime, message: "undefined name 'foo'",
                            location: SourceLocation(file: "In[2]", line: 1, column: 5))
        XCTAssertTrue(display.render(f, cell: "In[2]").contains("  e\u{301}\t= foo\n   \t  ^\n"))
    }

    func testRunawayRecursionShowsAShortCallChain() {
        var display = CellErrorDisplay()
        display.sources["In[1]"] = "fn f(n) = f(n + 1); f(0)"
        var e = ScriptError(phase: .runtime, message: "too many nested calls",
                            location: SourceLocation(file: "In[1]", line: 1, column: 11))
        e.trace = (0..<2000).map { _ in ("f", SourceLocation(file: "In[1]", line: 1, column: 11)) }
        let text = display.render(e, cell: "In[1]")
        XCTAssertEqual(text.split(separator: "\n").filter { $0.hasPrefix("  in f at") }.count, 10, text)
        XCTAssertTrue(text.contains("  ... 1990 more calls ...\n"), text)
    }

    func testControlCharactersOfTheSourceAreNotEchoed() {
        var display = CellErrorDisplay()
        display.sources["f.nns"] = "y = \u{1B}]0;title\u{7} + 2"
        let e = ScriptError(phase: .lex, message: "unexpected character U+001B",
                            location: SourceLocation(file: "f.nns", line: 1, column: 5))
        let text = display.render(e, cell: "In[1]")
        XCTAssertFalse(text.contains("\u{1B}") || text.contains("\u{7}"), text)
        XCTAssertTrue(text.contains("  y = \u{FFFD}]0;title\u{FFFD} + 2\n      ^\n"), text)
    }

    func testNonUTF8ScriptNamesTheLineAndColumnOfTheBadByte() {
        let data = Data("θ = 1\nρ = \"é".utf8) + Data([0xE9, 0x22, 0x0A])
        XCTAssertEqual(ScriptRunner.invalidUTF8(data, file: "f.nns"),
                       "f.nns:2:7: error: the file is not UTF-8 text (byte 0xE9 here; save it as UTF-8)")
    }

    func testVarsTable() {
        let values: [String: Value] = [
            "W": .tensor(Tensor(shape: [2, 3], storage: [Double](repeating: 0, count: 6))),
            "lr": .number(0.1), "_": .number(1), "name": .string("xor"),
        ]
        let text = VarsTable.render(names: values.keys.sorted(), value: { values[$0] })
        XCTAssertEqual(text, """
            name  kind    shape / value  memory
            W     tensor  [2, 3]           48 B
            lr    number  0.1               8 B
            name  string  "xor"             3 B

            """)
        // Chinese names and values: columns padded by display width, so every row lines up.
        let chinese: [String: Value] = [
            "权重矩阵": .tensor(Tensor(shape: [3, 4], storage: [Double](repeating: 0, count: 12))),
            "lr": .number(0.1), "名字": .string("神经网络"),
        ]
        let table = VarsTable.render(names: ["权重矩阵", "lr", "名字"], value: { chinese[$0] })
        XCTAssertEqual(table, """
            name      kind    shape / value  memory
            权重矩阵  tensor  [3, 4]           96 B
            lr        number  0.1               8 B
            名字      string  "神经网络"       12 B

            """)
        let long = VarsTable.render(names: ["s"], value: { _ in .string(String(repeating: "神", count: 30)) })
        XCTAssertTrue(long.contains("\"" + String(repeating: "神", count: 19) + "…"), long)
        XCTAssertEqual(VarsTable.formatBytes(1536), "1.5 KiB")
        XCTAssertEqual(VarsTable.formatBytes(8 * 1797 * 64), "898.5 KiB")
    }

    func testDurations() {
        XCTAssertEqual(REPL.formatDuration(0.000_85), "850 µs")
        XCTAssertEqual(REPL.formatDuration(0.012_34), "12.3 ms")
        XCTAssertEqual(REPL.formatDuration(4.561), "4.56 s")
    }

    func testPromptEscapesAreMarkedOrStripped() {
        let p = "\u{1B}[32mIn [1]: \u{1B}[0m"
        XCTAssertEqual(LineEditor.markEscapes(p), "\u{1}\u{1B}[32m\u{1}In [1]: \u{1}\u{1B}[0m\u{1}")
        XCTAssertEqual(LineEditor.stripEscapes(p), "In [1]: ")
    }
}
