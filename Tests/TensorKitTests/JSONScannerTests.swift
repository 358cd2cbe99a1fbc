// The one JSON reader and writer (TensorKit/JSON): strings with every escape and surrogate pairs,
// numbers as RFC 8259 writes them, the nesting limit, member-by-member walking, quoting, and
// random or mutated bytes that always end in a value or a located error, never a trap.
import XCTest
@testable import TensorKit

final class JSONScannerTests: XCTestCase {
    func read(_ text: String) -> Result<JSONValue, JSONReadError> { JSONValue.read(Array(text.utf8)) }

    func message(_ text: String) -> String? {
        guard case .failure(let e) = read(text) else { return nil }
        return e.message
    }

    func testStringsWithEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try read(#""a\"b\\c\/d\b\f\n\r\t""#).get(), .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        XCTAssertEqual(try read(#""\u00E9\u03b8""#).get(), .string("éθ"))
        // U+1F642 = 0x10000 + (0xD83D − 0xD800)·2¹⁰ + (0xDE42 − 0xDC00)
        XCTAssertEqual(try read(#""\ud83d\ude42 🙂""#).get(), .string("🙂 🙂"))
        XCTAssertEqual(message(#""\ud83d""#), "a lone surrogate in a \\u escape at byte 7")
        XCTAssertEqual(message(#""\ud83d\u0041""#), "a lone surrogate in a \\u escape at byte 13")
        XCTAssertEqual(message(#""\ude42""#), "a lone surrogate in a \\u escape at byte 7")
        XCTAssertEqual(message(#""\u12""#), "the JSON text ends inside a \\u escape at byte 3")
        XCTAssertEqual(message("\"a\u{1}\""), "a control character inside a string must be escaped at byte 2")
    }

    func testNumbers() throws {
        XCTAssertEqual(try read("[0, -0, 12, -3.5, 1e3, 2E-2, 0.25e+1]").get(),
                       .array([.int(0), .number(-0.0), .int(12), .number(-3.5), .number(1000), .number(0.02), .number(2.5)]))
        XCTAssertEqual(message("+1"), "expected a JSON value at byte 0")
        XCTAssertEqual(message("00"), "a number may not start with 0 at byte 2")
        XCTAssertEqual(message(".5"), "expected a JSON value at byte 0")
        XCTAssertEqual(message("1e"), "expected digits in an exponent at byte 2")
        XCTAssertEqual(message("-1e400"), "the number -1e400 is out of range at byte 6")
    }

    func testWholeNumbersForSizes() throws {
        var scan = JSONScanner(Array(" [0, 48 ,9223372036854775807]".utf8), maxDepth: 4)
        XCTAssertEqual(try scan.wholeNumbers(limit: 3), [0, 48, Int.max])
        for (text, what) in [("[1,2,3]", "more than 2 entries in a list"), ("[-1]", "expected a whole number ≥ 0"),
                             ("[1.0]", "expected a whole number ≥ 0"), ("[9223372036854775808]", "a number too large"),
                             ("[\"1\"]", "expected a whole number ≥ 0"), ("1", "expected a list")] {
            var s = JSONScanner(Array(text.utf8), maxDepth: 4)
            XCTAssertThrowsError(try s.wholeNumbers(limit: 2), text) { XCTAssertEqual(($0 as? JSONSyntaxError)?.what, what, text) }
        }
    }

    func testNestingDepthLimit() throws {
        XCTAssertNoThrow(try read(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).get())
        XCTAssertEqual(message(String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)),
                       "JSON nested more than 64 levels deep at byte 320")
        // Skipping counts nesting the same way, without building anything.
        var scan = JSONScanner(Array((String(repeating: "[", count: 3) + String(repeating: "]", count: 3)).utf8), maxDepth: 2)
        XCTAssertThrowsError(try scan.skipValue()) {
            XCTAssertEqual($0 as? JSONSyntaxError, JSONSyntaxError(what: "JSON nested more than 2 levels deep", offset: 2))
        }
    }

    func testMemberByMemberWalk() throws {
        var scan = JSONScanner(Array(#"{"a": [1, {"x": null}], "b": "t", "c": true}"#.utf8), maxDepth: 8)
        try scan.expect(UInt8(ascii: "{"), "an object")
        var first = true, keys: [String] = []
        while let key = try scan.nextKey(first: &first) {
            keys.append(key)
            if key == "b" { XCTAssertEqual(try scan.string(), "t") } else { try scan.skipValue() }
        }
        try scan.expectEnd()
        XCTAssertEqual(keys, ["a", "b", "c"])
    }

    func testQuotingRoundTrips() throws {
        let text = "q\" b\\ nl\n cr\r tab\t nul\u{0} del\u{7F} é 🙂"
        XCTAssertEqual(JSONValue.quoted(text), #""q\" b\\ nl\n cr\r tab\t nul\u0000 del\u007f é 🙂""#)
        XCTAssertEqual(try read(JSONValue.quoted(text)).get(), .string(text))
        XCTAssertEqual(JSONValue.object(["k": .array([.int(1)])]).text(indent: 1), "{\n \"k\": [\n  1\n ]\n}")
    }

    func testUTF8Check() {
        XCTAssertNil(JSONScanner.firstInvalidUTF8(Array("aé🙂".utf8)))
        XCTAssertEqual(JSONScanner.firstInvalidUTF8([0x61, 0xC0, 0xAF]), 1, "overlong")
        XCTAssertEqual(JSONScanner.firstInvalidUTF8([0xED, 0xA0, 0x80]), 0, "a surrogate")
        XCTAssertEqual(JSONScanner.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]), 0, "past U+10FFFF")
        XCTAssertEqual(JSONScanner.firstInvalidUTF8([0x61, 0xE2, 0x82]), 1, "cut short")
    }

    /// Random bytes, and valid documents cut short or with a byte replaced by JSON punctuation,
    /// end in a value or an error whose offset lies inside the input.
    func testHostileInputNeverTraps() {
        var rng = SystemRandomNumberGenerator()
        let seed = Array(#"{"a": [1, -2.5e3, "x\u00e9\ud83d\ude42", {"b": [true, false, null]}], "c": {}}"#.utf8)
        let punctuation = Array(#"{}[]:,"\-0123456789eE.tfnu "#.utf8) + [0x00, 0x7F, 0xC3, 0xED, 0xFF]
        for round in 0..<3000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in punctuation.randomElement(using: &rng) ?? 0 }
            case 1: bytes = Array(seed.prefix(Int.random(in: 0...seed.count, using: &rng)))
            default:
                bytes = seed
                bytes[Int.random(in: 0..<seed.count, using: &rng)] = punctuation.randomElement(using: &rng) ?? 0
            }
            var scan = JSONScanner(bytes, maxDepth: 3)
            do {
                _ = try scan.value()
                try scan.expectEnd()
            } catch {
                XCTAssertTrue((0...bytes.count).contains(error.offset), "\(bytes)")
            }
            _ = JSONValue.read(bytes)
        }
    }
}
