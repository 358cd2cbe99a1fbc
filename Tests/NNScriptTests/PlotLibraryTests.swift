// Tests of the plot bindings (plot, scatter, show) called as built-ins with a context whose
// function calls are served by Swift closures, so they run without the interpreter.
import XCTest
import Foundation
import TensorKit
@testable import NNScript

/// A script function backed by a Swift closure; `tensorCalls` counts calls with a tensor.
final class SwiftFunction: Callable {
    let name: String
    let body: (Value) throws -> Value
    var tensorCalls = 0
    var numberCalls = 0
    init(_ name: String, _ body: @escaping (Value) throws -> Value) {
        self.name = name
        self.body = body
    }
}

final class PlotLibraryTests: XCTestCase {
    var output = ""
    var pictures: [([UInt8], String)] = []

    func context(color: Bool = false) -> ScriptContext {
        let ctx = ScriptContext(terminal: TerminalInfo(isTerminal: color, color: color, width: 100),
                                write: { [unowned self] in self.output += $0 }, writeError: { _ in })
        ctx.callFunction = { f, args in
            guard case .function(let c) = f, let fn = c as? SwiftFunction, let a = args.first else {
                throw ScriptError.runtime("not callable")
            }
            if case .tensor = a { fn.tensorCalls += 1 } else { fn.numberCalls += 1 }
            return try fn.body(a)
        }
        return ctx
    }

    func call(_ b: Builtin, _ positional: [Value], _ named: [(String, Value)] = [], _ ctx: ScriptContext) throws {
        _ = try b.body(try Arguments(function: b.name, parameters: b.parameters, positional: positional, named: named), ctx)
    }

    func message(_ e: Error) -> String {
        (e as? ScriptError)?.message ?? (e as? DescribedError)?.message ?? "\(e)"
    }

    static var square: SwiftFunction { SwiftFunction("square") { v in
        switch v {
        case .tensor(let t): return .tensor(Tensor(shape: t.shape, storage: t.storage.map { $0 * $0 }))
        case .number(let x): return .number(x * x)
        default: throw ScriptError.runtime("bad")
        }
    } }

    func testFunctionsAreSampledOnceOnATensor() throws {
        let cube = SwiftFunction("cube") { v in
            guard case .tensor(let t) = v else { throw ScriptError.runtime("bad") }
            return .tensor(Tensor(shape: t.shape, storage: t.storage.map { $0 * $0 * $0 }))
        }
        try call(PlotLibrary.plot, [.function(cube), .function(PlotLibraryTests.square)],
                 [("from", .number(-2)), ("to", .number(2))], context())
        XCTAssertEqual(cube.tensorCalls, 1)
        XCTAssertEqual(cube.numberCalls, 0)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 20 + 3 + 1)   // plot rows, axis, labels, legend, final newline
        XCTAssertEqual(lines[22], "  * cube   + square")
        XCTAssertFalse(output.contains("\u{1B}"))
        XCTAssertTrue(lines.allSatisfy { $0.count <= 72 })
    }

    func testFunctionsThatRejectTensorsAreCalledPerNumber() throws {
        let scalarOnly = SwiftFunction("<fn>") { v in
            guard case .number(let x) = v else { throw ScriptError.runtime("a tensor in if") }
            return .number(x > 0 ? 1 : 0)
        }
        try call(PlotLibrary.plot, [.function(scalarOnly)], [("samples", .number(11))], context())
        XCTAssertEqual(scalarOnly.numberCalls, 11)
        XCTAssertTrue(output.hasSuffix("── function 1\n"), output)
    }

    func testTensorPlotsAndShapeErrors() throws {
        let loss = Tensor([1, 0.5, 0.25, 0.2])
        try call(PlotLibrary.plot, [.tensor(loss)], [("labels", .list(ListBox([.string("loss")])))], context())
        XCTAssertTrue(output.hasSuffix("── loss\n"))
        XCTAssertThrowsError(try call(PlotLibrary.plot, [.tensor(Tensor([1, 2, 3])), .tensor(loss)], [], context())) {
            XCTAssertEqual(self.message($0), "plot: x has 3 values but y of shape [4] has 4 rows")
        }
        XCTAssertThrowsError(try call(PlotLibrary.plot, [], [], context())) {
            XCTAssertTrue(self.message($0).hasPrefix("plot needs something to draw"))
        }
        XCTAssertThrowsError(try call(PlotLibrary.plot, [.string("x")], [], context())) {
            XCTAssertEqual(self.message($0), "bad argument #1 to 'plot' (function, tensor or history expected, got string)")
        }
        XCTAssertThrowsError(try call(PlotLibrary.plot, [.function(PlotLibraryTests.square)],
                                      [("from", .number(1)), ("to", .number(1))], context())) {
            XCTAssertTrue(self.message($0).hasPrefix("bad argument 'from' to 'plot' (a finite number below"))
        }
        XCTAssertThrowsError(try call(PlotLibrary.plot, [.tensor(Tensor([.nan, .infinity]))], [], context())) {
            XCTAssertEqual(self.message($0), "nothing to plot: every one of the 2 points is nan or infinite")
        }
    }

    func testFilesAndPictureSink() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nns-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("p.png").path, svg = dir.appendingPathComponent("p.svg").path
        try call(PlotLibrary.plot, [.function(PlotLibraryTests.square)], [("file", .string(png))], context())
        try call(PlotLibrary.plot, [.function(PlotLibraryTests.square)], [("file", .string(svg))], context())
        XCTAssertEqual(output, "")
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: png)).prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertTrue(try String(contentsOfFile: svg, encoding: .utf8).contains("<title>square</title>"))
        XCTAssertThrowsError(try call(PlotLibrary.plot, [.function(PlotLibraryTests.square)],
                                      [("file", .string(dir.path + "/p.gif"))], context()))

        let ctx = context()
        ctx.pictureSink = { [unowned self] bytes, alt, _ in self.pictures.append((bytes, alt)) }
        try call(PlotLibrary.plot, [.function(PlotLibraryTests.square)], [], ctx)
        try call(PlotLibrary.show, [.tensor(Tensor(shape: [2, 4], storage: [0, 1, 1, 0, 1, 0, 0, 1]))], [], ctx)
        XCTAssertEqual(output, "")
        XCTAssertEqual(pictures.map(\.1), ["line plot of square", "2 grey images of 2×2 pixels"])
        XCTAssertTrue(pictures.allSatisfy { Array($0.0.prefix(4)) == [0x89, 0x50, 0x4E, 0x47] })
    }

    func testScatter() throws {
        let X = Tensor(shape: [4, 2], storage: [0, 0, 0, 1, 1, 0, 1, 1])
        try call(PlotLibrary.scatter, [.tensor(X), .tensor(Tensor([0, 1, 1, 0]))], [], context())
        XCTAssertTrue(output.hasSuffix("  * 0   + 1\n"), output)
        output = ""
        let onehot = Tensor(shape: [4, 3], storage: [1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0])
        try call(PlotLibrary.scatter, [.tensor(X), .tensor(onehot)],
                 [("names", .list(ListBox([.string("zero"), .string("two")])))], context())
        XCTAssertTrue(output.hasSuffix("  * zero   + two\n"), output)
        XCTAssertThrowsError(try call(PlotLibrary.scatter, [.tensor(Tensor([1, 2, 3]))], [], context())) {
            XCTAssertEqual(self.message($0), "bad argument 'X' to 'scatter' (an N×2 tensor (one point per row) expected, got shape [3])")
        }
        XCTAssertThrowsError(try call(PlotLibrary.scatter, [.tensor(X), .tensor(Tensor([1, 2]))], [], context())) {
            XCTAssertEqual(self.message($0), "scatter: X has 4 points but labels has shape [2]")
        }
    }

    func testShow() throws {
        let A = Tensor(shape: [2, 4], storage: [0, 1, 1, 0, 1, 1, 0, 0])
        try call(PlotLibrary.show, [.tensor(A), .tensor(Tensor(shape: [2, 4], storage: A.storage.map { 1 - $0 }))], [], context())
        // Two 2×2 images per row, originals above their complements.
        XCTAssertEqual(output, "  @@ @@@@\n@@\n\n@@\n  @@ @@@@\n")
        output = ""
        try call(PlotLibrary.show, [.tensor(A)], [("shape", .tensor(Tensor([2, 2])))], context(color: true))
        XCTAssertTrue(output.contains("▀"))
        let bad: [(Value, String)] = [
            (.tensor(Tensor([1e9, 1e9])), "show: shape: [1000000000, 1000000000] is too large (at most 16384 pixels a side)"),
            (.tensor(Tensor([3, 3])), "show: the tensor of shape [2, 4] has 8 values, not a whole number of 3×3 images (9 values each)"),
            (.tensor(Tensor([2, .nan])), "bad argument 'shape' to 'show' (two whole numbers [height, width], each at least 1, expected, got [2, nan])"),
            (.string("8x8"), "bad argument 'shape' to 'show' ([height, width] expected, got string)"),
        ]
        for (shape, expected) in bad {
            XCTAssertThrowsError(try call(PlotLibrary.show, [.tensor(A)], [("shape", shape)], context())) {
                XCTAssertEqual(self.message($0), expected)
            }
        }
        XCTAssertThrowsError(try call(PlotLibrary.show, [.tensor(A)], [("norm", .string("log"))], context()))
        XCTAssertThrowsError(try call(PlotLibrary.show, [.string("A")], [], context()))
    }
}
