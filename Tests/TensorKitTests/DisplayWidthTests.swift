// Tests of display width: Chinese two columns, combining marks none, padding by columns, and the
// generated tables checked code point by code point against glibc's wcwidth in a UTF-8 locale.
import XCTest
#if canImport(Glibc)
import Glibc
#endif
import TensorKit

final class DisplayWidthTests: XCTestCase {
    func testColumnsOfCommonText() {
        XCTAssertEqual("zorblax".displayWidth, 7)
        XCTAssertEqual("神经网络".displayWidth, 8)
        XCTAssertEqual("权重矩阵 W".displayWidth, 10)
        XCTAssertEqual("θ = 0.5".displayWidth, 7)               // Greek is narrow
        XCTAssertEqual("e\u{301}".displayWidth, 1)               // e + combining acute
        XCTAssertEqual("한국어".displayWidth, 6)                  // Hangul syllables
        XCTAssertEqual("\u{1100}\u{1161}\u{11A8}".displayWidth, 2) // conjoining jamo: one wide syllable
        XCTAssertEqual("ＡＢ".displayWidth, 4)                    // fullwidth forms
        XCTAssertEqual("，。".displayWidth, 4)                    // CJK punctuation
        XCTAssertEqual("ｱｲ".displayWidth, 2)                      // halfwidth katakana
        XCTAssertEqual("\u{200B}".displayWidth, 0)               // zero-width space
        XCTAssertEqual("🙂".displayWidth, 2)
        XCTAssertEqual("𠀀".displayWidth, 2)                      // CJK extension B
        XCTAssertEqual("".displayWidth, 0)
    }

    func testPaddingByColumns() {
        XCTAssertEqual("权重".padded(toWidth: 6), "权重  ")
        XCTAssertEqual("权重".leftPadded(toWidth: 6), "  权重")
        XCTAssertEqual("权重矩阵".padded(toWidth: 4), "权重矩阵")  // never cut
        XCTAssertEqual("ab神经".prefix(fittingWidth: 5), "ab神")
        XCTAssertEqual("神经".prefix(fittingWidth: 3), "神")      // a wide character does not straddle
    }

    #if canImport(Glibc)
    /// glibc's wcwidth under C.UTF-8 (a locale glibc always has) for every code point it knows;
    /// it says -1 for control and unassigned characters, which nns counts 0 and 1.
    func testTablesAgreeWithGlibc() throws {
        // Swift's Glibc module leaves wcwidth out (it is an X/Open extension): look it up.
        typealias WidthFunction = @convention(c) (Int32) -> Int32
        let process = dlopen(nil, RTLD_NOW)
        defer { if let process { dlclose(process) } }
        let symbol = try XCTUnwrap(dlsym(process, "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: WidthFunction.self)
        let utf8 = try XCTUnwrap(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil), "glibc always has C.UTF-8")
        let previous = uselocale(utf8)
        defer {
            uselocale(previous)
            freelocale(utf8)
        }
        var compared = 0
        var differences: [String] = []
        for v in UInt32(0)..<0x110000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let theirs = Int(wcwidth(Int32(bitPattern: v)))
            guard theirs >= 0 else { continue }
            compared += 1
            if theirs != DisplayWidth.of(scalar), differences.count < 20 {
                differences.append(String(format: "U+%04X glibc %d nns %d", v, theirs, DisplayWidth.of(scalar)))
            }
        }
        XCTAssertGreaterThan(compared, 100_000)
        XCTAssertEqual(differences, [], "tables from Unicode \(DisplayWidth.unicodeVersion)")
    }
    #endif
}
