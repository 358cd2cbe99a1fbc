// .npy, CSV and IDX files: NumPy-written files read back exactly, our files byte-identical to
// NumPy's, clear errors for bad input, atomic writes, and fuzzing with random and mutated files.
import XCTest
@testable import TensorKit

final class FileTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nns-tensor-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func fixtureURL(_ name: String, _ ext: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
    }

    func testReadsEveryNumPyType() throws {
        let expected = try XCTUnwrap(loadFixture("npy_expected") as? [String: Any])
        XCTAssertEqual(expected.count, 13)
        for (name, value) in expected {
            let got = try NPY.read(try fixtureURL("npy_\(name)", "npy").path)
            assertBitEqual(got, try fixtureTensor(value), name)
        }
        XCTAssertThrowsError(try NPY.read(try fixtureURL("npy_bad_complex", "npy").path)) { e in
            XCTAssertTrue((e as? TensorError)?.message.contains("'<c16'") == true, "\(e)")
        }
        XCTAssertThrowsError(try NPY.read(folder.appendingPathComponent("missing.npy").path)) { e in
            XCTAssertTrue((e as? TensorError)?.message.contains("cannot open") == true)
        }
    }

    func testWritesTheSameBytesAsNumPy() throws {
        for name in ["f8", "vector", "scalar", "big3d", "empty"] {
            let url = try fixtureURL("npy_\(name)", "npy")
            let numpyBytes = [UInt8](try Data(contentsOf: url))
            let tensor = try NPY.read(url.path)
            XCTAssertEqual(NPY.encode(tensor), numpyBytes, name)
            let out = folder.appendingPathComponent("\(name).npy").path
            try NPY.write(tensor, to: out)
            assertBitEqual(try NPY.read(out), tensor)
        }
        // The write left nothing else in the folder (the temporary file was renamed).
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 5)
        XCTAssertThrowsError(try NPY.write(Tensor([1]), to: folder.appendingPathComponent("no/such/dir.npy").path))
    }

    func testCSVReadWrite() throws {
        let path = folder.appendingPathComponent("a.csv").path
        let x = try Tensor(shape: [2, 3], elements: [0.1, -2, 1e-7, 3, .infinity, 0.6224593312018546])
        try CSV.write(x, to: path)
        assertBitEqual(try CSV.read(path), x)
        try Data("x, y ,label\n1,2,3\r\n4, 5,6\n\n".utf8).write(to: URL(fileURLWithPath: path))
        let (t, header) = try CSV.decode([UInt8]("x, y ,label\n1,2,3\r\n4, 5,6\n\n".utf8), name: "h.csv")
        XCTAssertEqual(header, ["x", "y", "label"])
        XCTAssertEqual(t.shape, [2, 3])
        XCTAssertEqual(try CSV.read(path).storage, [1, 2, 3, 4, 5, 6])
        XCTAssertThrowsError(try CSV.decode([UInt8]("1,2\n3,abc\n".utf8), name: "b.csv")) { e in
            XCTAssertEqual((e as? TensorError)?.message, "load_csv: 'b.csv' line 2, column 2: \"abc\" is not a number")
        }
        XCTAssertThrowsError(try CSV.decode([UInt8]("a,b\n1,2\n3\n".utf8), name: "c.csv")) { e in
            XCTAssertEqual((e as? TensorError)?.message, "load_csv: 'c.csv' line 3 has 1 cell, expected 2 like the first row")
        }
        XCTAssertThrowsError(try CSV.decode([UInt8]("1,2\n0x10,3\n".utf8), name: "d.csv"))
        XCTAssertThrowsError(try CSV.write(try Tensor.zeros([1, 1, 1]), to: path))
        try CSV.write(Tensor([1, 2]), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "1\n2\n")
    }

    func testIDX() throws {
        let t = try IDX.read(try fixtureURL("tiny", "idx").path)
        XCTAssertEqual(t.shape, [2, 3, 2])
        XCTAssertEqual(t.storage, (0..<12).map { Double($0 * 20) })
        let x = try Tensor(shape: [2, 2], elements: [1.5, -2, 0, 7])
        assertBitEqual(try IDX.decode(try IDX.encode(x), name: "x"), x)
        XCTAssertThrowsError(try IDX.decode([0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF], name: "huge")) { e in
            XCTAssertTrue((e as? TensorError)?.message.contains("truncated") == true, "\(e)")
        }
    }

    /// Random bytes and single-byte mutations of valid files: every outcome is a tensor or a
    /// TensorError, never a crash, and a tensor's element count never exceeds what the bytes hold.
    func testReadersSurviveFuzzing() throws {
        let rng = RandomGenerator(seed: 2024)
        let seeds: [(String, [UInt8])] = [
            ("npy", [UInt8](try Data(contentsOf: try fixtureURL("npy_big3d", "npy")))),
            ("npy", [UInt8](try Data(contentsOf: try fixtureURL("npy_i4", "npy")))),
            ("idx", [UInt8](try Data(contentsOf: try fixtureURL("tiny", "idx")))),
            ("csv", [UInt8]("a,b,c\n1,2.5,3\n-4,5e3,nan\n".utf8)),
        ]
        var outcomes = (ok: 0, failed: 0)
        func attempt(_ kind: String, _ bytes: [UInt8]) {
            do {
                let t: Tensor
                switch kind {
                case "npy": t = try NPY.decode(bytes, name: "fuzz")
                case "idx": t = try IDX.decode(bytes, name: "fuzz")
                default: t = try CSV.decode(bytes, name: "fuzz").tensor
                }
                XCTAssertLessThanOrEqual(t.count, bytes.count + 1)
                XCTAssertEqual(t.count, t.shape.reduce(1, *))
                outcomes.ok += 1
            } catch is TensorError {
                outcomes.failed += 1
            } catch {
                XCTFail("unexpected error \(error)")
            }
        }
        for (kind, valid) in seeds {
            for _ in 0..<400 {
                var bytes = valid
                for _ in 0..<(1 + rng.nextInt(below: 4)) {
                    let i = rng.nextInt(below: bytes.count)
                    switch rng.nextInt(below: 3) {
                    case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.nextUInt32())
                    case 1: bytes = Array(bytes[..<i])
                    default: bytes[i] ^= 1 << UInt8(rng.nextInt(below: 8))
                    }
                    if bytes.isEmpty { break }
                }
                attempt(kind, bytes)
            }
            for _ in 0..<200 {
                let n = rng.nextInt(below: 200)
                attempt(kind, (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.nextUInt32()) })
                // Random bytes behind a valid magic reach the header parser.
                attempt(kind, Array(valid.prefix(8)) + (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.nextUInt32()) })
            }
        }
        XCTAssertGreaterThan(outcomes.ok, 0)
        XCTAssertGreaterThan(outcomes.failed, 0)
        // A header that claims a huge shape is refused before allocating.
        var huge = NPY.encode(Tensor([1, 2]))
        let text = String(decoding: huge[10...], as: UTF8.self).replacingOccurrences(of: "(2,)", with: "(99999999999,)")
        huge = Array(huge[..<10]) + Array(text.utf8)
        huge[8] = UInt8(text.utf8.count & 0xFF)
        huge[9] = UInt8(text.utf8.count >> 8)
        XCTAssertThrowsError(try NPY.decode(huge, name: "huge"))
    }

    func testSizeLimitRefusesBeforeAllocating() throws {
        XCTAssertThrowsError(try Tensor.zeros([1_000_000, 1_000_000])) { e in
            XCTAssertTrue((e as? TensorError)?.message.contains("too large") == true)
        }
        XCTAssertThrowsError(try Tensor.zeros([Int.max, 2]))
        XCTAssertThrowsError(try Tensor.zeros([-1]))
        XCTAssertThrowsError(try Tensor.dimension(1e12, "zeros"))
        XCTAssertThrowsError(try Tensor.dimension(.nan, "zeros"))
        XCTAssertThrowsError(try Tensor.dimension(-1, "zeros"))
        XCTAssertThrowsError(try Tensor.dimension(2.5, "zeros"))
        let old = Tensor.elementLimit
        defer { Tensor.elementLimit = old }
        Tensor.elementLimit = 100
        XCTAssertThrowsError(try Tensor.zeros([11, 10]))
        XCTAssertEqual(try Tensor.zeros([10, 10]).count, 100)
        XCTAssertThrowsError(try Tensor.binary(.add, try Tensor.zeros([100, 1]), try Tensor.zeros([1, 2])))
    }
}
