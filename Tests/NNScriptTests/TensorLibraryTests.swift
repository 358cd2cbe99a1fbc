// The tensor and io built-ins called as the interpreter calls them (matched Arguments, a
// context): numbers in give numbers out, shapes and axes are checked, seeds and sizes refused
// with clear messages, random draws follow the documented NumPy recipes.
import XCTest
import Foundation
import TensorKit
@testable import NNScript

final class TensorLibraryTests: XCTestCase {
    let ctx = ScriptContext(rng: RandomGenerator(seed: 0), write: { _ in }, writeError: { _ in })

    func call(_ name: String, _ positional: [Value] = [], _ named: [(String, Value)] = []) throws -> Value {
        let lib = TensorLibrary.library.builtins + IOLibrary.library.builtins
        guard let b = lib.first(where: { $0.name == name }) else { throw ScriptError.runtime("no built-in \(name)") }
        return try b.body(try Arguments(function: name, parameters: b.parameters, positional: positional, named: named), ctx)
    }

    func tensor(_ v: Value, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        if case .tensor(let t) = v { return t }
        XCTFail("expected a tensor, got \(v.kindName)", file: file, line: line)
        return Tensor([])
    }

    func number(_ v: Value, file: StaticString = #filePath, line: UInt = #line) -> Double {
        if case .number(let x) = v { return x }
        XCTFail("expected a number, got \(v.kindName)", file: file, line: line)
        return .nan
    }

    func message(_ body: () throws -> Value) -> String {
        do { _ = try body(); return "<no error>" } catch let e as ScriptError { return e.message } catch let e as TensorError {
            return e.message
        } catch { return "\(error)" }
    }

    func t(_ values: [Double], _ shape: [Int]? = nil) -> Value {
        .tensor(Tensor(shape: shape ?? [values.count], storage: values))
    }

    func testCreationAndShapes() throws {
        XCTAssertEqual(tensor(try call("zeros", [.number(2), .number(3)])).shape, [2, 3])
        XCTAssertEqual(tensor(try call("ones", [t([2, 3])])).storage, [1, 1, 1, 1, 1, 1])
        XCTAssertEqual(tensor(try call("full", [t([2]), .number(7)])).storage, [7, 7])
        XCTAssertEqual(tensor(try call("arange", [.number(4)])).storage, [0, 1, 2, 3])
        XCTAssertEqual(tensor(try call("arange", [.number(0), .number(10), .number(4)])).storage, [0, 4, 8])
        XCTAssertEqual(tensor(try call("linspace", [.number(0), .number(1), .number(3)])).storage, [0, 0.5, 1])
        XCTAssertEqual(tensor(try call("eye", [.number(2)])).storage, [1, 0, 0, 1])
        let x = t([1, 2, 3, 4, 5, 6], [2, 3])
        XCTAssertEqual(tensor(try call("reshape", [x, .number(3), .number(-1)])).shape, [3, 2])
        XCTAssertEqual(tensor(try call("transpose", [x])).storage, [1, 4, 2, 5, 3, 6])
        XCTAssertEqual(tensor(try call("concat", [x, x], [("axis", .number(1))])).shape, [2, 6])
        XCTAssertEqual(tensor(try call("concat", [.list(ListBox([x, x]))])).shape, [4, 3])
        XCTAssertEqual(tensor(try call("stack", [t([1, 2]), t([3, 4])])).shape, [2, 2])
        XCTAssertEqual(number(try call("len", [x])), 2)
        XCTAssertEqual(number(try call("len", [.list(ListBox([.number(1)]))])), 1)
        XCTAssertEqual(number(try call("len", [.string("héllo")])), 5)
        XCTAssertEqual(number(try call("len", [.record(RecordBox([("a", .number(1)), ("b", .none)]))])), 2)
        XCTAssertTrue(message { try self.call("len", [.number(3)]) }.contains("tensor, list, string or record"))
    }

    func testBadSizesAreErrorsNotCrashes() {
        XCTAssertTrue(message { try self.call("zeros", [.number(1e12)]) }.contains("too large"))
        XCTAssertTrue(message { try self.call("zeros", [.number(1e6), .number(1e6)]) }.contains("too large"))
        XCTAssertTrue(message { try self.call("zeros", [.number(-1)]) }.contains("whole number ≥ 0"))
        XCTAssertTrue(message { try self.call("zeros", [.number(.nan)]) }.contains("whole number ≥ 0"))
        XCTAssertTrue(message { try self.call("ones", [.number(2.5)]) }.contains("whole number ≥ 0"))
        XCTAssertTrue(message { try self.call("arange", [.number(0), .number(1e300)]) }.contains("too many"))
        XCTAssertTrue(message { try self.call("rand", [.string("x")]) }.contains("dimensions must be numbers"))
        XCTAssertTrue(message { try self.call("reshape", [self.t([1, 2, 3]), .number(2)]) }.contains("cannot reshape"))
        XCTAssertTrue(message { try self.call("sum", [self.t([1, 2])], [("axis", .number(1))]) }.contains("axis 1 is out of range"))
    }

    func testSeedAndRandomDrawsFollowNumPy() throws {
        _ = try call("seed", [.number(42)])
        // default_rng(42).random(3) is [0.77395605 0.43887844 0.85859792].
        let u = tensor(try call("rand", [.number(3)]))
        XCTAssertEqual(u.storage.map { ($0 * 1e8).rounded() }, [77_395_605, 43_887_844, 85_859_792])
        _ = try call("seed", [.number(1)])
        XCTAssertEqual(tensor(try call("permutation", [.number(10)])).storage, [8, 4, 7, 0, 1, 2, 5, 9, 6, 3].map(Double.init))
        _ = try call("seed", [.number(18446744073709549568)])   // 2^64 − 2048, the largest Double below 2^64
        XCTAssertTrue(message { try self.call("seed", [.number(-1)]) }.contains("whole number from 0"))
        XCTAssertTrue(message { try self.call("seed", [.number(0.5)]) }.contains("whole number from 0"))
        XCTAssertTrue(message { try self.call("seed", [.number(18446744073709551616)]) }.contains("whole number from 0"))
        let r = tensor(try call("randint", [.number(0), .number(3), .number(100)]))
        XCTAssertTrue(r.storage.allSatisfy { [0, 1, 2].contains($0) })
        let s = tensor(try call("shuffle", [t([1, 2, 3, 4, 5, 6], [3, 2])]))
        XCTAssertEqual(s.shape, [3, 2])
        XCTAssertEqual(Set(s.storage), Set([1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(tensor(try call("randn", [.number(2), .number(2)])).shape, [2, 2])
    }

    func testMathAndReductions() throws {
        XCTAssertEqual(number(try call("exp", [.number(0)])), 1)
        XCTAssertEqual(tensor(try call("sqrt", [t([4, 9])])).storage, [2, 3])
        XCTAssertEqual(tensor(try call("max", [t([-1, 2]), .number(0)])).storage, [0, 2])
        XCTAssertEqual(number(try call("max", [.number(3), .number(5)])), 5)
        XCTAssertEqual(number(try call("max", [t([1, 5, 3])])), 5)
        XCTAssertEqual(tensor(try call("max", [t([1, 5, 7, 2], [2, 2])], [("axis", .number(0))])).storage, [7, 5])
        XCTAssertEqual(number(try call("min", [t([1, 5, 3])])), 1)
        XCTAssertEqual(number(try call("sum", [t([1, 2, 3, 4], [2, 2])])), 10)
        XCTAssertEqual(tensor(try call("sum", [t([1, 2, 3, 4], [2, 2])], [("axis", .number(0))])).storage, [4, 6])
        XCTAssertEqual(tensor(try call("mean", [t([1, 2, 3, 4], [2, 2])], [("axis", .number(-1))])).storage, [1.5, 3.5])
        XCTAssertEqual(number(try call("argmax", [t([3, 9, 2])])), 1)
        XCTAssertEqual(tensor(try call("argmax", [t([1, 5, 7, 2], [2, 2])], [("axis", .number(1))])).storage, [1, 0])
        XCTAssertEqual(number(try call("norm", [t([3, 4])])), 5)
        XCTAssertEqual(number(try call("dot", [t([1, 2, 3]), t([4, 5, 6])])), 32)
        XCTAssertEqual(tensor(try call("outer", [t([1, 2]), t([1, 10])])).storage, [1, 10, 2, 20])
        XCTAssertEqual(tensor(try call("clip", [t([-2, 0.5, 3]), .number(0), .number(1)])).storage, [0, 0.5, 1])
        XCTAssertEqual(number(try call("round", [.number(2.675), .number(2)])), 2.68)  // NumPy's answer
        XCTAssertEqual(number(try call("std", [t([1, 2, 3, 4])])), 1.25.squareRoot())
        XCTAssertTrue(message { try self.call("max", [self.t([])]) }.contains("empty"))
        XCTAssertTrue(message { try self.call("dot", [self.t([1, 2]), self.t([1])]) }.contains("do not line up"))
    }

    func testPrecisionSetter() throws {
        XCTAssertEqual(number(try call("precision", [.number(6)])), 4)
        XCTAssertEqual(ctx.printPrecision, 6)
        XCTAssertEqual(number(try call("precision")), 6)
        XCTAssertTrue(message { try self.call("precision", [.number(0)]) }.contains("1 to 17"))
    }

    func testFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nns-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.csv").path
        _ = try call("save_csv", [t([1, 2.5, 3, 4], [2, 2]), .string(path)])
        XCTAssertEqual(tensor(try call("load_csv", [.string(path)])).storage, [1, 2.5, 3, 4])
        try "a,b\n1,x\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertTrue(message { try self.call("load_csv", [.string(path)]) }.contains("line 2, column 2"))
        XCTAssertTrue(message { try self.call("load_idx", [.string(path)]) }.contains("not a valid IDX file"))
        XCTAssertTrue(message { try self.call("load_csv", [.string(dir.appendingPathComponent("none.csv").path)]) }.contains("cannot open"))
    }
}
