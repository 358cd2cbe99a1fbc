// Reductions, elementwise functions and creation routines against NumPy fixtures.
import XCTest
@testable import TensorKit

final class ReductionAndMathTests: XCTestCase {
    func testReductionsMatchNumPyBitForBit() throws {
        let cases = try XCTUnwrap(loadFixture("reductions") as? [[String: Any]])
        XCTAssertEqual(cases.count, 8)
        for c in cases {
            let x = try fixtureTensor(c["x"])
            let whole = try XCTUnwrap(c["whole"] as? [String: Any])
            XCTAssertEqual(x.sum().bitPattern, doubles(whole["sum"]).first?.bitPattern, "sum \(x.shape)")
            XCTAssertEqual(x.mean().bitPattern, doubles(whole["mean"]).first?.bitPattern, "mean \(x.shape)")
            XCTAssertEqual(x.maxElement(), doubles(whole["max"]).first)
            XCTAssertEqual(x.minElement(), doubles(whole["min"]).first)
            XCTAssertEqual(x.argmax(), whole["argmax"] as? Int)
            XCTAssertEqual(x.argmin(), whole["argmin"] as? Int)
            let std = try XCTUnwrap(doubles(whole["std"]).first), norm = try XCTUnwrap(doubles(whole["norm"]).first)
            XCTAssertEqual(x.variance().squareRoot(), std, accuracy: 1e-13 * std)
            XCTAssertEqual(x.norm(), norm, accuracy: 1e-13 * norm)
            for entry in c["axes"] as? [[String: Any]] ?? [] {
                let axis = try XCTUnwrap(entry["axis"] as? Int)
                for op in [Reduction.sum, .mean, .max, .min, .argmax] {
                    assertBitEqual(try x.reduced(op, axis: axis), try fixtureTensor(entry[op.rawValue]), "\(op) axis \(axis) of \(x.shape)")
                }
                let prod = try (x / 100).reduced(.prod, axis: axis), expected = try fixtureTensor(entry["prod"])
                for (p, q) in zip(prod.storage, expected.storage) { XCTAssertEqual(p, q, accuracy: 1e-12 * abs(q)) }
            }
        }
        XCTAssertThrowsError(try Tensor.zeros([2, 3]).reduced(.sum, axis: 2))
        XCTAssertThrowsError(try Tensor.zeros([0, 3]).reduced(.max, axis: 0))
        XCTAssertEqual(try Tensor.zeros([0, 3]).reduced(.sum, axis: 0).storage, [0, 0, 0])
        XCTAssertNil(try Tensor.zeros([0]).maxElement())
        XCTAssertEqual(Tensor([1, .nan, 3]).maxElement()?.isNaN, true)
        XCTAssertEqual(Tensor([1, .nan, 3]).argmax(), 1)
        XCTAssertEqual(Tensor([-0.0]).sum().sign, .plus)
    }

    func testElementwiseFunctionsMatchNumPy() throws {
        let fixture = try XCTUnwrap(loadFixture("math") as? [String: Any])
        let x = Tensor(doubles(fixture["x"]))
        XCTAssertEqual(x.count, 19)
        for f in UnaryFunction.allCases where f != .negative {
            let expected = doubles(fixture[f.rawValue])
            XCTAssertEqual(expected.count, x.count, f.rawValue)
            for (i, (got, want)) in zip(x.applying(f).storage, expected).enumerated() {
                if want.isNaN { XCTAssertTrue(got.isNaN, "\(f)(\(x.storage[i]))"); continue }
                // NumPy's SIMD kernels for exp/log/sin/... may differ from the C library by an ulp or so.
                let tolerance = [.floor, .ceil, .round, .trunc, .sign, .abs, .square, .sqrt].contains(f) ? 0 : 4 * want.ulp
                XCTAssertEqual(got, want, accuracy: tolerance, "\(f)(\(x.storage[i]))")
                if want == 0 { XCTAssertEqual(got.sign, want.sign, "\(f)(\(x.storage[i])) sign") }
            }
        }
        XCTAssertEqual(Tensor([0.5, 1.5, 2.5, -0.5]).applying(.round).storage, [0, 2, 2, -0.0])
        XCTAssertEqual(Tensor([-2, 0.5, 3]).clipped(low: 0, high: 1).storage, [0, 0.5, 1])
        XCTAssertEqual(Tensor([3.14159]).rounded(decimals: 2).storage, [3.14])
        // The vectorised, two-thread exp stays within an ulp of the C library's over its range,
        // and hands overflow, underflow, subnormals and nan to it.
        let big = try Tensor.uniform([200_001], low: -750, high: 750, rng: RandomGenerator(seed: 1))
        let fast = big.applying(.exp)
        var worst = 0.0
        for (x, y) in zip(big.storage, fast.storage) {
            let r = Foundation.exp(x)
            worst = Swift.max(worst, r == y ? 0 : (r.isNormal ? Swift.abs(y - r) / r.ulp : .infinity))
        }
        XCTAssertLessThanOrEqual(worst, 1)
        let special = Tensor([.nan, .infinity, -.infinity, 709.5, -708.5, -745, 0, -0.0, 1])
        for (x, y) in zip(special.storage, special.applying(.exp).storage) {
            XCTAssertEqual(y.bitPattern, Foundation.exp(x).bitPattern, "exp(\(x))")
        }
    }

    func testCreationMatchesNumPy() throws {
        let fixture = try XCTUnwrap(loadFixture("creation") as? [String: Any])
        for c in fixture["arange"] as? [[String: Any]] ?? [] {
            let a = try XCTUnwrap(c["args"] as? [Double])
            assertBitEqual(try Tensor.arange(a[0], a[1], a[2]), try fixtureTensor(c["r"]), "arange \(a)")
        }
        for c in fixture["linspace"] as? [[String: Any]] ?? [] {
            let a = try XCTUnwrap(c["args"] as? [Double])
            assertBitEqual(try Tensor.linspace(a[0], a[1], Int(a[2])), try fixtureTensor(c["r"]), "linspace \(a)")
        }
        XCTAssertEqual(try Tensor.eye(2, 3).storage, [1, 0, 0, 0, 1, 0])
        XCTAssertThrowsError(try Tensor.arange(0, 1e300))
        XCTAssertThrowsError(try Tensor.arange(0, 1, 0))
        XCTAssertThrowsError(try Tensor.arange(0, .nan))
        // seed(42); rand(3) is default_rng(42).random(3), bit for bit; rand(2, 2) continues the stream.
        let random = try XCTUnwrap(loadFixture("random") as? [[String: Any]])
        let c42 = try XCTUnwrap(random.first { $0["seed"] as? String == "42" })
        let rng = RandomGenerator(seed: 42)
        let u = try Tensor.rand([3], rng: rng), v = try Tensor.rand([2, 2], rng: rng)
        XCTAssertEqual((u.storage + v.storage).map(\.bitPattern), doubles(c42["random"]).map(\.bitPattern))
        XCTAssertEqual(v.shape, [2, 2])
        rng.reseed(42)
        let n = try Tensor.randn([3], rng: rng)
        let expected = c42["normal"] as? [Double] ?? []
        for (a, b) in zip(n.storage, expected) { XCTAssertEqual(a, b, accuracy: 1e-13) }
        XCTAssertEqual(expected.count, 6)
    }

    func testShapeOperations() throws {
        let x = try Tensor(shape: [2, 3], elements: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try x.reshaped(inferring: [3, -1]).shape, [3, 2])
        XCTAssertThrowsError(try x.reshaped(inferring: [4, -1]))
        XCTAssertThrowsError(try x.reshaped(inferring: [-1, -1]))
        XCTAssertThrowsError(try x.reshaped([4]))
        XCTAssertEqual(x.transposed().storage, [1, 4, 2, 5, 3, 6])
        XCTAssertEqual(x.transposed().shape, [3, 2])
        let cube = try Tensor(shape: [2, 3, 4], elements: (0..<24).map(Double.init))
        let t = try cube.transposed(axes: [2, 0, 1])
        XCTAssertEqual(t.shape, [4, 2, 3])
        XCTAssertEqual(try t.element([3, 1, 2]), try cube.element([1, 2, 3]))
        XCTAssertEqual(cube.transposed().shape, [4, 3, 2])
        XCTAssertEqual(try cube.transposed().element([3, 2, 1]), try cube.element([1, 2, 3]))
        let big = try Tensor.rand([70, 45], rng: RandomGenerator(seed: 3))
        XCTAssertEqual(try big.transposed().element([44, 69]), try big.element([69, 44]))
        XCTAssertEqual(try Tensor.concat([x, x], axis: 1).storage, [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
        XCTAssertEqual(try Tensor.concat([x, Tensor([7, 8, 9]).reshaped([1, 3])], axis: 0).shape, [3, 3])
        XCTAssertThrowsError(try Tensor.concat([x, Tensor([7, 8])], axis: 0)) { e in
            XCTAssertEqual((e as? TensorError)?.message, "concat: shapes [2, 3] and [2] do not match except along axis 0")
        }
        XCTAssertEqual(try Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 1).storage, [1, 3, 2, 4])
    }
}

extension RandomGenerator {
    func nextDoubles(_ n: Int) -> [Double] { (0..<n).map { _ in nextDouble() } }
}

extension Tensor {
    static func / (a: Tensor, x: Double) throws -> Tensor { try Tensor.binary(.divide, a, x) }
}
