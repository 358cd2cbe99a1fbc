// The random stream against NumPy: default_rng(seed).random() bit for bit, raw outputs,
// integers(0, n), permutation(n), and the documented Box–Muller normals.
import XCTest
@testable import TensorKit

final class RandomGeneratorTests: XCTestCase {
    func cases() throws -> [[String: Any]] {
        try XCTUnwrap(loadFixture("random") as? [[String: Any]])
    }

    func testUniformStreamEqualsNumPyBitForBit() throws {
        for c in try cases() {
            let seed = try XCTUnwrap(UInt64(c["seed"] as? String ?? ""))
            let rng = RandomGenerator(seed: seed)
            let got = (0..<7).map { _ in rng.nextDouble() }
            XCTAssertEqual(got.map(\.bitPattern), doubles(c["random"]).map(\.bitPattern), "seed \(seed)")
            let raw = RandomGenerator(seed: seed)
            let expected = (c["raw"] as? [String] ?? []).compactMap { UInt64($0, radix: 16) }
            XCTAssertEqual((0..<4).map { _ in raw.nextUInt64() }, expected, "seed \(seed)")
            XCTAssertEqual(expected.count, 4)
        }
    }

    func testIntegersPermutationsAndNormals() throws {
        for c in try cases() {
            let seed = try XCTUnwrap(UInt64(c["seed"] as? String ?? ""))
            let rng = RandomGenerator(seed: seed)
            for entry in c["integers"] as? [[String: String]] ?? [] {
                let n = try XCTUnwrap(Int(entry["n"] ?? ""))
                XCTAssertEqual(rng.nextInt(below: n), Int(entry["value"] ?? ""), "seed \(seed) n \(n)")
            }
            XCTAssertEqual(RandomGenerator(seed: seed).permutation(10), c["permutation10"] as? [Int])
            XCTAssertEqual(RandomGenerator(seed: seed).permutation(300), c["permutation300"] as? [Int])
            let g = RandomGenerator(seed: seed)
            let normals = (0..<6).map { _ in g.nextNormal() }
            let expected = c["normal"] as? [Double] ?? []
            XCTAssertEqual(expected.count, 6)
            for (a, b) in zip(normals, expected) { XCTAssertEqual(a, b, accuracy: 1e-13 * max(1, abs(b))) }
        }
    }

    func testReseedRestartsTheStream() {
        let rng = RandomGenerator(seed: 7)
        let first = (0..<5).map { _ in rng.nextDouble() }
        _ = rng.nextUInt32()
        rng.reseed(7)
        XCTAssertEqual((0..<5).map { _ in rng.nextDouble() }, first)
        var buffer = [Double](repeating: 0, count: 5)
        rng.reseed(7)
        buffer.withUnsafeMutableBufferPointer { rng.fillUniform($0) }
        XCTAssertEqual(buffer, first)
    }
}
