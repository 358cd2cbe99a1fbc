// Indexing, slicing and assignment: Python's slice rules checked against a reference
// (Swift's stride over the resolved bounds), errors naming index, axis and length.
import XCTest
@testable import TensorKit

final class IndexingTests: XCTestCase {
    /// Python's `range(*slice(start, stop, step).indices(n))`, written independently.
    func referencePositions(_ start: Int?, _ stop: Int?, _ step: Int?, _ n: Int) -> [Int] {
        let s = step ?? 1
        var b: Int, e: Int
        if s > 0 {
            b = start.map { $0 < 0 ? max($0 + n, 0) : min($0, n) } ?? 0
            e = stop.map { $0 < 0 ? max($0 + n, 0) : min($0, n) } ?? n
            return b < e ? Array(stride(from: b, to: e, by: s)) : []
        } else {
            b = start.map { $0 < 0 ? max($0 + n, -1) : min($0, n - 1) } ?? n - 1
            e = stop.map { $0 < 0 ? max($0 + n, -1) : min($0, n - 1) } ?? -1
            return b > e ? Array(stride(from: b, to: e, by: s)) : []
        }
    }

    func testSlicesPropertyAgainstReference() throws {
        let rng = RandomGenerator(seed: 5)
        func maybe(_ range: Int) -> Int? { rng.nextInt(below: 4) == 0 ? nil : rng.nextInt(below: 2 * range + 1) - range }
        for _ in 0..<500 {
            let rows = rng.nextInt(below: 6), cols = 1 + rng.nextInt(below: 5)
            let x = try Tensor(shape: [rows, cols], elements: (0..<(rows * cols)).map(Double.init))
            let (s0, e0) = (maybe(rows + 2), maybe(rows + 2))
            var st0 = maybe(3)
            if st0 == 0 { st0 = nil }
            let (s1, e1) = (maybe(cols + 2), maybe(cols + 2))
            var st1 = maybe(3)
            if st1 == 0 { st1 = -1 }
            let got = try x.indexed([.slice(start: s0, stop: e0, step: st0), .slice(start: s1, stop: e1, step: st1)])
            let r = referencePositions(s0, e0, st0, rows), c = referencePositions(s1, e1, st1, cols)
            XCTAssertEqual(got.shape, [r.count, c.count])
            XCTAssertEqual(got.storage, r.flatMap { i in c.map { j in Double(i * cols + j) } })
            // Assignment through the same slice writes exactly those positions.
            var y = x
            try y.assign([.slice(start: s0, stop: e0, step: st0), .slice(start: s1, stop: e1, step: st1)], Tensor(scalar: -1))
            let written = Set(r.flatMap { i in c.map { j in i * cols + j } })
            for k in 0..<(rows * cols) {
                XCTAssertEqual(y.storage[k], written.contains(k) ? -1 : Double(k))
            }
        }
    }

    func testPositionsRowsColumnsAndErrors() throws {
        let x = try Tensor(shape: [3, 4], elements: (0..<12).map(Double.init))
        XCTAssertEqual(try x.indexed([.at(-1)]).storage, [8, 9, 10, 11])
        XCTAssertEqual(try x.indexed([.all, .at(0)]).storage, [0, 4, 8])
        let e = try x.indexed([.at(1), .at(-2)])
        XCTAssertEqual(e.shape, [])
        XCTAssertEqual(e.storage, [6])
        XCTAssertEqual(try x.indexed([.slice(start: nil, stop: nil, step: 2)]).shape, [2, 4])
        XCTAssertEqual(try x.indexed([.slice(start: nil, stop: nil, step: Int.min)]).shape, [1, 4])
        XCTAssertThrowsError(try x.indexed([.at(3)])) { err in
            XCTAssertEqual((err as? TensorError)?.message, "index 3 is out of range for axis 0 of length 3")
        }
        XCTAssertThrowsError(try x.indexed([.at(0), .at(-5)])) { err in
            XCTAssertEqual((err as? TensorError)?.message, "index -5 is out of range for axis 1 of length 4")
        }
        XCTAssertThrowsError(try x.indexed([.at(0), .at(0), .at(0)]))
        XCTAssertThrowsError(try x.indexed([.slice(start: 0, stop: 1, step: 0)]))
        XCTAssertThrowsError(try x.indexed([.at(Int.min)]))
        XCTAssertThrowsError(try x.indexed([.at(Int.max)]))
    }

    func testAssignmentBroadcastsAndKeepsValueSemantics() throws {
        let a = try Tensor.zeros([3, 4])
        var b = a
        try b.assign([.all, .at(0)], Tensor(scalar: 1))
        try b.assign([.at(2)], Tensor([1, 2, 3, 4]))
        try b.assign([.slice(start: 0, stop: 2, step: nil), .slice(start: 2, stop: nil, step: nil)], Tensor([7, 8]))
        XCTAssertEqual(b.storage, [1, 0, 7, 8, 1, 0, 7, 8, 1, 2, 3, 4])
        XCTAssertEqual(a.storage, [Double](repeating: 0, count: 12), "the copy must not alias")
        XCTAssertThrowsError(try b.assign([.at(0)], Tensor([1, 2, 3])))
        try b.assign([.at(0), .at(1)], Tensor(scalar: 5))
        XCTAssertEqual(b.storage[1], 5)
    }
}
