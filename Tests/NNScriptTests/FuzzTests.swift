// Fuzzing: thousands of random byte strings and random token sequences go through the lexer,
// the parser and the interpreter; each must end in a value or an error — never a crash or a
// hang. Loops are cut by the interrupt flag, raised by a watchdog after a short time.
import XCTest
import Foundation
@testable import NNScript

final class FuzzTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let vocabulary = [
        "x", "y", "f", "θ", "i", "xs", "r", "0", "1", "2", "0.5", "-1", "1e300", "\"s\"", "true", "false",
        "none", "+", "-", "*", "/", "%", "^", "@", "..", "==", "!=", "<", "<=", ">", ">=", "and", "or",
        "not", "=", "+=", "-=", "*=", "/=", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "\n",
        "fn", "if", "else", "while", "for", "in", "break", "continue", "return", "print", "str", "len",
        "append", "type", "lr", "[1, 2]", "[[1, 2], [3, 4]]", "{a: 1}", "x[0]", "f(1)", "fn(u) = u",
        "# c", "\"", "θ", "::", "T", "shape",
    ]

    /// Runs a source in a fresh session with a watchdog; returns true when it ended normally.
    private func survive(_ source: String) {
        let (session, _) = makeSession()
        let interrupt = session.context.interrupt
        let done = DispatchSemaphore(value: 0)
        let watchdog = DispatchQueue.global()
        watchdog.async {
            if done.wait(timeout: .now() + .milliseconds(50)) == .timedOut { interrupt.raise() }
        }
        _ = try? session.run(source, file: "fuzz.nns")
        _ = session.isIncomplete(source)
        done.signal()
    }

    func testRandomBytes() {
        var rng = Mix(state: 1)
        for _ in 0..<1000 {
            let count = rng.below(60)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            survive(String(decoding: bytes, as: UTF8.self))
            let ascii = String(decoding: bytes.map { 32 + $0 % 95 }, as: UTF8.self)
            survive(ascii)
        }
    }

    func testRandomTokenSequences() {
        var rng = Mix(state: 2)
        for _ in 0..<2000 {
            let count = 1 + rng.below(25)
            let source = (0..<count).map { _ in FuzzTests.vocabulary[rng.below(FuzzTests.vocabulary.count)] }
                .joined(separator: rng.below(3) == 0 ? "" : " ")
            survive(source)
        }
    }

    func testHangingLoopsAreInterrupted() {
        let start = Date()
        survive("while true { }")
        survive("fn f() { while 1 { x = 1 } }\nf()")
        survive("for i in 0..1e300 { }")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }
}
