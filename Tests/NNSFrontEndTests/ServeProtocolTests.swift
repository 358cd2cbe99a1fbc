// The machine protocol's pure parts: JSON read and written, lines cut from a byte stream, requests
// read from lines (with the wording of each protocol error fixed), and fuzzing: random bytes,
// truncated and mutated messages give a value or an error, never a trap.
import XCTest
@testable import NNSFrontEnd
import TensorKit

final class ServeProtocolTests: XCTestCase {
    func read(_ text: String) -> Result<JSONValue, JSONReadError> { JSONValue.read(Array(text.utf8)) }

    func testJSONRoundTrip() throws {
        let value = JSONValue.object([
            "s": .string("a \"quote\", a \\ backslash, a\nnewline, a tab\t, \u{1} and θ 🙂"),
            "n": .array([.int(0), .int(-12), .number(0.5), .number(1e-7), .number(1e300)]),
            "b": .array([.bool(true), .bool(false), .null]),
            "o": .object(["nested": .object([:]), "empty": .array([])]),
        ])
        let compact = value.text
        XCTAssertFalse(compact.contains("\n"), "one message, one line")
        XCTAssertEqual(try read(compact).get(), value)
        XCTAssertEqual(try read(value.text(indent: 1)).get(), value)
        XCTAssertEqual(JSONValue.int(3).text, "3")
        XCTAssertEqual(JSONValue.number(.infinity).text, "null")
        XCTAssertEqual(JSONValue.string("\u{7F}\u{1B}").text, "\"\\u007f\\u001b\"")
    }

    func testJSONEscapesAndSurrogates() throws {
        XCTAssertEqual(try read(#""\u00e9\u03b8 \ud83d\ude42 \/ \b\f""#).get(), .string("éθ 🙂 / \u{8}\u{C}"))
        XCTAssertEqual(try read(" [ 1 , 2 ] ").get(), .array([.int(1), .int(2)]))
        XCTAssertEqual(try read(#"{"a": 1, "a": 2}"#).get()["a"], .int(2), "the last repeat counts")
    }

    /// Each malformed text and the start of the message nns answers with.
    static let badJSON: [(String, String)] = [
        ("", "the JSON text ends too early at byte 0"),
        ("{", "expected a member name in quotes at byte 1"),
        (#"{"a" 1}"#, "expected ':' after a member name at byte 5"),
        (#"{"a": 1,}"#, "expected a member name in quotes at byte 8"),
        ("[1 2]", "expected ',' or ']' in an array at byte 3"),
        ("01", "a number may not start with 0 at byte 2"),
        ("1.", "expected digits after '.' at byte 2"),
        ("-", "expected digits in a number at byte 1"),
        ("1e999", "the number 1e999 is out of range at byte 5"),
        ("tru", "the JSON text ends too early at byte 0"),
        ("nul!", "expected a JSON value at byte 0"),
        ("\"abc", "the JSON text ends inside a string at byte 4"),
        ("\"a\tb\"", "a control character inside a string must be escaped at byte 2"),
        (#""\x""#, "unknown escape '\\x' in a string at byte 3"),
        (#""\ud800""#, "a lone surrogate in a \\u escape at byte 7"),
        (#""\udc00""#, "a lone surrogate in a \\u escape at byte 7"),
        (#""\u12g4""#, "expected four hex digits after \\u at byte 5"),
        ("1 2", "unexpected text after the JSON value at byte 2"),
    ]

    func testJSONErrorsSayWhere() {
        for (text, message) in Self.badJSON {
            guard case .failure(let e) = read(text) else { XCTFail("\(text) read as JSON"); continue }
            XCTAssertEqual(e.message, message, text)
        }
        guard case .failure(let e) = JSONValue.read([0x22, 0xFF, 0x22]) else { return XCTFail("0xFF read") }
        XCTAssertEqual(e.message, "the string is not UTF-8 text at byte 2")
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .failure(let d) = read(deep) else { return XCTFail("deep nesting read") }
        XCTAssertEqual(d.message, "JSON nested more than 64 levels deep at byte 64")
        XCTAssertNoThrow(try read(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).get())
    }

    func parse(_ text: String) -> Result<ServeRequest, ServeProtocolError> { ServeRequest.parse(Array(text.utf8)) }

    func testRequests() throws {
        XCTAssertEqual(try parse(#"{"type": "execute_request", "id": 3, "code": "1 + 1"}"#).get(),
                       ServeRequest(id: .int(3), kind: .execute(code: "1 + 1", silent: false, cellNumber: nil)))
        XCTAssertEqual(try parse(#"{"type": "execute_request", "id": "a", "code": "", "silent": true, "execution_count": 9}"#).get(),
                       ServeRequest(id: .string("a"), kind: .execute(code: "", silent: true, cellNumber: 9)))
        // cursor_pos counts Unicode scalars; absent means the end of the code.
        XCTAssertEqual(try parse(#"{"type": "complete_request", "code": "θ🙂ab", "cursor_pos": 4}"#).get().kind,
                       .complete(code: "θ🙂ab", cursor: 4))
        XCTAssertEqual(try parse(#"{"type": "inspect_request", "code": "relu"}"#).get().kind, .inspect(code: "relu", cursor: 4))
        XCTAssertEqual(try parse(#"{"type": "is_complete_request", "code": "fn f() {"}"#).get().kind, .isComplete(code: "fn f() {"))
        XCTAssertEqual(try parse(#"{"type": "shutdown_request"}"#).get(), ServeRequest(id: .null, kind: .shutdown))
        XCTAssertEqual(try parse(#"{"type": "interrupt_request", "id": 1}"#).get().kind, .interrupt)
        XCTAssertEqual(try parse(#"{"type": "kernel_info_request", "id": 1, "extra": [1, {"x": null}]}"#).get().kind, .kernelInfo,
                       "fields nns does not know are ignored")
    }

    /// Each bad request and the protocol error nns answers it with.
    static let badRequests: [(String, String, JSONValue)] = [
        ("[]", "a message must be a JSON object", .null),
        (#"{"type": 3, "id": 1}"#, #"a message needs a "type" string"#, .int(1)),
        (#"{"type": "fly", "id": "q"}"#, #"unknown message type "fly" (expected execute_request, complete_request, inspect_request, is_complete_request, kernel_info_request, interrupt_request or shutdown_request)"#, .string("q")),
        (#"{"type": "execute_request", "id": 2}"#, #""code" must be a string"#, .int(2)),
        (#"{"type": "execute_request", "id": 2, "code": "", "silent": 1}"#, #""silent" must be true or false"#, .int(2)),
        (#"{"type": "execute_request", "id": 2, "code": "", "execution_count": 1.5}"#, #""execution_count" must be a whole number ≥ 0"#, .int(2)),
        (#"{"type": "execute_request", "id": 2, "code": "", "execution_count": 1000001}"#, #""execution_count" must be at most 1000000"#, .int(2)),
        (#"{"type": "complete_request", "id": 4, "code": "ab", "cursor_pos": 3}"#, #""cursor_pos" 3 is past the end of the code (2 characters)"#, .int(4)),
        (#"{"type": "complete_request", "id": 4, "code": "ab", "cursor_pos": -1}"#, #""cursor_pos" must be a whole number ≥ 0"#, .int(4)),
        (#"{"type": "execute_request", "id": [1], "code": ""}"#, #""id" must be a string or an integer"#, .null),
        (#"{"type": "execute_request", "id": 0.5, "code": ""}"#, #""id" must be a string or an integer"#, .null),
        ("{\"type\": \"" + String(repeating: "x", count: 100) + "\"}", "unknown message type \"" + String(repeating: "x", count: 40) + "…\" (expected execute_request, complete_request, inspect_request, is_complete_request, kernel_info_request, interrupt_request or shutdown_request)", .null),
        ("nope", "the message is not JSON: expected a JSON value at byte 0", .null),
    ]

    func testProtocolErrorsNameTheProblemAndTheRequest() {
        for (text, message, id) in Self.badRequests {
            guard case .failure(let e) = parse(text) else { XCTFail("\(text) was accepted"); continue }
            XCTAssertEqual(e.message, message, text)
            XCTAssertEqual(e.id, id, text)
        }
    }

    func testLinesFromAStream() {
        var reader = ServeLineReader(limit: 10)
        XCTAssertEqual(reader.push(Array("ab".utf8)), [])
        XCTAssertTrue(reader.hasPartialLine)
        XCTAssertEqual(reader.push(Array("c\r\nd\n\n".utf8)), [.line(Array("abc".utf8)), .line(Array("d".utf8)), .line([])])
        XCTAssertFalse(reader.hasPartialLine)
        // A line past the limit is reported once, its bytes dropped up to its newline.
        XCTAssertEqual(reader.push(Array("0123456789ABCDEF".utf8)), [.tooLong(11)])
        XCTAssertEqual(reader.push(Array("GHIJ\nok\n".utf8)), [.line(Array("ok".utf8))])
    }

    /// Random bytes, every prefix of valid messages, and byte mutations of them: each gives a
    /// request or a protocol error, without a trap (a trap would end the test process).
    func testFuzzRandomTruncatedAndMutatedMessages() {
        var rng = SystemRandomNumberGenerator()
        let valid = [
            #"{"type": "execute_request", "id": 1, "code": "x = [1, 2]\nprint(\"θ\")"}"#,
            #"{"type": "complete_request", "id": "c", "code": "train(net, ep", "cursor_pos": 13}"#,
            #"{"type": "is_complete_request", "id": 2, "code": "fn f(x) {", "x": [1.5e3, true, null, {}]}"#,
        ].map { Array($0.utf8) }
        var failures = 0
        for message in valid {
            for cut in 0..<message.count {
                if case .failure = ServeRequest.parse(Array(message[..<cut])) { failures += 1 }
            }
        }
        XCTAssertEqual(failures, valid.map(\.count).reduce(0, +), "a truncated message was accepted")
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in
                    // Mostly JSON's own characters, so the reader gets deep into its grammar.
                    let alphabet = Array(#"{}[]":,0123456789.eE+-\ truefalsnl"#.utf8)
                    return Bool.random(using: &rng) ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
                }
            } else {
                bytes = valid.randomElement(using: &rng)!
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            _ = ServeRequest.parse(bytes)
            var reader = ServeLineReader(limit: 64)
            _ = reader.push(bytes)
        }
    }
}
