// Tests of charts: nice ticks and their labels, the data window, Braille dots and clipping, the
// text layout of a small chart (golden), and file renderings (PNG pixels, well-formed SVG).
import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PlotKit

final class ChartTests: XCTestCase {
    func testNiceTicks() {
        let a = Ticks.nice(-5, 5, target: 5)
        XCTAssertEqual(a.values, [-4, -2, 0, 2, 4])
        XCTAssertEqual(a.labels, ["-4", "-2", "0", "2", "4"])
        let b = Ticks.nice(0, 1, target: 4)
        XCTAssertEqual(b.labels, ["0.00", "0.25", "0.50", "0.75", "1.00"])
        let c = Ticks.nice(-0.3, 0.3, target: 6)
        XCTAssertEqual(c.labels, ["-0.3", "-0.2", "-0.1", "0.0", "0.1", "0.2", "0.3"])
        let d = Ticks.nice(0, 3e-6, target: 3)
        XCTAssertEqual(d.labels.first, "0")
        XCTAssertEqual(d.labels.last, "3e-06")
        let e = Ticks.nice(0, 5e7, target: 5)
        XCTAssertEqual(e.labels, ["0", "1e+07", "2e+07", "3e+07", "4e+07", "5e+07"])
        // A short axis still gets two ticks.
        XCTAssertEqual(Ticks.nice(1, 9, target: 2).values, [2, 4, 6, 8])
        XCTAssertEqual(Ticks.nice(0.3, 0.9, target: 1).values, [0.4, 0.6, 0.8])
        let f = Ticks.nice(1e6, 1e6 + 1e-3, target: 4)
        XCTAssertEqual(Set(f.labels).count, f.labels.count, "\(f.labels)")
        // Degenerate input gives one tick instead of a loop or a trap.
        XCTAssertEqual(Ticks.nice(.nan, 1).values.count, 1)
        XCTAssertEqual(Ticks.nice(2, 2).values, [2])
    }

    func testWindowWidensConstantsAndRejectsNothingFinite() throws {
        let flat = Chart(series: [Series(name: "c", x: [0, 1, 2], y: [3, 3, 3])])
        let w = try flat.window()
        XCTAssertEqual(w.yMin, 2.5)
        XCTAssertEqual(w.yMax, 3.5)
        let gaps = Chart(series: [Series(name: "g", x: [0, 1, 2], y: [.nan, 1, .infinity])])
        XCTAssertEqual(try gaps.window().xMin, 0.5)   // only (1, 1) is finite
        XCTAssertThrowsError(try Chart(series: [Series(name: "n", x: [0, 1], y: [.nan, .nan])]).window()) { e in
            XCTAssertEqual((e as? PlotError)?.message, "nothing to plot: every one of the 2 points is nan or infinite")
        }
        XCTAssertThrowsError(try Chart(series: []).window()) { e in
            XCTAssertEqual((e as? PlotError)?.message, "nothing to plot: no points given")
        }
        // The largest doubles still give a drawable window.
        let huge = Chart(series: [Series(name: "h", x: [0, 1], y: [-Double.greatestFiniteMagnitude, .greatestFiniteMagnitude])])
        XCTAssertNoThrow(try huge.renderText(width: 40, height: 5))
        XCTAssertNoThrow(try huge.png(width: 200, height: 100))
        // Bars and points as far out as a Double goes still draw (clipped, never trapping).
        let far = Chart(series: [Series(name: "f", x: [0, 1e300, -1e300], y: [1e300, -1e300, 0])], kind: .points)
        XCTAssertNoThrow(try far.png(width: 200, height: 100))
    }

    func testBrailleDotsAndClipping() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.set(0, 0, series: 0)
        canvas.set(1, 3, series: 0)
        canvas.set(99, 0, series: 0)   // outside: ignored
        XCTAssertEqual(canvas.renderRow(0, color: false), "\u{2881}")
        canvas.line(0, 0, 3, 0, series: 1)
        XCTAssertEqual(canvas.renderRow(0, color: false), "\u{2889}\u{2809}")
        let clipped = clipSegment(-10, 5, 20, 5, xMax: 9, yMax: 9)
        XCTAssertEqual(clipped?.0.0, 0)
        XCTAssertEqual(clipped?.1.0, 9)
        XCTAssertNil(clipSegment(-10, -5, -1, -5, xMax: 9, yMax: 9))
        XCTAssertNil(clipSegment(0, .nan, 1, 1, xMax: 9, yMax: 9))
    }

    func testTextChartGolden() throws {
        let chart = Chart(series: [Series(name: "a", x: [0, 1], y: [0, 1]),
                                   Series(name: "b", x: [0, 1], y: [1, 0])])
        let expected = """
        1.0 ┤+⠒⠤⢄⡀              ⢀⡠⠤⠒*
            │    ⠈⠉⠒⠤⢄⡀    ⢀⡠⠤⠒⠉⠁
        0.5 ┤         ⢈⣉⠶⠶⣉⡁
            │    ⢀⣀⠤⠒⠊⠁    ⠈⠑⠒⠤⣀⡀
        0.0 ┤*⠤⠒⠊⠁              ⠈⠑⠒⠤+
            └┬───────────┬──────────┬
            0.0         0.5        1.0
          * a   + b

        """
        XCTAssertEqual(try chart.renderText(width: 30, height: 5), expected)
    }

    func testColourOnlyWhenAsked() throws {
        let chart = Chart(series: [Series(name: "s", x: [0, 1, 2], y: [0, 1, 0])])
        let plain = try chart.renderText(width: 40, height: 6, color: false)
        let coloured = try chart.renderText(width: 40, height: 6, color: true)
        XCTAssertFalse(plain.contains("\u{1B}"))
        XCTAssertTrue(coloured.contains(Palette.color(0).foregroundEscape))
        XCTAssertTrue(plain.hasSuffix("  ── s\n"))
    }

    func testScatterMarksPerClassWithoutColour() throws {
        let chart = Chart(series: [Series(name: "0", x: [0, 1], y: [0, 1]), Series(name: "1", x: [0.5], y: [0.5])],
                          kind: .points)
        let lines = try chart.renderText(TextLayout(width: 30, height: 5))
        // Points get 5 % of air on each side, so none sits on an axis.
        XCTAssertEqual(lines[0], "1 ┤                        *")
        XCTAssertEqual(lines[2], "  │             +")
        XCTAssertEqual(lines[4], "0 ┤ *")
        XCTAssertEqual(lines.last, "  * 0   + 1")
    }

    func testLegendWrapsToTheWidth() throws {
        let names = (0..<12).map { "series number \($0)" }
        let chart = Chart(series: names.map { Series(name: $0, x: [0, 1], y: [0, 1]) })
        let lines = try chart.renderText(TextLayout(width: 50, height: 4))
        let legend = lines.suffix(from: 4 + 2)
        XCTAssertGreaterThan(legend.count, 3)
        XCTAssertTrue(legend.allSatisfy { $0.count <= 50 }, "\(legend)")
        XCTAssertEqual(legend.joined().components(separatedBy: "series number").count - 1, 12)
    }

    func testNaNMakesAGap() throws {
        let chart = Chart(series: [Series(name: "g", x: [0, 1, 2, 3], y: [0, 0, .nan, 0])])
        let rows = try chart.renderText(TextLayout(width: 40, height: 4))
        let row = try XCTUnwrap(rows.first { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } })
        // The flat line is drawn up to x = 1, then nothing until the lone point at x = 3.
        let plot = row.split(separator: "┤", maxSplits: 1).last.map(String.init) ?? row
        let pieces = plot.split(separator: " ", omittingEmptySubsequences: true)
        XCTAssertEqual(pieces.count, 2, row)
    }

    func testPNGChartHasSeriesColourInsideBox() throws {
        let chart = Chart(series: [Series(name: "line", x: [0, 1], y: [0.5, 0.5])])
        let canvas = try chart.canvas(width: 200, height: 120)
        let decoded = try PNGFile.decode(try canvas.png())
        XCTAssertEqual(decoded.bytes, canvas.rgbBytes())
        let g = try ChartGeometry(chart, width: 200, height: 120)
        // The 2-pixel line covers the pixel rows either side of y: one of them is fully inked.
        let y = Int(g.py(0.5).rounded()), x = Int(g.px(0.25).rounded())
        XCTAssertTrue([canvas.pixel(x, y - 1), canvas.pixel(x, y)].contains(Palette.color(0)))
        XCTAssertEqual(canvas.pixel(x, y - 8), .white)
    }

    func testSVGIsWellFormedAndEscapesNames() throws {
        let chart = Chart(series: [Series(name: "<a & \"b\">", x: [0, 1, 2, 3], y: [1, .nan, 2, 3]),
                                   Series(name: "tanh", x: [0, 3], y: [0, 1])], title: "t < 1")
        let svg = try chart.svg()
        XCTAssertTrue(svg.contains("&lt;a &amp; &quot;b&quot;&gt;"))
        // The nan splits the first series into two polylines.
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 3)
        #if canImport(FoundationXML) || os(macOS)
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
        #endif
    }
}

final class DecimationTests: XCTestCase {
    func testManyPointsPerColumnKeepTheirEnvelope() {
        // 10,000 points over x in [0, 10): a zig-zag between 0 and 100. A point is drawn in the
        // column nearest its x, so they fall in 11 columns (0 and 10 are half ones).
        var run: [(Double, Double)] = []
        for i in 0..<10_000 {
            let base: Double = i % 2 == 0 ? 0 : 100
            run.append((Double(i) / 1000, base + Double(i % 7)))
        }
        let d = ChartGeometry.decimated(run)
        XCTAssertLessThanOrEqual(d.count, 44)
        XCTAssertEqual(d.first?.0, run.first?.0)
        XCTAssertEqual(d.last?.1, run.last?.1)
        for column in 0...10 {
            let inColumn: [Double] = run.filter { Int($0.0.rounded()) == column }.map { $0.1 }
            let kept: [Double] = d.filter { Int($0.0.rounded()) == column }.map { $0.1 }
            XCTAssertEqual(kept.min(), inColumn.min())
            XCTAssertEqual(kept.max(), inColumn.max())
        }
        // In the terminal too: 300,000 points alternating between 0 and 1 fill every Braille cell
        // of the plot area (each dot column spans the whole range), drawn from a few hundred segments.
        let n = 300_000
        let zigzag = Chart(series: [Series(name: "y", x: (0..<n).map(Double.init),
                                           y: (0..<n).map { Double($0 % 2) })])
        let rows: [String] = (try? zigzag.renderText(TextLayout(width: 40, height: 4))) ?? []
        var area: [Substring] = []
        for row in rows.prefix(4) {
            // The plot area is what follows the axis character (┤ at a tick, │ between ticks).
            if let axis = row.firstIndex(where: { $0 == "┤" || $0 == "│" }) {
                area.append(row[row.index(after: axis)...])
            }
        }
        XCTAssertEqual(area.count, 4)
        for row in area { XCTAssertTrue(!row.isEmpty && row.allSatisfy { $0 == "⣿" }, String(row)) }
        // Short runs are left alone.
        XCTAssertEqual(ChartGeometry.decimated(Array(run.prefix(100))).count, 100)
    }
}

final class BarChartTests: XCTestCase {
    let bars = Chart(series: [Series(name: "count", x: [0.5, 1.5, 2.5], y: [2, 0, 4])], kind: .bars(width: 1))

    func testWindowHoldsBarEdgesAndBaseline() throws {
        let w = try bars.window()
        XCTAssertEqual([w.xMin, w.xMax, w.yMin, w.yMax], [0, 3, 0, 4])
    }

    func testTextBarsFillFromTheBaseline() throws {
        let lines = try bars.renderText(TextLayout(width: 30, height: 4))
        // The top row holds only the tallest (third) bar; the bottom row the first and third.
        XCTAssertEqual(lines[0].filter { $0 == "⣿" }.count, lines[0].filter { $0 != " " }.count - 3)
        XCTAssertTrue(lines[3].hasPrefix("0 ┤⣿"), lines[3])
        XCTAssertEqual(lines.last, "  ⣿⣿ count")
    }

    func testFileBars() throws {
        let img = try bars.canvas(width: 200, height: 120)
        let g = try ChartGeometry(bars, width: 200, height: 120)
        XCTAssertEqual(img.pixel(safeInt(g.px(2.5)), safeInt(g.py(2))), Palette.color(0))
        XCTAssertEqual(img.pixel(safeInt(g.px(1.5)), safeInt(g.py(2))), .white)   // the empty bin
        let svg = try bars.svg()
        // page, 2 bars (the empty bin draws none), clip path, box, legend box and swatch
        XCTAssertEqual(svg.components(separatedBy: "<rect").count - 1, 7)
    }
}
