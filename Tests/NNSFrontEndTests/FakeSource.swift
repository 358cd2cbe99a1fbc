// A completion source with hand-set globals and built-ins, so completion is tested without the
// interpreter; and a small object standing in for a network.
import NNScript
@testable import NNSFrontEnd

final class FakeSource: CompletionSource {
    var globals: [String: Value] = [:] { didSet { sortedNames = nil } }
    private var sortedNames: [String]?
    var builtins: [String: Builtin] = [:]
    let context = ScriptContext(write: { _ in }, writeError: { _ in })

    var globalNames: [String] {
        if let sortedNames { return sortedNames }
        let names = globals.keys.sorted()
        sortedNames = names
        return names
    }
    func global(_ name: String) -> Value? { globals[name] }
    var builtinNames: [String] { builtins.keys.sorted() }
    func builtin(_ name: String) -> Builtin? { builtins[name] }

    /// A built-in with these parameters and a trivial body.
    func addBuiltin(_ name: String, _ parameters: [BuiltinParameter]) {
        builtins[name] = Builtin(name, parameters, help: "Does \(name).", example: "\(name)()") { _, _ in .none }
    }

    /// The standard fixture: train/dense/tanh built-ins, a network, a record and a tensor.
    static func standard() -> FakeSource {
        let s = FakeSource()
        s.addBuiltin("train", [.required("model"), .required("X"), .optional("Y"),
                               .named("loss"), .named("opt"), .named("epochs", .number(100)),
                               .named("batch", .number(0)), .named("shuffle", .bool(true))])
        s.addBuiltin("dense", [.required("n_in"), .required("n_out"), .named("act")])
        s.addBuiltin("tanh", [.required("u")])
        s.addBuiltin("transpose", [.required("x")])
        let layer = FakeObject(kind: "layer", fields: ["W": .tensor(.init([1, 2])), "b": .tensor(.init([0])), "act": .none])
        let net = FakeObject(kind: "network", fields: ["layers": .list(ListBox([.object(layer)]))])
        s.globals["net"] = .object(net)
        s.globals["config"] = .record(RecordBox([("lr", .number(0.1)), ("epochs", .number(10))]))
        s.globals["X"] = .tensor(.init([1, 2, 3]))
        s.globals["xs"] = .list(ListBox([.record(RecordBox([("alpha", .number(1))]))]))
        return s
    }
}

final class FakeObject: ScriptObject {
    let kindName: String
    let fields: [String: Value]
    init(kind: String, fields: [String: Value]) {
        kindName = kind
        self.fields = fields
    }
    var fieldNames: [String] { fields.keys.sorted() }
    func field(_ name: String, context: ScriptContext) throws -> Value {
        guard let v = fields[name] else { throw noField(name) }
        return v
    }
    var description: String { "<\(kindName)>" }
    var memoryBytes: Int { 24 }
}
