// Lists made by reading a field (`net.layers`, `ae.hidden`, `x.shape`) refuse changes with a
// message at the statement that tried, instead of changing a copy nothing sees; a slice of one
// is an ordinary list.
import XCTest
@testable import NNScript

final class ReadOnlyListTests: XCTestCase {
    func testChangingAFieldListIsAnErrorAtItsLocation() {
        let cases: [(String, String, Int)] = [
            ("net = seq(dense(2, 3))\nnet.layers[0] = dense(2, 3)", "net.layers is read-only: build a new network with seq(", 11),
            ("net = seq(dense(2, 3))\nappend(net.layers, dense(3, 1))", "net.layers is read-only", 1),
            ("net = seq(dense(2, 3))\nls = net.layers\npop(ls)", "net.layers is read-only", 1),
            ("ae = autoencoder(8, 2, hidden: [4])\nae.layers[1] = dense(4, 2)", "ae.layers is read-only: make a new autoencoder", 10),
            ("ae = autoencoder(8, 2, hidden: [4])\nae.hidden[0] += 2", "ae.hidden is read-only", 10),
            ("X = zeros(2, 3)\nX.shape[0] = 3", "x.shape is read-only: reshape(x, ...)", 8),
        ]
        for (source, message, column) in cases {
            guard let e = failure(source) else { XCTFail("\(source) ran"); continue }
            XCTAssertTrue(e.message.hasPrefix(message), "\(source): \(e.message)")
            XCTAssertEqual(e.location?.line, source.split(separator: "\n").count, source)
            XCTAssertEqual(e.location?.column, column, source)
        }
    }

    func testTheObjectIsUnchangedAndASliceIsAListOfOnesOwn() {
        let source = """
            net = seq(dense(2, 3), dense(3, 1))
            ls = net.layers[:]
            ls[1] = dense(3, 2)
            append(ls, dense(2, 1))
            print(len(net.layers), len(ls), seq(ls).n_out, seq(net.layers[:1], dense(3, 4)).n_out)
            s = zeros(2, 3).shape[:]
            s[0] = 5
            print(s)
            """
        XCTAssertEqual(output(source), "2 3 1 4\n[5, 3]\n")
    }

    func testAnyObjectsListFieldIsReadOnly() throws {
        let (session, _) = makeSession()
        session.setGlobal("thing", .object(ListHolder()))
        XCTAssertThrowsError(try session.run("thing.items[0] = 2", file: "t.nns")) { error in
            let message = (error as? ScriptError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("the list 'items' of a holder is read-only"), message)
        }
        XCTAssertEqual(try session.run("items = thing.items[:]\nitems[0] = 2\nitems", file: "t.nns").map(session.format), "[2]")
    }
}

/// A made-up object whose field hands out a fresh list and marks nothing itself.
private final class ListHolder: ScriptObject {
    var kindName: String { "holder" }
    var fieldNames: [String] { ["items"] }
    func field(_ name: String, context: ScriptContext) throws -> Value { .list(ListBox([.number(1)])) }
    var description: String { "holder" }
}
