// JSONScanner: the one strict JSON (RFC 8259) reader in nns. It reads a whole value into a
// JSONValue, or walks a document member by member (the safetensors header), checking and skipping
// what the caller does not need without building it. Every read is bounds-checked and nesting is
// limited, so hostile bytes give a failure with its offset, never a trap or a deep recursion.

/// What is wrong with a JSON text, and at which byte (callers add where the bytes came from).
struct JSONSyntaxError: Error, Equatable {
    let what: String
    let offset: Int
}

/// Reads JSON from UTF-8 bytes, one token or one value at a time.
struct JSONScanner {
    let bytes: [UInt8]
    /// The next byte to read.
    var offset = 0
    /// Containers may nest this deep; one more is an error.
    let maxDepth: Int

    /// A scanner over `bytes` that refuses values nested more than `maxDepth` containers deep.
    init(_ bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func fail(_ what: String) -> JSONSyntaxError { JSONSyntaxError(what: what, offset: offset) }

    /// The next byte after white space, without consuming it; nil at the end.
    mutating func peek() -> UInt8? {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        return offset < bytes.count ? bytes[offset] : nil
    }

    /// Consumes `byte` (after white space) or fails with "expected `what`".
    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard peek() == byte else { throw fail("expected \(what)") }
        offset += 1
    }

    /// Fails unless only white space is left.
    mutating func expectEnd() throws(JSONSyntaxError) {
        guard peek() == nil else { throw fail("unexpected text after the JSON value") }
    }

    /// Fails when only white space is left where a value must come.
    mutating func requireValue() throws(JSONSyntaxError) {
        guard peek() != nil else { throw fail("the JSON text ends too early") }
    }

    // MARK: Containers, member by member

    /// The next member's name (its `:` consumed), or nil after the object's `}`; `first` says
    /// whether the object's `{` was just read.
    /// object = '{' [ string ':' value *( ',' string ':' value ) ] '}'
    mutating func nextKey(first: inout Bool) throws(JSONSyntaxError) -> String? {
        if first {
            first = false
            if peek() == UInt8(ascii: "}") { offset += 1; return nil }
        } else {
            guard let c = peek() else { throw fail("the JSON text ends inside an object") }
            if c == UInt8(ascii: "}") { offset += 1; return nil }
            guard c == UInt8(ascii: ",") else { throw fail("expected ',' or '}' in an object") }
            offset += 1
        }
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
        let key = try string()
        guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after a member name") }
        offset += 1
        return key
    }

    /// True when another item follows (its `,` consumed), false after the array's `]`.
    /// array = '[' [ value *( ',' value ) ] ']'
    mutating func nextItem(first: inout Bool) throws(JSONSyntaxError) -> Bool {
        if first {
            first = false
            if peek() == UInt8(ascii: "]") { offset += 1; return false }
            return true
        }
        guard let c = peek() else { throw fail("the JSON text ends inside an array") }
        if c == UInt8(ascii: "]") { offset += 1; return false }
        guard c == UInt8(ascii: ",") else { throw fail("expected ',' or ']' in an array") }
        offset += 1
        return true
    }

    /// A list of at most `limit` whole numbers ≥ 0, such as a shape.
    mutating func wholeNumbers(limit: Int) throws(JSONSyntaxError) -> [Int] {
        try expect(UInt8(ascii: "["), "a list")
        var out: [Int] = []
        var first = true
        while try nextItem(first: &first) {
            _ = peek()
            guard out.count < limit else { throw fail("more than \(limit) entries in a list") }
            out.append(try wholeNumber())
        }
        return out
    }

    // MARK: Whole values

    /// The next value, read whole.
    mutating func value() throws(JSONSyntaxError) -> JSONValue { try walk(keep: true, depth: 0) }

    /// Checks and skips the next value, keeping none of it (a hostile header's megabytes of
    /// skipped fields cost no memory).
    mutating func skipValue() throws(JSONSyntaxError) { _ = try walk(keep: false, depth: 0) }

    /// One value, nested containers counted by `depth`; built when `keep`, else `.null`.
    /// value = object / array / string / number / true / false / null
    private mutating func walk(keep: Bool, depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard let c = peek() else { throw fail("the JSON text ends too early") }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < maxDepth else { throw fail("JSON nested more than \(maxDepth) levels deep") }
            offset += 1
            var first = true
            if c == UInt8(ascii: "{") {
                var members: [JSONMember] = []
                while let key = try nextKey(first: &first) {
                    let item = try walk(keep: keep, depth: depth + 1)
                    if keep { members.append(JSONMember(key: key, value: item)) }
                }
                return keep ? .object(members) : .null
            }
            var items: [JSONValue] = []
            while try nextItem(first: &first) {
                let item = try walk(keep: keep, depth: depth + 1)
                if keep { items.append(item) }
            }
            return keep ? .array(items) : .null
        case UInt8(ascii: "\""):
            let s = try string()
            return keep ? .string(s) : .null
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = offset
            _ = try numberToken()
            return keep ? .number(try double(from: start)) : .null
        default: throw fail("expected a JSON value")
        }
    }
}
