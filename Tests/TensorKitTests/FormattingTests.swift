// The printed form of tensors: header, aligned columns, precision, summaries, numbers.
import XCTest
@testable import TensorKit

final class FormattingTests: XCTestCase {
    func testSmallTensors() throws {
        let a = try Tensor(shape: [2, 3], elements: [1.5, -2.25, 3, 4, 5, 6.125])
        XCTAssertEqual(a.formatted(), "tensor [2, 3]\n[[ 1.500, -2.250,  3.000],\n [ 4.000,  5.000,  6.125]]")
        XCTAssertEqual(Tensor([1, 2, 3]).formatted(), "tensor [3]\n[1, 2, 3]")
        XCTAssertEqual(Tensor([0.5, 0.25]).formatted(), "tensor [2]\n[0.50, 0.25]")
        XCTAssertEqual(Tensor([1, .nan, -.infinity]).formatted(), "tensor [3]\n[   1,  nan, -inf]")
        XCTAssertEqual(Tensor([1e-5, 1]).formatted(), "tensor [2]\n[1.000e-05, 1.000e+00]")
        XCTAssertEqual(Tensor([3.14159265, 2.7182818]).formatted(precision: 6), "tensor [2]\n[3.14159, 2.71828]")
        XCTAssertEqual(Tensor(scalar: 0.1).formatted(), "0.1")
        XCTAssertEqual(try Tensor.zeros([0, 2]).formatted(), "tensor [0, 2]\n[[]]")
        let cube = try Tensor(shape: [2, 1, 2], elements: [1, 2, 3, 4])
        XCTAssertEqual(cube.formatted(), "tensor [2, 1, 2]\n[[[1, 2]],\n\n [[3, 4]]]")
    }

    func testLargeTensorsAreSummarisedQuickly() throws {
        let big = try Tensor(shape: [10_000, 10_000], repeating: 0.5)
        let start = Date()
        let text = big.formatted()
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 8)
        XCTAssertEqual(lines[4], " …,")
        XCTAssertTrue(lines[1].contains("…"))
        // A wide row is cut to the width.
        let wide = try Tensor.rand([2, 40], rng: RandomGenerator(seed: 1))
        for line in wide.formatted(width: 60).split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 60) }
    }

    func testNumberText() {
        XCTAssertEqual(Tensor.numberText(3), "3")
        XCTAssertEqual(Tensor.numberText(-0.0), "-0")
        XCTAssertEqual(Tensor.numberText(0.6224593312018546), "0.6224593312018546")
        XCTAssertEqual(Tensor.numberText(0.0001), "0.0001")
        XCTAssertEqual(Tensor.numberText(1e-5), "1e-05")
        XCTAssertEqual(Tensor.numberText(1e20), "1e+20")
        XCTAssertEqual(Tensor.numberText(1.5e300), "1.5e+300")
        XCTAssertEqual(Tensor.numberText(12345678901234.5), "12345678901234.5")
        XCTAssertEqual(Tensor.numberText(.infinity), "inf")
    }
}

final class FormattingWrapTests: XCTestCase {
    func testLongRowsOfSmallTensorsWrap() throws {
        let v = try Tensor.linspace(0, 1, 11)
        XCTAssertEqual(v.formatted(width: 30), """
            tensor [11]
            [0.0, 0.1, 0.2, 0.3, 0.4, 0.5,
             0.6, 0.7, 0.8, 0.9, 1.0]
            """)
        let m = try Tensor.arange(0, 24).reshaped([2, 12])
        XCTAssertEqual(m.formatted(width: 30), """
            tensor [2, 12]
            [[ 0,  1,  2,  3,  4,  5,  6,
               7,  8,  9, 10, 11],
             [12, 13, 14, 15, 16, 17, 18,
              19, 20, 21, 22, 23]]
            """)
    }
}
