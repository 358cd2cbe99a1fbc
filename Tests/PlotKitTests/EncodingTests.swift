// Tests of the file encoders: checksums against published values, deflate round trips through
// the tests' own inflater, PNG structure and pixels, atomic writes.
import XCTest
import Foundation
@testable import PlotKit

final class EncodingTests: XCTestCase {
    func testChecksumsMatchPublishedValues() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum(Array("IEND".utf8)), 0xAE42_6082)
        XCTAssertEqual(Adler32.checksum(Array("Wikipedia".utf8)), 0x11E6_0398)
        XCTAssertEqual(Adler32.checksum([]), 1)
        // Long input: the modulus must be applied before b overflows.
        let long = [UInt8](repeating: 255, count: 100_000)
        var a: UInt64 = 1, b: UInt64 = 0
        for x in long { a = (a + UInt64(x)) % 65521; b = (b + a) % 65521 }
        XCTAssertEqual(Adler32.checksum(long), UInt32(b << 16 | a))
    }

    func testDeflateRoundTrips() throws {
        var rng: UInt64 = 12345
        func next() -> UInt8 {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: rng >> 33)
        }
        let random = (0..<20_000).map { _ in next() }
        let repetitive = (0..<70_000).map { UInt8(($0 / 7) % 5) }
        let runs = [UInt8](repeating: 9, count: 1000) + [1, 2, 3] + [UInt8](repeating: 9, count: 40_000)
        for data in [[], [42], [1, 2], random, repetitive, runs, random + repetitive] {
            for mode in [Deflate.Mode.stored, .fixedHuffman] {
                let z = Deflate.zlib(data, mode: mode)
                XCTAssertEqual(try zlibDecode(z), data, "mode \(mode), \(data.count) bytes")
            }
        }
        // Matches actually happen: a run compresses to a tiny fraction.
        XCTAssertLessThan(Deflate.zlib(runs).count, 600)
        XCTAssertGreaterThan(Deflate.zlib(runs, mode: .stored).count, runs.count)
    }

    func testPNGStructureAndPixels() throws {
        var img = try Raster(width: 7, height: 5, background: RGB(10, 20, 30))
        img.set(3, 2, RGB(200, 100, 50))
        img.set(-1, 99, .white)   // outside: ignored
        let file = try img.png()
        let chunks = try pngChunks(file)
        XCTAssertEqual(chunks.map(\.0), ["IHDR", "IDAT", "IEND"])
        XCTAssertEqual(chunks[0].1, [0, 0, 0, 7, 0, 0, 0, 5, 8, 2, 0, 0, 0])
        let decoded = try decodePNG(file)
        XCTAssertEqual(decoded.width, 7)
        XCTAssertEqual(decoded.height, 5)
        XCTAssertEqual(decoded.pixels, img.bytes)
        XCTAssertEqual(Array(decoded.pixels[(3 * (2 * 7 + 3))..<(3 * (2 * 7 + 3) + 3)]), [200, 100, 50])
    }

    func testPNGRefusesBadSizes() {
        XCTAssertThrowsError(try PNG.encode(width: 0, height: 3, colorType: .grey, pixels: []))
        XCTAssertThrowsError(try PNG.encode(width: 2, height: 2, colorType: .grey, pixels: [1, 2, 3]))
        XCTAssertThrowsError(try Raster(width: 1_000_000, height: 1_000_000))
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
