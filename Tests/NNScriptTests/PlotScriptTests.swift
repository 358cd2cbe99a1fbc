// The plot built-ins driven by nns code in a real session: every help example runs, and odd
// inputs end in clear errors (never a crash).
import XCTest
import Foundation
@testable import NNScript

final class PlotScriptTests: XCTestCase {
    func run(_ source: String) -> (output: String, error: String?) {
        let (session, out) = makeSession()
        do {
            _ = try session.run(source, file: "t.nns")
            return (out.text, nil)
        } catch {
            return (out.text, error.message)
        }
    }

    func testEveryPlotExampleRuns() {
        for b in PlotLibrary.library.builtins {
            let result = run(b.example)
            XCTAssertNil(result.error, "example of \(b.name): \(result.error ?? "")")
            XCTAssertFalse(result.output.contains("\u{1B}"), "no escapes off a terminal (\(b.name))")
        }
    }

    func testUserFunctionsAndHistoriesPlot() {
        let r = run("fn f(u) { if u > 0 { return u } \n return 0 }\nplot(f, d(sigmoid), fn(u) = 1, from: -1, to: 1)")
        XCTAssertNil(r.error)
        // f fails on a tensor (`if` needs a number) and is called per number; the others take the tensor.
        XCTAssertTrue(r.output.hasSuffix("  * f   + d(sigmoid)   o function 3\n"), r.output)
    }

    func testOddInputsGiveErrors() {
        let cases: [(String, String)] = [
            ("plot(zeros(0))", "nothing to plot: no points given"),
            ("plot([0/0, 1/0, -1/0])", "nothing to plot: every one of the 3 points is nan or infinite"),
            ("plot(fn(u) = \"x\", samples: 3)", "plot: function 1 gave a string at x = -5, a number expected"),
            ("plot(sigmoid, samples: 1e300)", "whole number expected"),
            ("plot(sigmoid, samples: 1)", "bad argument 'samples' to 'plot' (a number from 2 to 100000 expected, got 1)"),
            ("plot(sigmoid, from: -1e308, to: 1e308)", "bad argument 'from' to 'plot' (a finite number below a finite to: expected"),
            ("plot(sigmoid, 3)", "bad argument #1 to 'plot'"),
            ("plot(sigmoid, file: \"/nonexistent-dir/x.png\")", "cannot write \"/nonexistent-dir/x.png\""),
            ("plot(sigmoid, file: \"x.txt\")", "should end in .png or .svg"),
            ("plot(sigmoid, file: \"/tmp/x.png\", width: 1e9)", "bad argument 'width' to 'plot' (width: 100…8000"),
            ("show(zeros(0))", "show: cannot tell the image shape"),
            ("show(rand(3, 64), shape: [-1, 8])", "bad argument 'shape' to 'show' (two whole numbers"),
            ("show(rand(3, 64), shape: [1e9, 1e9])", "is too large"),
            ("show(rand(3, 64), shape: [1e300, 1])", "is too large"),
            ("show(rand(3, 64), shape: [7, 7])", "not a whole number of 7×7 images"),
            ("show(rand(3, 64), cols: 0)", "bad argument 'cols' to 'show' (a number at least 1 expected, got 0)"),
            ("show(rand(3, 64), scale: 1000, file: \"/tmp/nns-x.png\")", "bad argument 'scale' to 'show' (a number from 1 to 64 expected"),
            ("show(rand(3, 64), file: \"/tmp/nns-x.svg\")", "bad argument 'file' to 'show' (a file name ending in .png expected"),
            ("scatter(zeros(0, 2))", "nothing to plot: no points given"),
            ("scatter(rand(5, 3))", "bad argument 'X' to 'scatter' (an N×2 tensor"),
            ("scatter(rand(50, 2), arange(0, 50))", "bad argument 'labels' to 'scatter' (class labels (at most 40 different) expected, got 50 different values)"),
            ("scatter(rand(2, 2), [\"a\", 1])", "bad argument 'labels' to 'scatter'"),
            ("hist([0/0, 1/0])", "hist: x has no finite values (shape [2])"),
            ("hist(rand(5), bins: 0)", "bad argument 'bins' to 'hist' (a number from 1 to 1000 expected, got 0)"),
            ("hist(rand(5), range: [1, 0])", "bad argument 'range' to 'hist' ([low, high] with low < high"),
            ("hist([-1e308, 1e308])", "hist: the values span more than the largest number"),
        ]
        for (source, expected) in cases {
            let r = run(source)
            XCTAssertTrue(r.error?.contains(expected) ?? false, "\(source): \(r.error ?? "no error")")
        }
    }

    func testOddButDrawableInputs() {
        for source in ["plot(fn(u) = 3)", "plot([1, 0/0, 3, 1/0, 2])", "plot(ones(3, 2))",
                       "show(rand(2, 2, 2, 2))", "show(full([4, 4], 0/0), norm: \"each\")",
                       "plot([1e308, -1e308])", "scatter([[1, 1]])", "plot(arange(0, 5), arange(0, 5) ^ 2)",
                       "show(rand(100, 64), shape: [8, 8], cols: 100)", "hist([5, 5, 5])",
                       "hist(randn(3, 4), range: [-1, 1], bins: 1000)", "scatter(rand(3, 2), [\"a\", \"b\", \"a\"])"] {
            let r = run(source)
            XCTAssertNil(r.error, "\(source): \(r.error ?? "")")
            XCTAssertFalse(r.output.isEmpty, source)
        }
    }

    func testAxisTitlesInTheTerminalLineUpByDisplayWidth() {
        let r = run("plot(sigmoid, labels: [\"激活函数 sigmoid\"], title: \"转移函数\", xlabel: \"输入 u\", ylabel: \"输出 y\", width: 40)")
        XCTAssertNil(r.error)
        let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Title centred by its 8-column width over the picture's 39 (labels, axis, plot area),
        // then the y title, then the plot.
        XCTAssertEqual(lines[0], String(repeating: " ", count: (39 - 8) / 2) + "转移函数")
        XCTAssertEqual(lines[1], "输出 y")
        let xTitle = lines.first { $0.hasSuffix("输入 u") } ?? ""
        // Centred under the plot area, which starts after the tick labels, a space and the axis.
        let axisLine = lines.first { $0.contains("┤") } ?? ""
        let labelWidth = axisLine.distance(from: axisLine.startIndex, to: axisLine.firstIndex(of: "┤") ?? axisLine.startIndex) - 1
        let columns = 40 - labelWidth - 3
        XCTAssertEqual(xTitle.count - 4, labelWidth + 2 + (columns - 6) / 2, xTitle)
        XCTAssertTrue(lines.contains("  ── 激活函数 sigmoid"), r.output)
        XCTAssertTrue(lines.allSatisfy { $0.displayWidth <= 40 }, r.output)
    }

    func testPicturesTakeAxisTitlesInEveryFormat() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nns-axis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("s.svg").path, png = dir.appendingPathComponent("h.png").path
        let r = run("""
            scatter([[0, 0], [1, 1]], [0, 1], xlabel: "宽度", ylabel: "高度", file: "\(svg)")
            hist(randn(100), xlabel: "权重", ylabel: "个数", file: "\(png)")
            """)
        XCTAssertNil(r.error)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        XCTAssertTrue(text.contains(">宽度</text>") && text.contains(">高度</text>"), text)
        XCTAssertGreaterThan(try Data(contentsOf: URL(fileURLWithPath: png)).count, 1000)
        XCTAssertTrue(run("plot(sigmoid, xlabel: 3)").error?.contains("xlabel") ?? false)
    }

    func testMissingGlyphsAreReportedOnceASession() throws {
        let (session, _) = makeSession()
        var warnings = ""
        session.context.writeError = { warnings += $0 }
        // U+10FFFD is a private-use character no font has: drawn as a box, and said so once.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nns-glyph-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try session.run("plot(sigmoid, title: \"\u{10FFFD}\", file: \"\(path)\")\nplot(tanh, title: \"\u{10FFFD}\", file: \"\(path)\")", file: "t.nns")
        XCTAssertEqual(warnings.components(separatedBy: "warning: no installed font has \u{10FFFD}").count - 1, 1, warnings)
        XCTAssertTrue(warnings.contains("fonts-wqy-microhei"), warnings)
        // Chinese, with the font the set-up installs, draws without a word.
        warnings = ""
        _ = try session.run("plot(sigmoid, title: \"转移函数\", file: \"\(path)\")", file: "u.nns")
        XCTAssertEqual(warnings, "")
    }
}
