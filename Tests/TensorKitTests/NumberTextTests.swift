// The one number formatter: the language's shortest form, and the fixed, scientific and
// significant-digit forms that tensors, summaries and axis labels draw their digits from.
import XCTest
@testable import TensorKit

final class NumberTextTests: XCTestCase {
    static let shortest: [(Double, String)] = [
        (3, "3"), (-0.0, "-0"), (0, "0"), (1e15, "1000000000000000"), (9007199254740993, "9007199254740992"),
        (1e16, "1e+16"), (1.5e17, "1.5e+17"), (1e20, "1e+20"), (0.0001, "0.0001"), (0.00001, "1e-05"),
        (1.5e-7, "1.5e-07"), (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.1 + 0.2, "0.30000000000000004"), (-2.5, "-2.5"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
    ]

    func testShortest() {
        for (x, text) in Self.shortest {
            XCTAssertEqual(NumberText.shortest(x), text, "\(x)")
            XCTAssertEqual(Tensor.numberText(x), text, "\(x)")
            if x.isFinite { XCTAssertEqual(Double(text), x, "\(text) reads back") }
        }
    }

    static let significant: [(Double, Int, String)] = [
        (0.23456789, 4, "0.2346"), (12345.6, 4, "12350"), (0.000012345, 4, "1.234e-05"), (-0.0, 4, "-0"),
        (2, 4, "2"), (1e20, 4, "1e+20"), (.nan, 4, "nan"), (-.infinity, 4, "-inf"), (0.99996, 4, "1"),
    ]

    func testSignificantFollowsTheSameThresholds() {
        for (x, d, text) in Self.significant {
            XCTAssertEqual(NumberText.significant(x, digits: d), text, "\(x)")
        }
    }

    func testFixedScientificAndCompact() {
        XCTAssertEqual(NumberText.fixed(1.5, decimals: 2), "1.50")
        XCTAssertEqual(NumberText.fixed(.nan, decimals: 2), "nan")
        XCTAssertEqual(NumberText.scientific(1.5e-7, decimals: 2), "1.50e-07")
        XCTAssertEqual(NumberText.scientific(-.infinity, decimals: 2), "-inf")
        XCTAssertEqual(NumberText.compact(2e6, digits: 3), "2e+06")
        XCTAssertEqual(NumberText.compact(0.25, digits: 3), "0.25")
    }

    func testTensorElementsTakeTheirDigitsFromIt() {
        XCTAssertEqual(NumberStyle.plain(-0.0, .integer), "-0")
        XCTAssertEqual(NumberStyle.plain(1e15, .integer), "1000000000000000")
        XCTAssertEqual(NumberStyle.plain(0.5, .fixed(decimals: 3)), "0.500")
        XCTAssertEqual(NumberStyle.plain(.nan, .scientific(digits: 2)), "nan")
    }
}
