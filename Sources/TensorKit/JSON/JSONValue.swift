// JSONValue: one JSON value as a tree, the shape nns uses for the machine protocol (`nns --serve`)
// and `.ipynb` notebooks. Reading is in JSONScanner (strict RFC 8259, never trapping), writing in
// JSONValue+Writing.swift.

/// A JSON value; objects keep their members in order, so what nns writes is deterministic.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The value of the last member named `key` of an object (JSON allows repeats; the last one
    /// counts, as in Python's `json`); nil for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// An object from key-value pairs, in order.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.key, value: $0.value) })
    }

    /// An integral number.
    public static func int(_ n: Int) -> JSONValue { .number(Double(n)) }

    /// A list of strings.
    public static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue
    /// A member named `key` holding `value`.
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// Why a text is not the JSON expected.
public struct JSONReadError: Error, Equatable, Sendable {
    /// The message, naming the byte offset.
    public let message: String
}

extension JSONValue {
    /// Nesting deeper than this is refused (the protocol's messages are flat; the limit keeps a
    /// hostile `[[[[...` from exhausting the stack).
    public static let maximumDepth = 64

    /// Reads one JSON value that must fill all of `bytes` (whitespace around it allowed).
    public static func read(_ bytes: [UInt8]) -> Result<JSONValue, JSONReadError> {
        var scan = JSONScanner(bytes, maxDepth: maximumDepth)
        do {
            let value = try scan.value()
            try scan.expectEnd()
            return .success(value)
        } catch {
            return .failure(JSONReadError(message: "\(error.what) at byte \(error.offset)"))
        }
    }
}
