// A strict JSON scanner (RFC 8259) for safetensors headers, read by the header's own shape rather
// than into a general tree: strings, whole numbers and lists of them are decoded where the
// header has them, anything else is checked and skipped, so a hostile 100 MB header costs no more
// memory than the names and numbers it really holds. Every read is bounds-checked; a malformed
// byte is an error with its offset, never a trap.

/// Reads JSON tokens from UTF-8 bytes, one at a time.
struct JSONScanner {
    private let bytes: [UInt8]
    private(set) var offset = 0
    /// Nesting allowed in skipped values; deeper input is an error, not a deep recursion.
    static let maxDepth = 32

    /// A scanner over `bytes`, which the caller has checked to be UTF-8 (see `firstInvalidUTF8`).
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// What went wrong, and where (the caller adds the file's name).
    struct Failure: Error {
        let what: String
        let offset: Int
    }

    private func fail(_ what: String) -> Failure { Failure(what: what, offset: offset) }

    /// The next byte after white space, without consuming it; nil at the end.
    mutating func peek() -> UInt8? {
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x09
                || bytes[offset] == 0x0A || bytes[offset] == 0x0D {
            offset += 1
        }
        return offset < bytes.count ? bytes[offset] : nil
    }

    /// Consumes `byte` (after white space) or fails naming what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard peek() == byte else { throw fail("expected \(what)") }
        offset += 1
    }

    /// Fails with "expected a value" when only white space is left.
    mutating func requireValue() throws {
        guard peek() != nil else { throw fail("expected a value") }
    }

    /// True when only white space is left.
    mutating func atEnd() -> Bool { peek() == nil }

    // MARK: Objects and arrays

    /// Starts an object: `{`.
    mutating func openObject(_ what: String) throws { try expect(UInt8(ascii: "{"), what) }

    /// The next member's key (its `:` consumed), or nil at the object's `}`; `first` tracks
    /// whether a `,` is due.  object = '{' [ string ':' value { ',' string ':' value } ] '}'
    mutating func nextKey(first: inout Bool) throws -> String? {
        if peek() == UInt8(ascii: "}") { offset += 1; return nil }
        if !first { try expect(UInt8(ascii: ","), "',' or '}' after a value") }
        first = false
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
        let key = try string()
        try expect(UInt8(ascii: ":"), "':' after a key")
        return key
    }

    /// A list of whole numbers ≥ 0, at most `limit` of them.  array = '[' [ int { ',' int } ] ']'
    mutating func wholeNumbers(limit: Int) throws -> [Int] {
        try expect(UInt8(ascii: "["), "a list")
        var out: [Int] = []
        if peek() == UInt8(ascii: "]") { offset += 1; return out }
        while true {
            guard out.count < limit else { throw fail("more than \(limit) entries in a list") }
            out.append(try wholeNumber())
            if peek() == UInt8(ascii: "]") { offset += 1; return out }
            try expect(UInt8(ascii: ","), "',' or ']' in a list")
        }
    }

    /// Checks and skips one value of any kind, nested at most `maxDepth` deep.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < JSONScanner.maxDepth else { throw fail("values nested more than \(JSONScanner.maxDepth) deep") }
        switch peek() {
        case UInt8(ascii: "{"):
            offset += 1
            var first = true
            while try nextKey(first: &first) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            offset += 1
            if peek() == UInt8(ascii: "]") { offset += 1; return }
            while true {
                try skipValue(depth: depth + 1)
                if peek() == UInt8(ascii: "]") { offset += 1; return }
                try expect(UInt8(ascii: ","), "',' or ']' in a list")
            }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case let c? where c == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c):
            _ = try numberToken()
        default: throw fail("expected a value")
        }
    }

    private mutating func literal(_ word: String) throws {
        for c in word.utf8 {
            guard offset < bytes.count, bytes[offset] == c else { throw fail("expected '\(word)'") }
            offset += 1
        }
    }

    // MARK: Numbers

    /// A whole number ≥ 0 written without fraction or exponent (`0`, `48`), below 2⁶³.
    mutating func wholeNumber() throws -> Int {
        _ = peek()
        let start = offset
        let (integral, plain) = try numberToken()
        guard plain, bytes[start] != UInt8(ascii: "-") else {
            offset = start
            throw fail("expected a whole number ≥ 0")
        }
        var value = 0
        for i in start..<(start + integral) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(bytes[i] - UInt8(ascii: "0")))
            guard !o1, !o2 else { offset = start; throw fail("a number too large") }
            value = sum
        }
        return value
    }

    /// Scans number = [ '-' ] int [ frac ] [ exp ]; gives the length of its leading digits
    /// (sign excluded) and whether it had neither fraction nor exponent.
    private mutating func numberToken() throws -> (integralDigits: Int, plain: Bool) {
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let digitsStart = offset
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("expected a digit") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count, isDigit(bytes[offset]) { throw fail("a number with a leading zero") }
        } else {
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        let integral = offset - digitsStart
        var plain = true
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            try digits()
            plain = false
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            try digits()
            plain = false
        }
        return (integral, plain)
    }

    private mutating func digits() throws {
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("expected a digit") }
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    // MARK: Strings

    /// A string: '"' { char | escape } '"', escapes \" \\ \/ \b \f \n \r \t \uXXXX (surrogate
    /// pairs joined, lone halves refused); raw control characters are not allowed.
    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""), "a string")
        var out: [UInt8] = []
        while true {
            guard offset < bytes.count else { throw fail("a string that never ends") }
            let c = bytes[offset]
            offset += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { throw fail("a string that never ends") }
                let e = bytes[offset]
                offset += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
                default: offset -= 2; throw fail("an unknown escape (a backslash before byte 0x\(String(e, radix: 16)))")
                }
            case 0..<0x20:
                offset -= 1
                throw fail("a control character inside a string")
            default:
                out.append(c)
            }
        }
    }

    /// The UTF-8 bytes of \uXXXX (its `\u` consumed), or of a \uD8xx\uDCxx surrogate pair.
    private mutating func unicodeEscape() throws -> [UInt8] {
        let high = try hex4()
        var value = high
        if (0xD800..<0xDC00).contains(high) {
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                throw fail("a lone UTF-16 surrogate in \\u escapes")
            }
            offset += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone UTF-16 surrogate in \\u escapes") }
            value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(high) {
            throw fail("a lone UTF-16 surrogate in \\u escapes")
        }
        guard let scalar = Unicode.Scalar(value) else { throw fail("an invalid \\u escape") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let d = hexValue(bytes[offset]) else { throw fail("expected four hex digits after \\u") }
            v = v << 4 | d
            offset += 1
        }
        return v
    }

    private func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

extension JSONScanner {
    /// The offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates and
    /// code points past U+10FFFF refused), or nil when all of `bytes` is.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            // Length of the sequence and the allowed range of its second byte (Unicode Table 3-7).
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
            for k in 2..<max(length, 2) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else as UTF-8.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
