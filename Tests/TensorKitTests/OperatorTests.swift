// Elementwise operators, max/min and @ against NumPy fixtures; IEEE and floored-modulo edge cases.
import XCTest
@testable import TensorKit

final class OperatorTests: XCTestCase {
    func testBinaryOperatorsMatchNumPyWithBroadcasting() throws {
        let cases = try XCTUnwrap(loadFixture("operators") as? [[String: Any]])
        XCTAssertEqual(cases.count, 9)
        for c in cases {
            let a = try fixtureTensor(c["a"]), b = try fixtureTensor(c["b"])
            let results = try XCTUnwrap(c["results"] as? [String: Any])
            for op in BinaryOp.allCases {
                let lhs = op == .power ? a.applying(.abs) : a
                let got = try Tensor.binary(op, lhs, b), expected = try fixtureTensor(results[op.rawValue])
                if op == .power {
                    // NumPy's SIMD pow may differ from the C library's by an ulp.
                    XCTAssertEqual(got.shape, expected.shape)
                    for (x, y) in zip(got.storage, expected.storage) where !(x.isNaN && y.isNaN) {
                        XCTAssertEqual(x, y, accuracy: 2 * y.ulp, "^ \(a.shape) \(b.shape)")
                    }
                } else {
                    assertBitEqual(got, expected, "\(op.rawValue) \(a.shape) \(b.shape)")
                }
            }
            assertBitEqual(try Tensor.maximum(a, b), try fixtureTensor(results["max"]), "max")
            assertBitEqual(try Tensor.minimum(a, b), try fixtureTensor(results["min"]), "min")
        }
    }

    func testNumberOperandsAndEdgeCases() throws {
        let x = Tensor([-7, 7, -7.5, 0])
        XCTAssertEqual(try Tensor.binary(.modulo, x, 3).storage, [2, 1, 1.5, 0])
        XCTAssertEqual(try Tensor.binary(.modulo, x, -3).storage, [-1, -2, -1.5, -0.0])
        XCTAssertEqual(try Tensor.binary(.subtract, 10, x).storage, [17, 3, 17.5, 10])
        let d = try Tensor.binary(.divide, Tensor([1, -1, 0]), 0)
        XCTAssertEqual(d.storage[0], .infinity)
        XCTAssertEqual(d.storage[1], -.infinity)
        XCTAssertTrue(d.storage[2].isNaN)
        XCTAssertEqual(try Tensor.binary(.power, 2, Tensor([-1, 10])).storage, [0.5, 1024])
        XCTAssertEqual(try Tensor.binary(.less, Tensor([.nan, 1]), 2).storage, [0, 1])
        XCTAssertEqual(try Tensor.binary(.notEqual, Tensor([.nan]), .nan).storage, [1])
        XCTAssertEqual((-x).storage, [7, -7, 7.5, -0.0])
        XCTAssertEqual(flooredModulo(5, .infinity), 5)
        XCTAssertTrue(flooredModulo(5, 0).isNaN)
    }

    func testShapeErrorsNameTheOperatorAndBothShapes() throws {
        let a = try Tensor.zeros([2, 3]), b = try Tensor.zeros([4])
        XCTAssertThrowsError(try Tensor.binary(.add, a, b)) { e in
            XCTAssertEqual((e as? TensorError)?.message, "+: shapes [2, 3] and [4] do not broadcast")
        }
        XCTAssertThrowsError(try Tensor.matmulOperator(try Tensor.zeros([3, 4]), try Tensor.zeros([3, 2]))) { e in
            XCTAssertEqual((e as? TensorError)?.message, "@: shapes [3, 4] and [3, 2] do not line up: 4 ≠ 3")
        }
        XCTAssertThrowsError(try Tensor.matmulOperator(Tensor([1, 2]), Tensor([1, 2, 3])))
        XCTAssertThrowsError(try Tensor.matmulOperator(Tensor(scalar: 2), Tensor([1, 2])))
        XCTAssertThrowsError(try Tensor.matmulOperator(try Tensor.zeros([2, 2]), Tensor([1, 2, 3])))
        XCTAssertThrowsError(try Tensor.matmulOperator(Tensor([1, 2, 3]), try Tensor.zeros([2, 2])))
    }

    func testMatmulShapesMatchNumPy() throws {
        let cases = try XCTUnwrap(loadFixture("matmul") as? [[String: Any]])
        XCTAssertEqual(cases.count, 6)
        for c in cases {
            let a = try fixtureTensor(c["a"]), b = try fixtureTensor(c["b"]), expected = try fixtureTensor(c["c"])
            let got = try Tensor.matmulOperator(a, b)
            XCTAssertEqual(got.shape, expected.shape)
            for (x, y) in zip(got.storage, expected.storage) {
                XCTAssertEqual(x, y, accuracy: 1e-12 * max(1, abs(y)), "\(a.shape) @ \(b.shape)")
            }
        }
        // Transposed operands in one dgemm call.
        let a = try Tensor(shape: [2, 3], elements: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try Tensor.matmul(a, a, transposeB: true).storage, [14, 32, 32, 77])
        XCTAssertEqual(try Tensor.matmul(a, a, transposeA: true).shape, [3, 3])
        XCTAssertEqual(try Tensor.matmulOperator(try Tensor.zeros([0, 3]), try Tensor.zeros([3, 2])).shape, [0, 2])
        XCTAssertEqual(try Tensor.matmulOperator(try Tensor.zeros([2, 0]), try Tensor.zeros([0, 2])).storage, [0, 0, 0, 0])
    }

    /// Broadcasting against a reference written the slow, obvious way: for every output index,
    /// map each operand's index (axis of length 1 → 0) and combine.
    func testBroadcastingPropertyAgainstReference() throws {
        let rng = RandomGenerator(seed: 99)
        for _ in 0..<300 {
            let rank = rng.nextInt(below: 4)
            let out = (0..<rank).map { _ in 1 + rng.nextInt(below: 4) }
            func operandShape() -> [Int] {
                let r = rng.nextInt(below: rank + 1)
                return out.suffix(r).map { rng.nextInt(below: 3) == 0 ? 1 : $0 }
            }
            let sa = operandShape(), sb = operandShape()
            let a = try Tensor.rand(sa, rng: rng), b = try Tensor.rand(sb, rng: rng)
            let got = try Tensor.binary(.subtract, a, b)
            let expectedShape = try XCTUnwrap(Tensor.broadcastShape(sa, sb))
            XCTAssertEqual(got.shape, expectedShape)
            let n = expectedShape.reduce(1, *)
            for flat in 0..<n {
                var index = [Int](repeating: 0, count: expectedShape.count)
                var rest = flat
                for ax in stride(from: expectedShape.count - 1, through: 0, by: -1) {
                    index[ax] = rest % expectedShape[ax]
                    rest /= expectedShape[ax]
                }
                func value(_ t: Tensor) -> Double {
                    let offset = expectedShape.count - t.rank
                    var pos = 0
                    for ax in 0..<t.rank {
                        pos = pos * t.shape[ax] + (t.shape[ax] == 1 ? 0 : index[offset + ax])
                    }
                    return t.storage[pos]
                }
                XCTAssertEqual(got.storage[flat], value(a) - value(b), "\(sa) - \(sb)")
            }
        }
    }

    /// Large operands (huge-page buffers, the eight-row vector sum): every element must still be
    /// what the one-element-at-a-time definition gives.
    func testLargeBroadcastsAndWideAxisSums() throws {
        let rng = RandomGenerator(seed: 12)
        let m = try Tensor.rand([300, 400], rng: rng), row = try Tensor.rand([400], rng: rng)
        let col = try Tensor.rand([300, 1], rng: rng)
        let plus = try Tensor.binary(.add, m, row), minus = try Tensor.binary(.subtract, col, row)
        let same = try Tensor.binary(.multiply, m, m), scaled = try Tensor.binary(.divide, m, 3)
        for i in 0..<300 {
            for j in 0..<400 {
                let x = m.storage[i * 400 + j]
                XCTAssertEqual(plus.storage[i * 400 + j], x + row.storage[j])
                XCTAssertEqual(minus.storage[i * 400 + j], col.storage[i] - row.storage[j])
                XCTAssertEqual(same.storage[i * 400 + j], x * x)
                XCTAssertEqual(scaled.storage[i * 400 + j], x / 3)
            }
        }
        let cube = try Tensor.rand([3, 200, 150], rng: rng), side = try Tensor.rand([200, 1], rng: rng)
        let p = try Tensor.binary(.multiply, cube, side)
        XCTAssertEqual(p.storage[2 * 30000 + 199 * 150 + 149], cube.storage[2 * 30000 + 199 * 150 + 149] * side.storage[199])
        XCTAssertEqual(p.storage[1 * 30000 + 7 * 150 + 3], cube.storage[1 * 30000 + 7 * 150 + 3] * side.storage[7])
        // Column sums of a wide matrix, in NumPy's order (row after row), bit for bit.
        let wide = try Tensor.rand([64, 2048], rng: rng)
        let sums = try wide.reduced(.sum, axis: 0)
        for j in [0, 1, 1023, 1024, 2047] {
            var s = wide.storage[j]
            for i in 1..<64 { s += wide.storage[i * 2048 + j] }
            XCTAssertEqual(sums.storage[j], s)
        }
    }
}
