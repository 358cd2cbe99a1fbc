// Value: everything a script can hold. Numbers, bools, strings and tensors are values (assignment
// copies; copy-on-write keeps it cheap); lists, records, functions and objects are shared references.
import TensorKit

/// A script value.
public enum Value {
    case number(Double)
    case bool(Bool)
    case string(String)
    case none
    case tensor(Tensor)
    case list(ListBox)
    case record(RecordBox)
    case function(any Callable)
    case object(any ScriptObject)

    /// The kind's name as users read it in messages (`number`, `tensor`, `network`, ...).
    public var kindName: String {
        switch self {
        case .number: return "number"
        case .bool: return "bool"
        case .string: return "string"
        case .none: return "none"
        case .tensor: return "tensor"
        case .list: return "list"
        case .record: return "record"
        case .function: return "function"
        case .object(let o): return o.kindName
        }
    }
}

/// A list: an ordered, mutable, shared sequence of values.
public final class ListBox {
    /// The items, in order.
    public var items: [Value]
    /// Why the list may not change, or nil when it may. A list an object makes when a field is
    /// read (`net.layers`, `x.shape`) is a fresh copy: changing it would change nothing the user
    /// meant, so `net.layers[0] = l` and `append(net.layers, l)` are errors with this message.
    public var readOnly: String?
    public init(_ items: [Value], readOnly: String? = nil) {
        self.items = items
        self.readOnly = readOnly
    }
}

/// A record: named fields in the order they were first written, shared by reference.
public final class RecordBox {
    /// Field names in insertion order.
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}
    /// A record with these fields, in this order.
    public init(_ fields: [(String, Value)]) {
        for (k, v) in fields { self[k] = v }
    }

    /// The field's value, or nil when the record has no such field.
    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let v = newValue {
                if storage.updateValue(v, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The fields in order.
    public var fields: [(String, Value)] {
        keys.compactMap { k in storage[k].map { (k, $0) } }
    }
}

/// Anything a script can call: a built-in or a user function.
public protocol Callable: AnyObject {
    /// The name shown in messages and tracebacks (`<fn>` for anonymous functions).
    var name: String { get }
    /// True only for functions defined in a script (the interpreter's fast call path).
    var isUserFunction: Bool { get }
}

extension Callable {
    /// True only for functions defined in a script (the interpreter's fast call path).
    public var isUserFunction: Bool { false }
}
