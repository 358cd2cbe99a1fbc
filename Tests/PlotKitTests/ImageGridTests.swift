// Tests of image grids: cutting rows into images, grey-level normalisation, wrapping into blocks,
// the text rendering (golden) and the PNG pixels, and the errors for wrong or huge shapes.
import XCTest
import TensorKit
@testable import PlotKit

final class ImageGridTests: XCTestCase {
    let two = Tensor(shape: [2, 4], storage: [0, 0.5, 1, 0.25, 1, 0.75, 0, 0.1])

    func testRampGolden() throws {
        let grid = try ImageGrid([two], height: 2, width: 2, scale: .unit)
        XCTAssertEqual(grid.renderText(columns: 2, color: false), ["  ++ @@##", "@@::   .."])
        // One column: the second image goes under the first, after a blank line.
        XCTAssertEqual(grid.renderText(columns: 1, color: false), ["  ++", "@@::", "", "@@##", "  .."])
    }

    func testHalfBlocksCarryBothPixels() throws {
        let grid = try ImageGrid([two], height: 2, width: 2, scale: .unit)
        let lines = grid.renderText(columns: 2, color: true)
        XCTAssertEqual(lines.count, 1)
        // Top-left pixel 0 (black) over bottom-left 1 (white).
        XCTAssertTrue(lines[0].hasPrefix(RGB.black.foregroundEscape + RGB.white.backgroundEscape + "▀"))
        XCTAssertEqual(lines[0].filter { $0 == "▀" }.count, 4)
    }

    func testBandsStackAndWrap() throws {
        let a = Tensor(shape: [3, 1], storage: [0, 0, 0]), b = Tensor(shape: [3, 1], storage: [1, 1, 1])
        let grid = try ImageGrid([a, b], height: 1, width: 1, scale: .unit)
        let blocks = grid.blocks(columns: 2)
        XCTAssertEqual(blocks.map { $0.map(\.count) }, [[2, 2], [1, 1]])
        XCTAssertEqual(grid.renderText(columns: 2, color: false), ["", "", "@@ @@", "", "", "", "@@"])
    }

    func testNormalisation() throws {
        let w = Tensor(shape: [2, 2], storage: [-2, 2, 5, 5])
        let each = try ImageGrid([w], height: 1, width: 2, scale: .eachImage)
        XCTAssertEqual(each.bands[0][0].pixels, [0, 1])
        XCTAssertEqual(each.bands[0][1].pixels, [0.5, 0.5])   // constant image: mid grey
        let all = try ImageGrid([w], height: 1, width: 2, scale: .allImages)
        XCTAssertEqual(all.bands[0][1].pixels, [1, 1])
        XCTAssertEqual(all.bands[0][0].pixels[0], 0)
        let extreme = Tensor(shape: [1, 3], storage: [1e308, -1e308, 0])
        XCTAssertEqual(try ImageGrid([extreme], height: 1, width: 3, scale: .allImages).bands[0][0].pixels, [1, 0, 0.5])
        let odd = Tensor(shape: [1, 3], storage: [.nan, .infinity, -3])
        XCTAssertEqual(try ImageGrid([odd], height: 1, width: 3, scale: .unit).bands[0][0].pixels, [0, 1, 0])
    }

    func testDownsamplingAveragesBlocks() throws {
        let img = Tensor(shape: [1, 9], storage: [0, 1, 1, 0, 1, 1, 1, 1, 1])
        let grid = try ImageGrid([img], height: 3, width: 3, scale: .unit).downsampled(by: 2)
        XCTAssertEqual([grid.width, grid.height], [2, 2])
        XCTAssertEqual(grid.bands[0][0].pixels, [0.5, 1, 1, 1])
    }

    func testShapeErrors() {
        XCTAssertThrowsError(try ImageGrid([Tensor(shape: [2, 5], storage: Array(repeating: 0, count: 10))],
                                           height: 2, width: 2, scale: .unit)) { e in
            XCTAssertEqual((e as? PlotError)?.message,
                           "show: the tensor of shape [2, 5] has 10 values, not a whole number of 2×2 images (4 values each)")
        }
        XCTAssertThrowsError(try ImageGrid([two], height: 1_000_000_000, width: 1_000_000_000, scale: .unit)) { e in
            XCTAssertTrue((e as? PlotError)?.message.contains("too large") ?? false)
        }
        XCTAssertThrowsError(try ImageGrid([Tensor(shape: [0], storage: [])], height: 1, width: 1, scale: .unit))
        XCTAssertThrowsError(try ImageGrid([Tensor(shape: [5000], storage: Array(repeating: 0, count: 5000))],
                                           height: 1, width: 1, scale: .unit)) { e in
            XCTAssertTrue((e as? PlotError)?.message.contains("too many") ?? false)
        }
        XCTAssertThrowsError(try ImageGrid([two], height: 0, width: 4, scale: .unit))
    }

    func testPNGPixels() throws {
        let grid = try ImageGrid([two], height: 2, width: 2, scale: .unit)
        let file = try grid.png(columns: 2, scale: 3)
        let d = try PNGFile.decode(file)
        // 1-px border and gap: 1 + 2 × (6 + 1) wide, 1 + (6 + 1) high.
        XCTAssertEqual([d.width, d.height], [15, 8])
        func at(_ x: Int, _ y: Int) -> UInt8 {
            let i = 3 * (y * d.width + x)
            // Grey pixels: the three channels agree.
            XCTAssertEqual(d.bytes[i], d.bytes[i + 1])
            XCTAssertEqual(d.bytes[i], d.bytes[i + 2])
            return d.bytes[i]
        }
        XCTAssertEqual(at(0, 0), ImageGrid.gapGrey)
        XCTAssertEqual(at(1, 1), 0)        // image 0, pixel (0, 0) = 0
        XCTAssertEqual(at(4, 1), 128)      // pixel (1, 0) = 0.5
        XCTAssertEqual(at(6, 6), 64)       // pixel (1, 1) = 0.25
        XCTAssertEqual(at(3, 3), 0)        // pixel (0, 0) covers 3 × 3 output pixels, sharp
        XCTAssertEqual(at(4, 4), 64)
        XCTAssertEqual(at(7, 3), ImageGrid.gapGrey)
        XCTAssertEqual(at(8, 1), 255)      // image 1, pixel (0, 0) = 1
        XCTAssertThrowsError(try ImageGrid([Tensor(shape: [1, 4_000_000], storage: Array(repeating: 0, count: 4_000_000))],
                                           height: 2000, width: 2000, scale: .unit).png(columns: 1, scale: 64))
    }
}
