// ServeProtocol: the machine protocol of `nns --serve` (docs/jupyter.md) — newline-delimited JSON
// objects over stdin/stdout, one request at a time. This file holds the pure part: cutting bytes
// into lines and reading a line into a request, or into the protocol error nns answers with. Both
// take bytes and never trap, so a fuzzer can call them directly.
import TensorKit

/// The protocol's name and version, sent in the `hello` message.
public enum ServeProtocol {
    /// The protocol's name.
    public static let name = "nns-serve"
    /// Bumped on any change a front end must know about.
    public static let version = 1
    /// The longest line (message) read; a longer one is answered with a protocol error and skipped.
    public static let maximumLine = 64 << 20
    /// The largest cell number a front end may ask for.
    public static let maximumCellNumber = 1_000_000
}

/// One request from the front end.
public struct ServeRequest: Equatable, Sendable {
    /// What the request asks.
    public enum Kind: Equatable, Sendable {
        /// Run a cell. `silent` runs it without output; `cellNumber` is Jupyter's execution count.
        case execute(code: String, silent: Bool, cellNumber: Int?)
        /// Completions at a cursor (counted in Unicode scalars, as Jupyter counts).
        case complete(code: String, cursor: Int)
        /// Help on the name at a cursor.
        case inspect(code: String, cursor: Int)
        /// Whether code is a complete cell, unfinished, or invalid.
        case isComplete(code: String)
        /// The `hello` facts again.
        case kernelInfo
        /// Stop the running cell (as SIGINT does).
        case interrupt
        /// End the session.
        case shutdown
    }

    /// The request's `id` (a string, a number or null), echoed in every message that answers it.
    public var id: JSONValue
    public var kind: Kind

    public init(id: JSONValue, kind: Kind) {
        self.id = id
        self.kind = kind
    }
}

/// A message nns cannot act on: answered with `{"type": "protocol_error", ...}`.
public struct ServeProtocolError: Error, Equatable, Sendable {
    /// What was wrong.
    public var message: String
    /// The request's id, when the message was an object with a usable one.
    public var id: JSONValue

    public init(_ message: String, id: JSONValue = .null) {
        self.message = message
        self.id = id
    }
}

extension ServeRequest {
    /// Reads one line (without its newline) into a request.
    public static func parse(_ line: [UInt8]) -> Result<ServeRequest, ServeProtocolError> {
        let value: JSONValue
        switch JSONValue.read(line) {
        case .failure(let e): return .failure(ServeProtocolError("the message is not JSON: \(e.message)"))
        case .success(let v): value = v
        }
        guard case .object = value else {
            return .failure(ServeProtocolError("a message must be a JSON object"))
        }
        let id = value["id"] ?? .null
        switch id {
        case .null, .string: break
        case .number(let x) where x == x.rounded() && abs(x) < 9_007_199_254_740_992: break
        case .number, .bool, .array, .object:
            return .failure(ServeProtocolError("\"id\" must be a string or an integer"))
        }
        do {
            return .success(ServeRequest(id: id, kind: try kind(of: value)))
        } catch {
            return .failure(ServeProtocolError(error.message, id: id))
        }
    }

    /// The request kind named by `type`, with its fields checked.
    private static func kind(of m: JSONValue) throws(ServeProtocolError) -> Kind {
        guard case .string(let type)? = m["type"] else {
            throw ServeProtocolError("a message needs a \"type\" string")
        }
        switch type {
        case "execute_request":
            let count = try optionalInt(m, "execution_count")
            // `Out` keeps an entry for every cell number up to the largest, so the number is bounded.
            if let count, count > ServeProtocol.maximumCellNumber {
                throw ServeProtocolError("\"execution_count\" must be at most \(ServeProtocol.maximumCellNumber)")
            }
            return .execute(code: try string(m, "code"), silent: try bool(m, "silent"), cellNumber: count)
        case "complete_request":
            let code = try string(m, "code")
            return .complete(code: code, cursor: try cursor(m, code))
        case "inspect_request":
            let code = try string(m, "code")
            return .inspect(code: code, cursor: try cursor(m, code))
        case "is_complete_request":
            return .isComplete(code: try string(m, "code"))
        case "kernel_info_request": return .kernelInfo
        case "interrupt_request": return .interrupt
        case "shutdown_request": return .shutdown
        default:
            let shown = type.count > 40 ? String(type.prefix(40)) + "…" : type
            throw ServeProtocolError("unknown message type \"\(shown)\" (expected execute_request, complete_request, "
                + "inspect_request, is_complete_request, kernel_info_request, interrupt_request or shutdown_request)")
        }
    }

    private static func string(_ m: JSONValue, _ key: String) throws(ServeProtocolError) -> String {
        guard case .string(let s)? = m[key] else { throw ServeProtocolError("\"\(key)\" must be a string") }
        return s
    }

    private static func bool(_ m: JSONValue, _ key: String) throws(ServeProtocolError) -> Bool {
        switch m[key] {
        case nil, .null?: return false
        case .bool(let b)?: return b
        default: throw ServeProtocolError("\"\(key)\" must be true or false")
        }
    }

    private static func optionalInt(_ m: JSONValue, _ key: String) throws(ServeProtocolError) -> Int? {
        switch m[key] {
        case nil, .null?: return nil
        case .number(let x)? where x == x.rounded() && x >= 0 && x < 1e15: return Int(x)
        default: throw ServeProtocolError("\"\(key)\" must be a whole number ≥ 0")
        }
    }

    /// `cursor_pos` in Unicode scalars, 0…the code's length; absent means the end of the code.
    private static func cursor(_ m: JSONValue, _ code: String) throws(ServeProtocolError) -> Int {
        let length = code.unicodeScalars.count
        guard let n = try optionalInt(m, "cursor_pos") else { return length }
        guard n <= length else {
            throw ServeProtocolError("\"cursor_pos\" \(n) is past the end of the code (\(length) characters)")
        }
        return n
    }
}

/// Cuts a byte stream into lines at `\n` (a `\r` before it dropped), holding a partial line until
/// its end arrives; a line longer than the limit is reported once and its bytes discarded.
public struct ServeLineReader: Sendable {
    /// One piece of the stream.
    public enum Piece: Equatable, Sendable {
        case line([UInt8])
        /// A line that went past the limit (its length when it ended, or so far).
        case tooLong(Int)
    }

    private var partial: [UInt8] = []
    private var skipping = 0
    private let limit: Int

    public init(limit: Int = ServeProtocol.maximumLine) {
        self.limit = limit
    }

    /// Adds bytes read from the stream and gives the pieces they complete.
    public mutating func push(_ bytes: some Collection<UInt8>) -> [Piece] {
        var pieces: [Piece] = []
        for b in bytes {
            if b == 0x0A {
                if skipping > 0 {
                    skipping = 0
                } else {
                    if partial.last == 0x0D { partial.removeLast() }
                    pieces.append(.line(partial))
                }
                partial.removeAll(keepingCapacity: partial.count < 1 << 16)
                continue
            }
            if skipping > 0 { skipping += 1; continue }
            partial.append(b)
            if partial.count > limit {
                pieces.append(.tooLong(partial.count))
                skipping = partial.count
                partial = []
            }
        }
        return pieces
    }

    /// True when bytes of an unfinished line are held (the stream ended in the middle of a message).
    public var hasPartialLine: Bool { !partial.isEmpty || skipping > 0 }
}
