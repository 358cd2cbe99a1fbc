// Messages found unclear in a review: numbers in messages print as nns prints them (`nan`, `-1`,
// not Swift's `-nan`, `-1.0`), articles agree with the kind, and empty inputs say they are empty.
import XCTest
@testable import NNScript

final class QualityMessageTests: XCTestCase {
    private func message(_ source: String) -> String { failure(source)?.message ?? "<no error>" }

    func testNumbersInMessagesPrintAsNnsPrintsThem() {
        XCTAssertEqual(message("train(mlp([2, 1]), zeros(4, 2), zeros(4, 1), epochs: 0 / 0)"),
                       "bad argument 'epochs' to 'train' (whole number expected, got nan)")
        XCTAssertEqual(message("rand(-1)"), "rand: a dimension must be a whole number ≥ 0, got -1")
        XCTAssertEqual(message("dense(-1, 2)"), "bad argument 'n_in' to 'dense' (a whole number ≥ 1 expected, got -1)")
        XCTAssertEqual(message("sgd(lr: 0 / 0)"), "bad argument 'lr' to 'sgd' (a learning rate ≥ 0 expected, got nan)")
        XCTAssertEqual(message("adam(beta1: 2)"), "bad argument 'beta1' to 'adam' (a number in [0, 1) expected, got 2)")
        XCTAssertEqual(message("kl(rho: 2, beta: 1)"), "bad argument 'rho' to 'kl' (a number in (0, 1) expected, got 2)")
        XCTAssertEqual(message("gaussian(-1)"), "bad argument 'sigma' to 'gaussian' (a finite number ≥ 0 expected, got -1)")
        XCTAssertEqual(message("clip([1, 2], 0 / 0, 1)"), "bad argument 'low' to 'clip' (at most high (1) expected, got nan)")
    }

    func testArticlesAndEmptyInputs() {
        XCTAssertTrue(message("ae = autoencoder(4, 2); ae.foo = 1").hasPrefix("an autoencoder has no field 'foo'"))
        XCTAssertTrue(message("ae = autoencoder(4, 2); train(ae, zeros(3, 4), zeros(3, 4))")
            .hasPrefix("train: an autoencoder trains on X alone"))
        XCTAssertEqual(message("accuracy(zeros(0, 2), zeros(0, 2))"), "accuracy: there are no samples (labels of shape [0, 2])")
        XCTAssertEqual(message("show(rand(2, 64), shape: [0, 0])"),
                       "bad argument 'shape' to 'show' (two whole numbers [height, width], each at least 1, expected, got [0, 0])")
    }

    func testOptimizersPrintNumbersAsNnsDoes() {
        XCTAssertEqual(value("str(sgd())"), "sgd(lr: 0.01, momentum: 0)")
        XCTAssertEqual(value("str(sgd(lr: 0.1, momentum: 0.9, l2: 1e-4))"), "sgd(lr: 0.1, momentum: 0.9, weight_decay: 0.0001)")
        XCTAssertEqual(value("str(adam())"), "adam(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-08)")
    }

    func testAppendStopsAtTheListLimit() {
        let (session, _) = makeSession()
        session.setGlobal("xs", .list(ListBox(Array(repeating: .none, count: Operators.maximumListItems))))
        XCTAssertThrowsError(try session.run("append(xs, 1)", file: "t.nns")) { error in
            XCTAssertEqual((error as? ScriptError)?.message,
                           "append: the list already holds \(Operators.maximumListItems) items (at most \(Operators.maximumListItems))")
        }
        XCTAssertNoThrow(try session.run("pop(xs); append(xs, 1)", file: "t.nns"))
    }

    func testALongOperatorChainSaysHowToFixIt() {
        let source = "x = 1" + String(repeating: " + 1", count: 1200)
        XCTAssertTrue(message(source).contains("operators in one chain; split a long expression"), message(source))
        XCTAssertEqual(failure("x = 1" + String(repeating: " + 1", count: 900) + "\nassert(x == 901)").map(\.message), nil)
    }

    func testDerivativeOfABuiltinWithSideEffectsIsRefused() {
        let (session, out) = makeSession()
        XCTAssertThrowsError(try session.run("d(print)(1)", file: "t.nns")) { error in
            XCTAssertTrue((error as? ScriptError)?.message.hasPrefix("d: print is not a function of a number") ?? false)
        }
        XCTAssertEqual(out.text, "", "print must not run at u ± h")
        XCTAssertEqual(value("abs(d(exp)(0) - 1) < 1e-8"), "true")
        XCTAssertEqual(value("abs(d(d(tanh))(1) + 0.6397000084492246) < 1e-6"), "true")
    }
}
