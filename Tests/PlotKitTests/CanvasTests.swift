// Tests of the drawing surface: antialiased shapes, sharp image blits, text measured and drawn in
// installed fonts, PNG bytes that libpng reads back, hostile coordinates and sizes, atomic writes.
import XCTest
import Foundation
@testable import PlotKit

final class CanvasTests: XCTestCase {
    /// The pixels of a canvas that are not `background`.
    func inked(_ c: Canvas, x: ClosedRange<Int>, y: ClosedRange<Int>, background: RGB = .white) -> Int {
        var n = 0
        for yy in y { for xx in x where c.pixel(xx, yy) != background { n += 1 } }
        return n
    }

    func testLinesAreAntialiased() throws {
        let c = try Canvas(width: 60, height: 60)
        c.line(5, 5, 55, 40, color: .black, width: 2)
        // A slanted line leaves partly covered pixels: greys between black and white.
        var greys = Set<UInt8>()
        for y in 0..<60 { for x in 0..<60 { let p = c.pixel(x, y); if p.r > 0 && p.r < 255 { greys.insert(p.r) } } }
        XCTAssertGreaterThan(greys.count, 10)
        XCTAssertEqual(c.pixel(30, 50), .white)
        // A circle marker: full colour in the middle, soft edge, nothing outside.
        c.circle(30, 30, radius: 6, fill: RGB(214, 39, 40))
        XCTAssertEqual(c.pixel(30, 30), RGB(214, 39, 40))
        XCTAssertEqual(c.pixel(30, 45), .white)
    }

    func testImageBlitIsSharpAndExact() throws {
        var img = RGBImage(width: 2, height: 2)
        img.set(0, 0, RGB(10, 20, 30))
        img.set(1, 1, RGB(200, 100, 50))
        let c = try Canvas(width: 10, height: 10, background: .black)
        try c.image(img, x: 2, y: 2, w: 6, h: 6)
        XCTAssertEqual(c.pixel(2, 2), RGB(10, 20, 30))
        XCTAssertEqual(c.pixel(4, 4), RGB(10, 20, 30))     // each source pixel is a 3 × 3 square
        XCTAssertEqual(c.pixel(5, 5), RGB(200, 100, 50))
        XCTAssertEqual(c.pixel(5, 2), .white)
        XCTAssertEqual(c.pixel(1, 1), .black)              // outside the rectangle: untouched
        XCTAssertEqual(c.pixel(8, 8), .black)
    }

    func testPNGRoundTripsThroughLibpng() throws {
        let c = try Canvas(width: 7, height: 5, background: RGB(10, 20, 30))
        c.fillRect(x: 3, y: 2, w: 1, h: 1, color: RGB(200, 100, 50))
        let file = try c.png()
        XCTAssertEqual(Array(file.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let d = try PNGFile.decode(file)
        XCTAssertEqual([d.width, d.height], [7, 5])
        XCTAssertEqual(d.bytes, c.rgbBytes())
        XCTAssertEqual(Array(d.bytes[(3 * (2 * 7 + 3))..<(3 * (2 * 7 + 3) + 3)]), [200, 100, 50])
        XCTAssertThrowsError(try PNGFile.decode(Array(file.prefix(30))))
        XCTAssertThrowsError(try PNGFile.decode([1, 2, 3]))
        XCTAssertThrowsError(try PNGFile.encode(rgb: [1, 2, 3], width: 2, height: 2))
    }

    func testHostileCoordinatesAndSizes() throws {
        XCTAssertThrowsError(try Canvas(width: 0, height: 3))
        XCTAssertThrowsError(try Canvas(width: 1_000_000, height: 1_000_000))
        let c = try Canvas(width: 40, height: 30)
        c.line(.nan, 0, 10, 10, color: .black)
        c.polyline([(-1e300, 15), (20, 15), (1e300, .infinity), (.nan, 3)], color: .black, width: 2)
        c.circle(.infinity, 3, radius: 2, fill: .black)
        c.fillRect(x: -1e308, y: 0, w: 1e308, h: 1e308, color: RGB(1, 2, 3))
        c.text("x", x: .nan, y: 0)
        c.text("y", x: 5, y: 5, size: .infinity)
        try c.image(RGBImage(width: 1, height: 1), x: 0, y: 0, w: .nan, h: 3)
        // The clipped far segment still reaches the middle of the canvas.
        XCTAssertNotEqual(c.pixel(10, 15), RGB(1, 2, 3))
        XCTAssertNoThrow(try c.png())
    }

    func testTextIsMeasuredInTheFontsThatDrawIt() throws {
        let a = Canvas.measure("sigmoid", size: 12), b = Canvas.measure("sigmoid sigmoid", size: 12)
        XCTAssertGreaterThan(a.width, 20)
        XCTAssertGreaterThan(b.width, 2 * a.width)
        XCTAssertGreaterThan(a.ascent, 6)
        // A Chinese character is about one em wide; twice the size, twice the width.
        let han = Canvas.measure("神", size: 20).width
        XCTAssertEqual(han, 20, accuracy: 3)
        XCTAssertEqual(Canvas.measure("神经", size: 40).width, 4 * han, accuracy: 4)
        // Anchors: text ending at x leaves everything right of x blank.
        let c = try Canvas(width: 120, height: 40)
        c.text("nns 神经", x: 100, y: 20, size: 14, anchor: .end, baseline: .middle)
        XCTAssertGreaterThan(inked(c, x: 40...100, y: 10...30), 30)
        XCTAssertEqual(inked(c, x: 102...119, y: 0...39), 0)
        XCTAssertTrue(c.charactersWithoutFont.isEmpty, "\(c.charactersWithoutFont)")
    }

    func testBoldTextHasMoreInk() throws {
        func ink(bold: Bool, _ text: String) throws -> Int {
            let c = try Canvas(width: 120, height: 40)
            c.text(text, x: 4, y: 20, size: 16, baseline: .middle, bold: bold)
            return inked(c, x: 0...119, y: 0...39)
        }
        // Latin from a bold face, Chinese emboldened by FreeType (WenQuanYi has no bold face).
        XCTAssertGreaterThan(try ink(bold: true, "sigmoid"), try ink(bold: false, "sigmoid") + 20)
        XCTAssertGreaterThan(try ink(bold: true, "神经"), try ink(bold: false, "神经") + 20)
        XCTAssertGreaterThan(Canvas.measure("sigmoid", size: 16, bold: true).width, Canvas.measure("sigmoid", size: 16).width)
    }

    func testOutlinesAndSegments() throws {
        let c = try Canvas(width: 20, height: 20)
        // An outline along the edges of a rectangle at half pixels covers whole pixels.
        c.strokeRect(x: 2.5, y: 2.5, w: 10, h: 10, color: .black)
        XCTAssertEqual(c.pixel(2, 2), .black)
        XCTAssertEqual(c.pixel(12, 7), .black)
        XCTAssertEqual(c.pixel(7, 7), .white)
        XCTAssertEqual(c.pixel(13, 7), .white)
        c.segments([(15.5, 0, 15.5, 20), (0, 17.5, 20, 17.5), (.nan, 1, 2, 3)], color: RGB(1, 2, 3))
        XCTAssertEqual(c.pixel(15, 5), RGB(1, 2, 3))
        XCTAssertEqual(c.pixel(5, 17), RGB(1, 2, 3))
        XCTAssertEqual(c.pixel(5, 5), .white)
    }

    func testRotatedTextReadsUpwards() throws {
        let c = try Canvas(width: 40, height: 120)
        c.text("loss 损失", x: 8, y: 60, size: 13, anchor: .middle, baseline: .top, angle: -Double.pi / 2)
        // Turned text is tall and narrow, to the right of its anchor.
        XCTAssertGreaterThan(inked(c, x: 8...25, y: 30...90), 40)
        XCTAssertEqual(inked(c, x: 0...6, y: 0...119), 0)
        XCTAssertEqual(inked(c, x: 0...39, y: 0...15), 0)
    }

    func testAtomicWriteReplacesAndLeavesNoTemporary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plotkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.png").path
        try PictureFile.write([1, 2, 3], to: path)
        try PictureFile.write([4, 5], to: path)
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path))), [4, 5])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["a.png"])
        XCTAssertThrowsError(try PictureFile.write([1], to: dir.path + "/missing/dir/x.png")) { e in
            XCTAssertTrue((e as? PlotError)?.message.contains("cannot write") ?? false)
        }
        XCTAssertEqual(try PictureFormat(path: "x.SVG"), .svg)
        XCTAssertThrowsError(try PictureFormat(path: "x.jpg"))
    }
}
