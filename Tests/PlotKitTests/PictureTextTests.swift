// Tests of text in file pictures: Chinese labels draw real glyphs (not boxes, not "?"), labels
// keep their case, axis titles appear where they belong, SVG keeps text as text in a font list
// with CJK faces, and every picture kind decodes with the expected size and several colours.
import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TensorKit
@testable import PlotKit

final class PictureTextTests: XCTestCase {
    /// Dark grey pixels in a rectangle: text ink (grid lines are lighter, series are coloured).
    func ink(_ c: Canvas, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Int {
        var n = 0
        for y in max(0, Int(y0))..<min(c.height, Int(y1)) {
            for x in max(0, Int(x0))..<min(c.width, Int(x1)) {
                let p = c.pixel(x, y)
                let hi = max(p.r, p.g, p.b), lo = min(p.r, p.g, p.b)
                if hi - lo < 24 && hi < 128 { n += 1 }
            }
        }
        return n
    }

    /// The dark pixels of a one-character label as a set of offsets from its box.
    func glyph(_ text: String) throws -> Set<Int> {
        let c = try Canvas(width: 40, height: 40)
        c.text(text, x: 4, y: 4, size: 28, baseline: .top)
        var out = Set<Int>()
        for y in 0..<40 { for x in 0..<40 where c.pixel(x, y).r < 128 { out.insert(y * 40 + x) } }
        return out
    }

    func testTheSetUpInstalledAFontForChinese() {
        XCTAssertFalse(FontLibrary.shared.isEmpty, "fontconfig lists no font; Scripts/test installs fonts-wqy-microhei")
        let (runs, missing) = FontLibrary.shared.runs("激活函数 sigmoid")
        XCTAssertEqual(missing, [], "no font for \(missing); families: \(FontLibrary.shared.families)")
        // Latin and Chinese may come from different fonts, but every character has one.
        XCTAssertEqual(runs.map(\.text).joined(), "激活函数 sigmoid")
    }

    func testChineseLegendDrawsGlyphsInTheLegendBox() throws {
        func chart(_ label: String) -> Chart {
            Chart(series: [Series(name: label, x: [0, 1, 2], y: [0, 1, 0.5])])
        }
        let named = chart("激活函数"), unnamed = chart("")
        let g = try ChartGeometry(named, width: 640, height: 400)
        let withLabel = try named.canvas(), without = try unnamed.canvas()
        let box = LegendLayout(named, g)
        // The text part of the legend box: ink with the label, none without it.
        let (x0, x1) = (box.x + LegendLayout.textLeft - 2, box.x + box.width)
        let (y0, y1) = (box.y, box.y + box.height)
        XCTAssertGreaterThan(ink(withLabel, x0, y0, x1, y1), 60)
        XCTAssertEqual(ink(without, x0, y0, x1, y1), 0)
        XCTAssertTrue(withLabel.charactersWithoutFont.isEmpty)
        // Four characters are four different glyphs, each with strokes inside its square — a
        // "missing glyph" box would be the same hollow square four times.
        let glyphs = try ["激", "活", "函", "数"].map(glyph)
        XCTAssertEqual(Set(glyphs).count, 4)
        for g in glyphs {
            let inside = g.filter { let x = $0 % 40, y = $0 / 40; return x > 10 && x < 26 && y > 10 && y < 26 }
            XCTAssertGreaterThan(inside.count, 10)
        }
        // Each is about twice as wide as a Latin letter: the legend box grows with the label.
        XCTAssertGreaterThan(box.width, LegendLayout(chart("abcd"), g).width + 12)
    }

    func testLabelsKeepTheirCase() throws {
        func legend(_ label: String) throws -> [RGB] {
            let chart = Chart(series: [Series(name: label, x: [0, 1], y: [0, 1])])
            let g = try ChartGeometry(chart, width: 320, height: 200)
            let box = LegendLayout(chart, g)
            let c = try chart.canvas(width: 320, height: 200)
            var pixels: [RGB] = []
            for y in Int(box.y)..<Int(box.y + box.height) {
                for x in Int(box.x)..<Int(box.x + 80) { pixels.append(c.pixel(x, y)) }
            }
            return pixels
        }
        // The old pixel font drew both as capitals; real fonts draw what was written.
        XCTAssertNotEqual(try legend("sigmoid"), try legend("SIGMOID"))
        XCTAssertEqual(try glyph("a"), try glyph("a"))
        XCTAssertNotEqual(try glyph("a"), try glyph("A"))
        XCTAssertLessThan(try glyph("x").count, try glyph("X").count)
    }

    func testTitleAndAxisTitlesHaveTheirPlaces() throws {
        let series = [Series(name: "loss", x: [0, 1, 2], y: [1, 0.5, 0.25])]
        let bare = Chart(series: series)
        let titled = Chart(series: series, title: "训练", xLabel: "轮次 epoch", yLabel: "损失 loss")
        let a = try ChartGeometry(bare, width: 640, height: 400), b = try ChartGeometry(titled, width: 640, height: 400)
        // Room is made above, below and to the left of the plot box.
        XCTAssertGreaterThan(b.top, a.top)
        XCTAssertLessThan(b.bottom, a.bottom)
        XCTAssertGreaterThan(b.left, a.left)
        let c = try titled.canvas()
        XCTAssertGreaterThan(ink(c, 250, 0, 390, b.top - 2), 40)               // title
        XCTAssertGreaterThan(ink(c, b.left, b.bottom + 26, b.right, 400), 40)   // x-axis title
        XCTAssertGreaterThan(ink(c, 0, b.top, 26, b.bottom), 40)                // y-axis title
        XCTAssertEqual(ink(try bare.canvas(), 0, a.top, 10, a.bottom), 0)
    }

    func testSVGKeepsChineseAsTextWithCJKFonts() throws {
        let chart = Chart(series: [Series(name: "激活函数 sigmoid", x: [0, 1], y: [0, 1])],
                          title: "转移函数", xLabel: "输入 u", yLabel: "输出 y")
        let svg = try chart.svg()
        for text in ["激活函数 sigmoid", "转移函数", "输入 u", "输出 y"] {
            XCTAssertTrue(svg.contains(">\(text)</text>"), text)
        }
        XCTAssertTrue(svg.contains("font-family=\"\(svgFontFamilies)\""))
        for family in ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei"] {
            XCTAssertTrue(svgFontFamilies.contains(family), family)
        }
        XCTAssertTrue(svg.contains("rotate(-90"))
        #if canImport(FoundationXML) || os(macOS)
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
        #endif
    }

    func testEveryPictureKindDecodesWithItsSizeAndColours() throws {
        let x = (0..<50).map { Double($0) / 10 }
        let pictures: [(String, [UInt8], Int, Int, Int)] = [
            ("plot", try Chart(series: [Series(name: "sigmoid", x: x, y: x.map { 1 / (1 + exp(-$0)) }),
                                        Series(name: "tanh", x: x, y: x.map(tanh))], title: "函数").png(), 640, 400, 4),
            ("scatter", try Chart(series: [Series(name: "0", x: [0, 1], y: [1, 0]), Series(name: "1", x: [0.5], y: [0.5])],
                                  kind: .points).png(width: 300, height: 200), 300, 200, 4),
            ("hist", try Chart(series: [Series(name: "count", x: [0.5, 1.5], y: [3, 1])], kind: .bars(width: 1))
                .png(width: 200, height: 150), 200, 150, 3),
            ("show", try ImageGrid([Tensor(shape: [2, 4], storage: [0, 0.5, 1, 0.25, 1, 0.75, 0, 0.1])],
                                   height: 2, width: 2, scale: .unit).png(columns: 2, scale: 4), 19, 10, 5),
        ]
        for (kind, file, w, h, colours) in pictures {
            let d = try PNGFile.decode(file)
            XCTAssertEqual([d.width, d.height], [w, h], kind)
            var seen = Set<Int>()
            for i in stride(from: 0, to: d.bytes.count, by: 3) {
                seen.insert(Int(d.bytes[i]) << 16 | Int(d.bytes[i + 1]) << 8 | Int(d.bytes[i + 2]))
            }
            XCTAssertGreaterThanOrEqual(seen.count, colours, kind)
        }
    }
}
