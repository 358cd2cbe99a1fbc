// JSONValue: the JSON of the machine protocol (`nns --serve`) and of `.ipynb` files — a value
// type, a strict RFC 8259 reader that never traps on hostile bytes (depth- and size-limited, every
// failure a message with its byte offset), and a writer with a fixed key order.
import TensorKit

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

// MARK: - writing

extension JSONValue {
    /// The value as compact JSON text (one line: newlines inside strings are escaped).
    public var text: String {
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// The value as JSON text with members and items on their own lines, `indent` spaces a level
    /// (the layout Jupyter writes notebooks in).
    public func text(indent: Int) -> String {
        var out = ""
        write(to: &out, indent: String(repeating: " ", count: indent), level: 0)
        return out
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        func newline(_ level: Int) {
            guard let indent else { return }
            out += "\n" + String(repeating: indent, count: level)
        }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.numberText(x)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                JSONValue.writeString(m.key, to: &out)
                out += indent == nil ? ":" : ": "
                m.value.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "}"
        }
    }

    /// A number as nns prints it (every such text is a JSON number: `-0`, `1e-05`, `1e+20`);
    /// JSON has no inf or nan, so those become null.
    static func numberText(_ x: Double) -> String { x.isFinite ? NumberText.shortest(x) : "null" }

    /// A string with `"`, `\` and control characters escaped; everything else as UTF-8.
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

// MARK: - reading

extension JSONValue {
    /// Nesting deeper than this is refused (the protocol's messages are flat; the limit keeps a
    /// hostile `[[[[...` from exhausting the stack).
    public static let maximumDepth = 64

    /// Reads one JSON value that must fill all of `bytes` (whitespace around it allowed).
    public static func read(_ bytes: [UInt8]) -> Result<JSONValue, JSONReadError> {
        var reader = JSONReader(bytes: bytes)
        do throws(JSONReadError) {
            reader.skipSpace()
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.at == bytes.count else { throw reader.fail("unexpected text after the JSON value") }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}

/// A cursor over the bytes being read.
private struct JSONReader {
    let bytes: [UInt8]
    var at = 0

    func fail(_ what: String) -> JSONReadError {
        JSONReadError(message: "\(what) at byte \(at)")
    }

    mutating func skipSpace() {
        while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
    }

    // value = object / array / string / number / true / false / null
    mutating func value(depth: Int) throws(JSONReadError) -> JSONValue {
        guard at < bytes.count else { throw fail("the JSON text ends too early") }
        switch bytes[at] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("expected a JSON value")
        }
    }

    mutating func word(_ w: String) throws(JSONReadError) {
        let expected = Array(w.utf8)
        guard at + expected.count <= bytes.count else { throw fail("the JSON text ends too early") }
        for (i, b) in expected.enumerated() where bytes[at + i] != b { throw fail("expected a JSON value") }
        at += expected.count
    }

    // object = '{' [ string ':' value *( ',' string ':' value ) ] '}'
    mutating func object(depth: Int) throws(JSONReadError) -> JSONValue {
        guard depth <= JSONValue.maximumDepth else { throw fail("JSON nested more than \(JSONValue.maximumDepth) levels deep") }
        at += 1
        var members: [JSONMember] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
        while true {
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
            let key = try string()
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw fail("expected ':' after a member name") }
            at += 1
            skipSpace()
            members.append(JSONMember(key: key, value: try value(depth: depth)))
            skipSpace()
            guard at < bytes.count else { throw fail("the JSON text ends inside an object") }
            if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
            if bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
            throw fail("expected ',' or '}' in an object")
        }
    }

    // array = '[' [ value *( ',' value ) ] ']'
    mutating func array(depth: Int) throws(JSONReadError) -> JSONValue {
        guard depth <= JSONValue.maximumDepth else { throw fail("JSON nested more than \(JSONValue.maximumDepth) levels deep") }
        at += 1
        var items: [JSONValue] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth))
            skipSpace()
            guard at < bytes.count else { throw fail("the JSON text ends inside an array") }
            if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
            if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
            throw fail("expected ',' or ']' in an array")
        }
    }

    // number = [ '-' ] int [ frac ] [ exp ]; int = '0' / digit1-9 *digit
    mutating func number() throws(JSONReadError) -> Double {
        let start = at
        func digits() -> Int {
            let s = at
            while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
            return at - s
        }
        if bytes[at] == UInt8(ascii: "-") { at += 1 }
        let intStart = at
        let n = digits()
        guard n > 0 else { throw fail("expected digits in a number") }
        guard n == 1 || bytes[intStart] != UInt8(ascii: "0") else { throw fail("a number may not start with 0") }
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            guard digits() > 0 else { throw fail("expected digits after '.'") }
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            at += 1
            if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard digits() > 0 else { throw fail("expected digits in an exponent") }
        }
        let text = String(decoding: bytes[start..<at], as: UTF8.self)
        guard let x = Double(text), x.isFinite else { throw fail("the number \(text.prefix(40)) is out of range") }
        return x
    }

    // string = '"' *char '"', with the escapes \" \\ \/ \b \f \n \r \t \uXXXX (surrogate pairs joined)
    mutating func string() throws(JSONReadError) -> String {
        at += 1
        var scalars = String.UnicodeScalarView()
        var runStart = at
        func flushRun() throws(JSONReadError) {
            guard runStart < at else { return }
            // The bytes between escapes must be UTF-8 on their own.
            guard let run = String(validating: bytes[runStart..<at], as: UTF8.self) else {
                throw fail("the string is not UTF-8 text")
            }
            scalars.append(contentsOf: run.unicodeScalars)
        }
        while true {
            guard at < bytes.count else { throw fail("the JSON text ends inside a string") }
            let b = bytes[at]
            if b == UInt8(ascii: "\"") {
                try flushRun()
                at += 1
                return String(scalars)
            }
            if b < 0x20 { throw fail("a control character inside a string must be escaped") }
            if b != UInt8(ascii: "\\") { at += 1; continue }
            try flushRun()
            at += 1
            guard at < bytes.count else { throw fail("the JSON text ends inside a string") }
            let e = bytes[at]
            at += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    // A high surrogate must be followed by an escaped low one.
                    guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone surrogate in a \\u escape")
                    }
                    at += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate in a \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw fail("a lone surrogate in a \\u escape") }
                scalars.append(scalar)
            default:
                throw fail("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
            }
            runStart = at
        }
    }

    mutating func hex4() throws(JSONReadError) -> UInt32 {
        guard at + 4 <= bytes.count else { throw fail("the JSON text ends inside a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[at]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("expected four hex digits after \\u")
            }
            v = v * 16 + d
            at += 1
        }
        return v
    }
}
