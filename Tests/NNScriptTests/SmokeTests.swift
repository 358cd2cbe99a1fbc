import XCTest
@testable import NNScript

final class SmokeTests: XCTestCase {
    func testBasics() {
        XCTAssertEqual(value("1 + 2"), "3")
        XCTAssertEqual(output("print(1, \"a\", [1, \"b\"], {lr: 0.1})"), "1 a [1, \"b\"] {lr: 0.1}\n")
        XCTAssertEqual(value("fn fib(n) { if n < 2 { return n }\n return fib(n - 1) + fib(n - 2) }\nfib(20)"), "6765")
        XCTAssertEqual(value("s = 0\nfor i in 0..10 { s += i * i }\ns"), "285")
        XCTAssertEqual(value("fn mk() { c = {n: 0}\n fn inc() { c.n += 1\n return c.n }\n return inc }\nf = mk()\nf()\nf()\nf()"), "3")
        XCTAssertEqual(output("x = 1 + \"a\""), "t.nns:1:7: error: operator '+' cannot combine number and string (str(x) gives the text of a value)\n    x = 1 + \"a\"\n          ^\n")
        XCTAssertEqual(output("fn f(n) { return f(n + 1) }\nf(0)").contains("too many nested calls"), true)
    }
}
