// The toy data sets: equal to the NumPy recipes of their help texts (fixtures written by
// Scripts/fixtures/numpy_toy_data_fixtures.py), shapes and class sizes, reproducible under a
// seed, and the statistics each recipe promises (radii, noise levels, centres).
import XCTest
import Foundation
import TensorKit
@testable import NeuralKit

private struct ToyFixture: Decodable {
    let kind: String
    let args: [String: Double]
    let x: [Double]
    let y: [Double]
    let centers: [Double]?
}

private struct ToyFixtures: Decodable {
    let cases: [ToyFixture]
    static func load() throws -> ToyFixtures {
        guard let url = Bundle.module.url(forResource: "toy_data_fixtures", withExtension: "json", subdirectory: "Fixtures") else {
            throw NeuralError("fixture toy_data_fixtures.json missing")
        }
        return try JSONDecoder().decode(ToyFixtures.self, from: Data(contentsOf: url))
    }
}

final class ToyDataSetTests: XCTestCase {
    private func make(_ kind: String, _ a: [String: Double]) throws -> (DataSet, Tensor?) {
        let rng = RandomGenerator(seed: UInt64(a["seed"] ?? 0))
        let n = Int(a["n"] ?? 300)
        switch kind {
        case "spiral": return (try DataSets.spiral(n: n, classes: Int(a["classes"] ?? 3), noise: a["noise"] ?? 0.2, rng: rng), nil)
        case "circles": return (try DataSets.circles(n: n, noise: a["noise"] ?? 0.1, factor: a["factor"] ?? 0.5, rng: rng), nil)
        case "moons": return (try DataSets.moons(n: n, noise: a["noise"] ?? 0.1, rng: rng), nil)
        default:
            let (d, c) = try DataSets.blobs(n: n, centers: Int(a["centers"] ?? 3), std: a["std"] ?? 1, rng: rng)
            return (d, c)
        }
    }

    func testEqualToTheNumPyRecipes() throws {
        let fx = try ToyFixtures.load()
        XCTAssertEqual(Set(fx.cases.map(\.kind)), ["spiral", "circles", "moons", "blobs"])
        for c in fx.cases {
            let (d, centres) = try make(c.kind, c.args)
            XCTAssertEqual(d.x.shape, [c.y.count, 2], "\(c.kind) \(c.args)")
            XCTAssertEqual(d.y.storage, c.y, "\(c.kind) labels")
            assertClose(d.x, Tensor(shape: [c.y.count, 2], storage: c.x), rel: 0, abs: 1e-12, "\(c.kind) \(c.args) x")
            if let want = c.centers, let got = centres {
                XCTAssertEqual(got.storage, want, "blob centres are uniform draws, equal bit for bit")
            }
        }
    }

    func testShapesOneHotAndClassSizes() throws {
        let d = try DataSets.spiral(n: 301, classes: 3, noise: 0.2, rng: RandomGenerator(seed: 1))
        XCTAssertEqual(d.x.shape, [301, 2])
        XCTAssertEqual(d.y.shape, [301])
        XCTAssertEqual(d.onehot?.shape, [301, 3])
        let counts = (0..<3).map { c in d.y.storage.filter { $0 == Double(c) }.count }
        XCTAssertEqual(counts, [100, 100, 101], "equal classes, the last takes the remainder")
        if let hot = d.onehot {
            for i in 0..<301 {
                let row = Array(hot.storage[(3 * i)..<(3 * i + 3)])
                XCTAssertEqual(row.reduce(0, +), 1)
                XCTAssertEqual(row[Int(d.y.storage[i])], 1)
            }
        }
        XCTAssertEqual(DataSets.classSizes(7, classes: 2), [3, 4])
        let b = try DataSets.blobs(n: 10, centers: 4, std: 1, rng: RandomGenerator(seed: 0)).0
        XCTAssertEqual((0..<4).map { c in b.y.storage.filter { $0 == Double(c) }.count }, [2, 2, 2, 4])
    }

    func testReproducibleUnderASeed() throws {
        for kind in ["spiral", "circles", "moons", "blobs"] {
            let a = try make(kind, ["seed": 42]).0, b = try make(kind, ["seed": 42]).0, c = try make(kind, ["seed": 43]).0
            XCTAssertEqual(a.x, b.x, kind)
            XCTAssertNotEqual(a.x, c.x, kind)
        }
    }

    /// The mean and standard deviation of some numbers.
    private func moments(_ v: [Double]) -> (mean: Double, std: Double) {
        let m = v.reduce(0, +) / Double(v.count)
        let s = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
        return (m, s)
    }

    func testSpiralRadiiAreExactAndAngleNoiseHasTheAskedSpread() throws {
        let n = 30_000, noise = 0.2
        let d = try DataSets.spiral(n: n, classes: 3, noise: noise, rng: RandomGenerator(seed: 5))
        var residuals: [Double] = []
        for (c, m) in DataSets.classSizes(n, classes: 3).enumerated() {
            for i in 0..<m {
                let row = c * (n / 3) + i
                let t = Double(i) / Double(m - 1)
                let px = d.x.storage[2 * row], py = d.x.storage[2 * row + 1]
                XCTAssertEqual((px * px + py * py).squareRoot(), t, accuracy: 1e-12, "r = t")
                guard t > 0.05 else { continue }
                // The angle of (r sin a, r cos a) is atan2(x, y); its residual from 4c + 4t, wrapped.
                var r = atan2(px, py) - (4 * Double(c) + 4 * t)
                r = r - 2 * Double.pi * (r / (2 * Double.pi)).rounded()
                residuals.append(r)
            }
        }
        let (mean, std) = moments(residuals)
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(std, noise, accuracy: 0.01)
    }

    func testCirclesRadiiAndNoise() throws {
        let n = 20_000
        let d = try DataSets.circles(n: n, noise: 0.05, factor: 0.3, rng: RandomGenerator(seed: 6))
        for (c, radius) in [(0, 1.0), (1, 0.3)] {
            let rows = (0..<n).filter { d.y.storage[$0] == Double(c) }
            XCTAssertEqual(rows.count, n / 2)
            let radii = rows.map { hypot(d.x.storage[2 * $0], d.x.storage[2 * $0 + 1]) }
            XCTAssertEqual(moments(radii).mean, radius, accuracy: 0.005, "class \(c) lies on the circle of radius \(radius)")
            // The noise around each point's place on its circle: N(0, 0.05²) per coordinate.
            var dx: [Double] = []
            for (k, row) in rows.enumerated() {
                let angle = 2 * Double.pi * Double(k) / Double(rows.count)
                dx.append(d.x.storage[2 * row] - radius * cos(angle))
                dx.append(d.x.storage[2 * row + 1] - radius * sin(angle))
            }
            let (mean, std) = moments(dx)
            XCTAssertEqual(mean, 0, accuracy: 0.002)
            XCTAssertEqual(std, 0.05, accuracy: 0.002)
        }
    }

    func testMoonsShapeAndNoise() throws {
        let clean = try DataSets.moons(n: 200, noise: 0, rng: RandomGenerator(seed: 0))
        for i in 0..<100 {
            XCTAssertEqual(hypot(clean.x.storage[2 * i], clean.x.storage[2 * i + 1]), 1, accuracy: 1e-12)
            XCTAssertGreaterThanOrEqual(clean.x.storage[2 * i + 1], -1e-12, "the upper half circle")
            let j = 100 + i
            XCTAssertEqual(hypot(clean.x.storage[2 * j] - 1, clean.x.storage[2 * j + 1] - 0.5), 1, accuracy: 1e-12)
            XCTAssertLessThanOrEqual(clean.x.storage[2 * j + 1], 0.5 + 1e-12, "the lower half circle around (1, 0.5)")
        }
        let noisy = try DataSets.moons(n: 200, noise: 0.3, rng: RandomGenerator(seed: 0))
        let diff = zip(noisy.x.storage, clean.x.storage).map { $0 - $1 }
        XCTAssertEqual(moments(diff).std, 0.3, accuracy: 0.03)
    }

    func testBlobsGatherAroundTheirCentres() throws {
        let (d, centres) = try DataSets.blobs(n: 30_000, centers: 3, std: 0.7, rng: RandomGenerator(seed: 8))
        XCTAssertTrue(centres.storage.allSatisfy { (-5...5).contains($0) })
        for c in 0..<3 {
            let rows = (0..<30_000).filter { d.y.storage[$0] == Double(c) }
            for axis in 0..<2 {
                let (mean, std) = moments(rows.map { d.x.storage[2 * $0 + axis] })
                XCTAssertEqual(mean, centres.storage[2 * c + axis], accuracy: 0.03)
                XCTAssertEqual(std, 0.7, accuracy: 0.02)
            }
        }
    }

    func testBadArgumentsAreErrors() {
        let rng = RandomGenerator(seed: 0)
        XCTAssertThrowsError(try DataSets.spiral(n: 2, classes: 3, noise: 0.1, rng: rng))
        XCTAssertThrowsError(try DataSets.spiral(n: 10, classes: 0, noise: 0.1, rng: rng))
        XCTAssertThrowsError(try DataSets.spiral(n: 10, classes: 2, noise: .nan, rng: rng))
        XCTAssertThrowsError(try DataSets.circles(n: 10, noise: 0.1, factor: 1, rng: rng))
        XCTAssertThrowsError(try DataSets.circles(n: 1, noise: 0.1, factor: 0.5, rng: rng))
        XCTAssertThrowsError(try DataSets.moons(n: 100, noise: -1, rng: rng))
        XCTAssertThrowsError(try DataSets.blobs(n: 1 << 40, centers: 3, std: 1, rng: rng))
        XCTAssertThrowsError(try DataSets.blobs(n: 10, centers: 3, std: .infinity, rng: rng))
    }
}
