// Fuzzed safetensors files — every truncation, bit flips, overwritten bytes, crafted headers with
// lying lengths, shapes and offsets, random bytes — more than 10,000 inputs, each ending in a
// TensorError or in a file whose tensors are consistent, never in a crash.
import XCTest
import Foundation
@testable import TensorKit

final class SafeTensorsFuzzTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so a failure replays.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    var inputs = 0
    var accepted = 0

    /// Decodes `bytes`: it must throw a TensorError or give tensors that agree with their shapes.
    func check(_ bytes: [UInt8], _ what: @autoclosure () -> String) {
        inputs += 1
        do {
            let contents = try SafeTensors.decode(bytes, name: "fuzz.safetensors")
            accepted += 1
            for t in contents.tensors {
                XCTAssertEqual(t.tensor.count, t.tensor.shape.reduce(1, *), what())
            }
        } catch is TensorError {
        } catch {
            XCTFail("\(what()): not a TensorError: \(error)")
        }
    }

    /// A valid file with metadata, F64 and F32 tensors, an empty one and a scalar.
    func seedFile() throws -> [UInt8] {
        var data: [UInt8] = []
        for x in [1.0, 2, 3, 4, 5, 6, 0.5, -0.5, 0, 9] { withUnsafeBytes(of: x.bitPattern.littleEndian) { data += $0 } }
        for x: Float in [0.25, -8] { withUnsafeBytes(of: x.bitPattern.littleEndian) { data += $0 } }
        let header = #"{"__metadata__":{"nns.kind":"network","nns.layers.0.act":"tanh"},"# +
            #""layers.0.weight":{"dtype":"F64","shape":[3,2],"data_offsets":[0,48]},"# +
            #""layers.0.bias":{"dtype":"F64","shape":[3],"data_offsets":[48,72]},"# +
            #""empty":{"dtype":"F64","shape":[2,0],"data_offsets":[72,72]},"# +
            #""s":{"dtype":"F64","shape":[],"data_offsets":[72,80]},"# +
            #""f":{"dtype":"F32","shape":[2],"data_offsets":[80,88]}}"#
        let bytes = safetensorsFile(header, data: data)
        XCTAssertEqual(try SafeTensors.decode(bytes, name: "seed").tensors.count, 5)
        return bytes
    }

    func testFuzzedFilesEndInErrorsNeverCrashes() throws {
        let seed = try seedFile()
        let headerEnd = 8 + Int(seed[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        var rng = SplitMix(state: 14)

        // Every truncation.
        for n in 0..<seed.count { check(Array(seed[0..<n]), "truncated to \(n)") }
        // Bit flips: one to eight bits anywhere, mostly in the header.
        for k in 0..<5000 {
            var b = seed
            for _ in 0...rng.below(8) {
                let i = k % 4 == 0 ? rng.below(b.count) : rng.below(headerEnd)
                b[i] ^= UInt8(1 << rng.below(8))
            }
            check(b, "bit flips #\(k)")
        }
        // Bytes overwritten with JSON's own characters (the likeliest to make new structure).
        let punctuation = Array(#"{}[]:,"\-0123456789eE.tfn "#.utf8) + [0x00, 0x7F, 0xC3, 0xFF]
        for k in 0..<2000 {
            var b = seed
            for _ in 0...rng.below(4) { b[8 + rng.below(headerEnd - 8)] = punctuation[rng.below(punctuation.count)] }
            check(b, "overwritten #\(k)")
        }
        // Crafted headers: lying header lengths, dtypes, shapes and offsets around the data.
        let dtypes = ["F64", "F32", "F16", "I64", "", "f64", "F64\u{0}"]
        let numbers = ["0", "1", "2", "8", "16", "24", "-1", "1e3", "2.0", "18446744073709551616", "9223372036854775807", "4294967296", "07"]
        for k in 0..<3000 {
            var entries: [String] = []
            for t in 0..<(1 + rng.below(4)) {
                let shape = (0..<rng.below(4)).map { _ in numbers[rng.below(numbers.count)] }.joined(separator: ",")
                let begin = numbers[rng.below(numbers.count)], end = numbers[rng.below(numbers.count)]
                let name = rng.below(5) == 0 ? "a" : "t\(t)"   // sometimes duplicate keys
                entries.append(#""\#(name)":{"dtype":"\#(dtypes[rng.below(dtypes.count)])","shape":[\#(shape)],"data_offsets":[\#(begin),\#(end)]}"#)
            }
            if rng.below(3) == 0 { entries.append(#""__metadata__":{"k":"v"}"#) }
            let header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
            let data = [UInt8](repeating: UInt8(truncatingIfNeeded: k), count: rng.below(40))
            var length = UInt64(header.count)
            switch rng.below(6) {
            case 0: length = rng.next()
            case 1: length = UInt64(rng.below(header.count + data.count + 16))
            case 2: length = UInt64(SafeTensorsHeader.maxLength) + UInt64(rng.below(3))
            default: break
            }
            var file: [UInt8] = []
            withUnsafeBytes(of: length.littleEndian) { file += $0 }
            check(file + header + data, "crafted #\(k)")
        }
        // Random bytes, with and without a plausible length prefix.
        for k in 0..<1000 {
            var junk = (0..<rng.below(200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if k % 2 == 0, junk.count >= 9 {
                let n = UInt64(junk.count - 8 - rng.below(junk.count - 8))
                withUnsafeBytes(of: n.littleEndian) { for i in 0..<8 { junk[i] = $0[i] } }
                junk[8] = UInt8(ascii: "{")
            }
            check(junk, "random #\(k)")
        }
        XCTAssertGreaterThanOrEqual(inputs, 10_000)
        XCTAssertGreaterThan(accepted, 0, "some mutations stay valid (flipped data bits)")
        XCTAssertLessThan(accepted, inputs / 2, "most are refused")
    }

    func testTheFileReaderAgreesWithTheByteDecoder() throws {
        let seed = try seedFile()
        let path = NSTemporaryDirectory() + "nns-st-fuzz-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rng = SplitMix(state: 3)
        for k in 0..<300 {
            var b = k < 100 ? Array(seed[0..<rng.below(seed.count)]) : seed
            if k >= 100 { b[rng.below(b.count)] ^= UInt8(1 << rng.below(8)) }
            try Data(b).write(to: URL(fileURLWithPath: path))
            let fromBytes = Result { try SafeTensors.decode(b, name: path) }
            let fromFile = Result { try SafeTensors.read(path) }
            switch (fromBytes, fromFile) {
            case (.success(let x), .success(let y)):
                XCTAssertEqual(x.tensors.map(\.name), y.tensors.map(\.name))
                XCTAssertEqual(x.tensors.map { $0.tensor.storage.map(\.bitPattern) }, y.tensors.map { $0.tensor.storage.map(\.bitPattern) })
            case (.failure(let x), .failure(let y)):
                XCTAssertEqual((x as? TensorError)?.message, (y as? TensorError)?.message)
            default:
                XCTFail("#\(k): the decoder and the reader disagree")
            }
        }
    }
}
