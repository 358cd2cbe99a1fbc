// The safetensors container: bit-exact round trips (F64, F32 widened exactly), the writer's layout,
// and the wording of every check a hostile file meets, each naming the file and the key.
import XCTest
import Foundation
@testable import TensorKit

/// A safetensors file from a header text and data bytes, with the length prefix filled in.
func safetensorsFile(_ header: String, data: [UInt8] = [], length: UInt64? = nil) -> [UInt8] {
    let h = Array(header.utf8)
    var out: [UInt8] = []
    withUnsafeBytes(of: (length ?? UInt64(h.count)).littleEndian) { out += $0 }
    return out + h + data
}

final class SafeTensorsTests: XCTestCase {
    let file = "t.safetensors"

    func sampleTensors() throws -> [(name: String, tensor: Tensor)] {
        [("layers.0.weight", try Tensor(shape: [2, 3], elements: [0.1 + 0.2, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.infinity, 1 / 3])),
         ("layers.0.bias", Tensor([Double(bitPattern: 0x7FF8_0000_0000_1234), 7])),   // a NaN with a payload
         ("scalar", Tensor(scalar: 42)),
         ("empty", try Tensor(shape: [0, 4], elements: [])),
         ("ünïcode \"name\"\n", Tensor([1, 2, 3]))]
    }

    func testRoundTripIsBitExactThroughBytesAndFiles() throws {
        let tensors = try sampleTensors()
        let metadata = [(key: "nns.kind", value: "network"), (key: "note", value: "tab\there, quote \" and ✓")]
        let bytes = try SafeTensors.encode(tensors, metadata: metadata)
        let path = NSTemporaryDirectory() + "nns-st-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafeTensors.write(tensors, metadata: metadata, to: path)
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path))), bytes)
        for back in [try SafeTensors.decode(bytes, name: file), try SafeTensors.read(path)] {
            XCTAssertEqual(back.tensors.map(\.name), tensors.map(\.name))
            XCTAssertEqual(back.metadata.map(\.key), metadata.map(\.key))
            XCTAssertEqual(back.metadata.map(\.value), metadata.map(\.value))
            for (got, want) in zip(back.tensors, tensors) {
                XCTAssertEqual(got.dtype, .f64)
                XCTAssertEqual(got.tensor.shape, want.tensor.shape)
                XCTAssertEqual(got.tensor.storage.map(\.bitPattern), want.tensor.storage.map(\.bitPattern), got.name)
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.contains(".tmp-") && $0.contains((path as NSString).lastPathComponent) }
        XCTAssertEqual(leftovers, [])
    }

    func testLayoutMatchesTheFormat() throws {
        let bytes = try SafeTensors.encode([("a", Tensor([1, 2])), ("b", Tensor([3]))], metadata: [("k", "v")])
        let n = Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        XCTAssertEqual(n % 8, 0, "the data starts 8-byte aligned")
        let header = String(decoding: bytes[8..<(8 + n)], as: UTF8.self)
        XCTAssertEqual(header.trimmingCharacters(in: .whitespaces),
                       #"{"__metadata__":{"k":"v"},"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"b":{"dtype":"F64","shape":[1],"data_offsets":[16,24]}}"#)
        XCTAssertEqual(bytes.count, 8 + n + 24)
        XCTAssertEqual(Array(bytes[(8 + n)..<(8 + n + 8)]), Array(withUnsafeBytes(of: (1.0).bitPattern.littleEndian) { Array($0) }))
    }

    func testF32IsWrittenAndWidenedExactly() throws {
        let values: [Double] = [0.1, -2.5, 1e-40, 3.4028234663852886e38, .infinity, 16_777_217]
        let bytes = try SafeTensors.encode([("w", Tensor(values))], dtype: .f32)
        let back = try SafeTensors.decode(bytes, name: file)
        XCTAssertEqual(back.tensors[0].dtype, .f32)
        XCTAssertEqual(back.tensors[0].tensor.storage, values.map { Double(Float($0)) })
        // A header written by hand with F32 data (what safetensors.torch writes).
        let floats: [Float] = [0.1, -3, .pi]
        var data: [UInt8] = []
        for f in floats { withUnsafeBytes(of: f.bitPattern.littleEndian) { data += $0 } }
        let torchFile = safetensorsFile(#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}"#, data: data)
        XCTAssertEqual(try SafeTensors.decode(torchFile, name: file).tensors[0].tensor.storage, floats.map(Double.init))
    }

    func testWriterRefusesWhatTheFormatCannotHold() throws {
        XCTAssertThrowsError(try SafeTensors.encode([("a", Tensor([1])), ("a", Tensor([2]))], file: "w.safetensors")) {
            XCTAssertEqual(($0 as? TensorError)?.message, "save: cannot write 'w.safetensors' as safetensors (two tensors are called 'a')")
        }
        XCTAssertThrowsError(try SafeTensors.encode([("__metadata__", Tensor([1]))], file: "w.safetensors")) {
            XCTAssertEqual(($0 as? TensorError)?.message, "save: cannot write 'w.safetensors' as safetensors ('__metadata__' cannot name a tensor)")
        }
        XCTAssertThrowsError(try SafeTensors.encode([], metadata: [("k", "1"), ("k", "2")], file: "w.safetensors")) {
            XCTAssertEqual(($0 as? TensorError)?.message, "save: cannot write 'w.safetensors' as safetensors (the metadata key 'k' is given twice)")
        }
    }

    func testValidFilesFromOtherWriters() throws {
        // Unknown fields skipped, keys in any order, escapes, white space, data in another order
        // than the header's, zero-size tensors sharing an offset.
        var data: [UInt8] = []
        for x in [5.0, 6.0] { withUnsafeBytes(of: x.bitPattern.littleEndian) { data += $0 } }
        let header = #" { "b" : {"shape":[1], "data_offsets":[8,16], "dtype":"F64", "extra": {"x":[1, 2.5e3, null, true]}},"# +
            #" "\u0061" : {"dtype":"F64","shape":[1],"data_offsets":[0,8]}, "z": {"dtype":"F64","shape":[0],"data_offsets":[8,8]},"# +
            #" "__metadata__": {"format": "pt", "\ud83d\ude00": "\/"} }   "#
        let back = try SafeTensors.decode(safetensorsFile(header, data: data), name: file)
        XCTAssertEqual(back.tensors.map(\.name), ["a", "z", "b"])
        XCTAssertEqual(back.tensor("a")?.storage, [5])
        XCTAssertEqual(back.tensor("b")?.storage, [6])
        XCTAssertEqual(back.metadata("😀"), "/")
        XCTAssertEqual(back.metadata("format"), "pt")
        // Empty: no tensors at all.
        XCTAssertEqual(try SafeTensors.decode(safetensorsFile("{}"), name: file).tensors.count, 0)
    }

    /// Each hostile file and the message it must give.
    static let hostile: [(String, [UInt8], String)] = {
        let entry = #"{"dtype":"F64","shape":[2],"data_offsets":[0,16]}"#
        let sixteen = [UInt8](repeating: 0, count: 16)
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let bad = "load: 't.safetensors' is not a valid safetensors file ("
        return [
            ("shorter than 8 bytes", [1, 2, 3], bad + "it is 3 bytes long, shorter than the 8-byte header length that starts every safetensors file)"),
            ("header over 100 MB", safetensorsFile("{}", length: 100_000_001), bad + "the header length 100000001 is over the 100 MB limit)"),
            ("header length 2⁶⁴ − 1", safetensorsFile("{}", length: .max), bad + "the header length 18446744073709551615 is over the 100 MB limit)"),
            ("header past the end", safetensorsFile("{}", length: 50), bad + "the header length 50 runs past the end of the file (10 bytes))"),
            ("not UTF-8", safetensorsFile("{\"a\u{7F}\":1}").enumerated().map { $0.offset == 11 ? 0xFF : $0.element }, bad + "the header is not UTF-8 text (bad byte at header offset 3))"),
            ("overlong UTF-8", safetensorsFile("{\"ab\":1}").enumerated().map { $0.offset == 10 ? 0xC0 : $0.offset == 11 ? 0xAF : $0.element }, bad + "the header is not UTF-8 text (bad byte at header offset 2))"),
            ("not an object", safetensorsFile("[1]"), bad + "the header is not valid JSON: expected '{' at the start of the header at header offset 0)"),
            ("empty header", safetensorsFile(""), bad + "the header is not valid JSON: expected '{' at the start of the header at header offset 0)"),
            ("missing colon", safetensorsFile(#"{"a" 1}"#), bad + "the header is not valid JSON: expected ':' after a member name at header offset 5)"),
            ("unclosed object", safetensorsFile(#"{"a":"#), bad + "the header is not valid JSON: the JSON text ends too early at header offset 5)"),
            ("trailing comma", safetensorsFile(#"{"a":\#(entry),}"#, data: sixteen), bad + "the header is not valid JSON: expected a member name in quotes at header offset 55)"),
            ("text after the object", safetensorsFile("{} x"), bad + "the header is not valid JSON: unexpected text after the JSON value at header offset 3)"),
            ("control character", safetensorsFile("{\"a\tb\":1}"), bad + "the header is not valid JSON: a control character inside a string must be escaped at header offset 3)"),
            ("bad escape", safetensorsFile(#"{"a\q":1}"#), bad + "the header is not valid JSON: unknown escape '\\q' in a string at header offset 5)"),
            ("lone surrogate", safetensorsFile(#"{"\ud800":1}"#), bad + "the header is not valid JSON: a lone surrogate in a \\u escape at header offset 8)"),
            ("leading zero", safetensorsFile(#"{"a":{"dtype":"F64","shape":[02],"data_offsets":[0,16]}}"#), bad + "tensor 'a': 'shape' must be a list of whole numbers ≥ 0 (a number may not start with 0 at header offset 31))"),
            ("duplicate key", safetensorsFile(#"{"a":\#(entry),"a":\#(entry)}"#, data: sixteen), bad + "the key 'a' appears twice in the header)"),
            ("duplicate field", safetensorsFile(#"{"a":{"dtype":"F64","dtype":"F32","shape":[2],"data_offsets":[0,16]}}"#, data: sixteen), bad + "the key 'dtype' appears twice in the entry of 'a')"),
            ("duplicate metadata", safetensorsFile(#"{"__metadata__":{"k":"1","k":"2"}}"#), bad + "the key 'k' appears twice in '__metadata__')"),
            ("metadata not strings", safetensorsFile(#"{"__metadata__":{"k":1}}"#), bad + "'__metadata__' must map names to strings (the value of 'k' is not a string))"),
            ("metadata not an object", safetensorsFile(#"{"__metadata__":"x"}"#), bad + "'__metadata__' must map names to strings (it is not an object))"),
            ("entry not an object", safetensorsFile(#"{"a":5}"#), bad + "the entry of 'a' is not an object with dtype, shape and data_offsets)"),
            ("no dtype", safetensorsFile(#"{"a":{"shape":[2],"data_offsets":[0,16]}}"#, data: sixteen), bad + "tensor 'a' has no 'dtype')"),
            ("no shape", safetensorsFile(#"{"a":{"dtype":"F64","data_offsets":[0,16]}}"#, data: sixteen), bad + "tensor 'a' has no 'shape')"),
            ("no offsets", safetensorsFile(#"{"a":{"dtype":"F64","shape":[2]}}"#, data: sixteen), bad + "tensor 'a' has no 'data_offsets')"),
            ("dtype not a string", safetensorsFile(#"{"a":{"dtype":8,"shape":[2],"data_offsets":[0,16]}}"#, data: sixteen), bad + "tensor 'a': 'dtype' must be a string such as \"F64\")"),
            ("unknown dtype", safetensorsFile(#"{"a":{"dtype":"Q7","shape":[2],"data_offsets":[0,16]}}"#, data: sixteen), bad + "tensor 'a' has an unknown dtype 'Q7')"),
            ("dtype nns does not read", safetensorsFile(#"{"w":{"dtype":"BF16","shape":[8],"data_offsets":[0,16]}}"#, data: sixteen),
             "load: 't.safetensors': tensor 'w' has dtype 'BF16', which nns does not read (it reads F32 and F64; in PyTorch convert with .float() or .double() before saving)"),
            ("negative dimension", safetensorsFile(#"{"a":{"dtype":"F64","shape":[-2],"data_offsets":[0,16]}}"#, data: sixteen), bad + "tensor 'a': 'shape' must be a list of whole numbers ≥ 0 (expected a whole number ≥ 0 at header offset 29))"),
            ("fractional dimension", safetensorsFile(#"{"a":{"dtype":"F64","shape":[2.0],"data_offsets":[0,16]}}"#, data: sixteen), bad + "tensor 'a': 'shape' must be a list of whole numbers ≥ 0 (expected a whole number ≥ 0 at header offset 29))"),
            ("dimension past 2⁶³", safetensorsFile(#"{"a":{"dtype":"F64","shape":[9223372036854775808],"data_offsets":[0,16]}}"#, data: sixteen), bad + "tensor 'a': 'shape' must be a list of whole numbers ≥ 0 (a number too large at header offset 29))"),
            ("too many dimensions", safetensorsFile(#"{"a":{"dtype":"F64","shape":[\#(Array(repeating: "1", count: 65).joined(separator: ","))],"data_offsets":[0,8]}}"#), bad + "tensor 'a': 'shape' must be a list of whole numbers ≥ 0 (more than 64 entries in a list at header offset 157))"),
            ("three offsets", safetensorsFile(#"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,8,16]}}"#, data: sixteen), bad + "tensor 'a': 'data_offsets' must be [begin, end] with 0 ≤ begin ≤ end (more than 2 entries in a list at header offset 52))"),
            ("one offset", safetensorsFile(#"{"a":{"dtype":"F64","shape":[0],"data_offsets":[0]}}"#), bad + "tensor 'a': 'data_offsets' must be [begin, end] with 0 ≤ begin ≤ end (it has 1 numbers))"),
            ("begin after end", safetensorsFile(#"{"a":{"dtype":"F64","shape":[2],"data_offsets":[16,0]}}"#, data: sixteen), bad + "tensor 'a': 'data_offsets' must be [begin, end] with 0 ≤ begin ≤ end (16 > 0))"),
            ("bytes disagree with shape", safetensorsFile(#"{"a":{"dtype":"F64","shape":[2,3],"data_offsets":[0,40]}}"#, data: [UInt8](repeating: 0, count: 40)), bad + "tensor 'a': shape [2, 3] of F64 needs 48 bytes, but its data_offsets hold 40)"),
            ("shape product overflows", safetensorsFile(#"{"a":{"dtype":"F64","shape":[4294967296,4294967296,2],"data_offsets":[0,16]}}"#, data: sixteen), bad + "tensor 'a': shape [4294967296, 4294967296, 2] of F64 needs more than 2⁶³ bytes, but its data_offsets hold 16)"),
            ("overlap", safetensorsFile(#"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"b":{"dtype":"F64","shape":[2],"data_offsets":[8,24]}}"#, data: [UInt8](repeating: 0, count: 24)), bad + "the data of tensors 'a' and 'b' overlap)"),
            ("same bytes twice", safetensorsFile(#"{"a":\#(entry),"b":\#(entry)}"#, data: sixteen), bad + "the data of tensors 'a' and 'b' overlap)"),
            ("a hole", safetensorsFile(#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[16,24]}}"#, data: [UInt8](repeating: 0, count: 24)), bad + "bytes 8..<16 of the data, before tensor 'b', belong to no tensor)"),
            ("first tensor not at 0", safetensorsFile(#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}"#, data: sixteen), bad + "bytes 0..<8 of the data, before tensor 'a', belong to no tensor)"),
            ("truncated data", safetensorsFile(#"{"a":\#(entry)}"#, data: [UInt8](repeating: 0, count: 12)), bad + "tensor 'a' ends at byte 16 of the data, but the file holds only 12 bytes of data (it is truncated or its header is wrong))"),
            ("offsets far past the file", safetensorsFile(#"{"a":{"dtype":"F64","shape":[1000000000000],"data_offsets":[0,8000000000000]}}"#), bad + "tensor 'a' ends at byte 8000000000000 of the data, but the file holds only 0 bytes of data (it is truncated or its header is wrong))"),
            ("bytes after the data", safetensorsFile(#"{"a":\#(entry)}"#, data: [UInt8](repeating: 0, count: 20)), bad + "4 bytes after the last tensor's data belong to no tensor)"),
            ("nested too deep", safetensorsFile(#"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16],"x":\#(deep)}}"#, data: sixteen), bad + "the header is not valid JSON: JSON nested more than 32 levels deep at header offset 90)"),
            ("hostile key shown safely", safetensorsFile(#"{"\u001b[31m\#(String(repeating: "k", count: 100))":5}"#), bad + "the entry of '\\u{1b}[31m\(String(repeating: "k", count: 75))…' is not an object with dtype, shape and data_offsets)"),
        ]
    }()

    func testEveryHostileFileGivesItsMessage() throws {
        let path = NSTemporaryDirectory() + "nns-st-hostile-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (what, bytes, message) in SafeTensorsTests.hostile {
            XCTAssertThrowsError(try SafeTensors.decode(bytes, name: file), what) {
                XCTAssertEqual(($0 as? TensorError)?.message, message, what)
            }
            // The file reader gives the same message (with the path as the name).
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try SafeTensors.read(path), what) {
                XCTAssertEqual(($0 as? TensorError)?.message,
                               message.replacingOccurrences(of: "'t.safetensors'", with: "'\(path)'"), what)
            }
        }
    }

    func testTensorsPastTheMemoryOrElementLimitAreRefusedBeforeAllocation() throws {
        let huge = SafeTensorsHeader(entries: [.init(name: "w", dtype: .f32, shape: [1 << 31], begin: 0, end: 1 << 33, count: 1 << 31)], metadata: [])
        XCTAssertThrowsError(try SafeTensors.checkMemory(huge, file: file)) {
            XCTAssertEqual(($0 as? TensorError)?.message, "load: 't.safetensors': tensor 'w' of shape [2147483648] is too large (limit 1073741824 elements)")
        }
        setenv("NNS_MEMORY_LIMIT", "1G", 1)
        defer { unsetenv("NNS_MEMORY_LIMIT") }
        let big = SafeTensorsHeader(entries: [.init(name: "a", dtype: .f32, shape: [1 << 28], begin: 0, end: 1 << 30, count: 1 << 28),
                                              .init(name: "b", dtype: .f32, shape: [1 << 28], begin: 1 << 30, end: 1 << 31, count: 1 << 28)],
                                    metadata: [])
        XCTAssertThrowsError(try SafeTensors.checkMemory(big, file: file)) {
            let message = ($0 as? TensorError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("load: 't.safetensors': its tensors need 4 GiB of memory as Float64, and only "), message)
        }
    }
}
