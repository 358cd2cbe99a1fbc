// Printing exactly as nns defines it: integral numbers without ".0", the shortest
// round-trip text in Python's repr style otherwise, and the forms of every other value.
import XCTest
@testable import NNScript
import TensorKit

final class PrintingTests: XCTestCase {
    func testNumbers() {
        let cases: [(Double, String)] = [
            (3, "3"), (-3, "-3"), (0, "0"), (-0.0, "-0"), (0.5, "0.5"), (1e15, "1000000000000000"),
            (9999999999999998, "9999999999999998"), (1e16, "1e+16"), (1e20, "1e+20"), (1.5e17, "1.5e+17"),
            (0.0001, "0.0001"), (0.00001, "1e-05"), (1.5e-7, "1.5e-07"), (0.6224593312018546, "0.6224593312018546"),
            (0.1 + 0.2, "0.30000000000000004"), (123456.789, "123456.789"), (.infinity, "inf"),
            (-.infinity, "-inf"), (.nan, "nan"), (5e-324, "5e-324"), (-2.5, "-2.5"),
        ]
        for (x, text) in cases { XCTAssertEqual(Tensor.numberText(x), text, "\(x)") }
    }

    func testPrintForms() {
        XCTAssertEqual(output("print(1 / 0, -1 / 0, 0 / 0, 2 ^ -1, -7 % 3)"), "inf -inf nan 0.5 2\n")
        XCTAssertEqual(output("print(true, false, none, \"raw\\ttext\")"), "true false none raw\ttext\n")
        XCTAssertEqual(output("print([1, \"a\", none, true, [\"q\\\"\"]])"), "[1, \"a\", none, true, [\"q\\\"\"]]\n")
        XCTAssertEqual(output("print({lr: 0.1, epochs: 10, name: \"x\"})"), "{lr: 0.1, epochs: 10, name: \"x\"}\n")
        XCTAssertEqual(output("fn f(x) = x\nprint(f, fn(u) = u, print)"), "<fn f> <fn> <fn print>\n")
        XCTAssertEqual(output("print(str(0.5) + \"!\", str([1, \"b\"]))"), "0.5! [1, \"b\"]\n")
        XCTAssertEqual(output("print()"), "\n")
        // A tensor's later lines line up under its first, after a Chinese key of four columns.
        XCTAssertEqual(output("print({权重: [[1, 2], [3, 4]], lr: 0.1})"),
                       "{\n  权重: tensor [2, 2]\n        [[1, 2],\n         [3, 4]],\n  lr: 0.1\n}\n")
        XCTAssertEqual(value("\"shown\""), "shown")
        XCTAssertEqual(value("print(1)"), "<nothing>")
    }

    func testComparisonsOfNumbersGiveBools() {
        XCTAssertEqual(value("1 < 2"), "true")
        XCTAssertEqual(value("\"a\" == \"a\""), "true")
        XCTAssertEqual(value("none == none"), "true")
        XCTAssertEqual(value("\"a\" == 1"), "false")
        XCTAssertEqual(value("true == 1"), "true")
    }
}
