// The JSON scanner's tokens: literal words, numbers (as Double or as whole numbers for sizes),
// strings with their escapes and surrogate pairs, and the UTF-8 check of a whole document.

extension JSONScanner {
    /// Consumes the literal `w` (`true`, `false`, `null`).
    mutating func word(_ w: String) throws(JSONSyntaxError) {
        let expected = Array(w.utf8)
        guard offset + expected.count <= bytes.count else { throw fail("the JSON text ends too early") }
        for (i, b) in expected.enumerated() where bytes[offset + i] != b { throw fail("expected a JSON value") }
        offset += expected.count
    }

    // MARK: Numbers

    /// Scans number = [ '-' ] int [ frac ] [ exp ], int = '0' / digit1-9 *digit, from `offset`;
    /// true when it had neither fraction nor exponent.
    mutating func numberToken() throws(JSONSyntaxError) -> Bool {
        func digits() -> Int {
            let s = offset
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
            return offset - s
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let intStart = offset
        let n = digits()
        guard n > 0 else { throw fail("expected digits in a number") }
        guard n == 1 || bytes[intStart] != UInt8(ascii: "0") else { throw fail("a number may not start with 0") }
        var plain = true
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw fail("expected digits after '.'") }
            plain = false
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw fail("expected digits in an exponent") }
            plain = false
        }
        return plain
    }

    /// The number scanned from `start` up to `offset`, refusing what overflows a Double.
    func double(from start: Int) throws(JSONSyntaxError) -> Double {
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let x = Double(text), x.isFinite else { throw fail("the number \(text.prefix(40)) is out of range") }
        return x
    }

    /// A whole number ≥ 0 written without fraction or exponent (`0`, `48`), below 2⁶³.
    mutating func wholeNumber() throws(JSONSyntaxError) -> Int {
        let start = offset
        guard let c = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else {
            throw fail("expected a whole number ≥ 0")
        }
        let digitsStart = offset
        guard try numberToken() else { offset = start; throw fail("expected a whole number ≥ 0") }
        var value = 0
        for i in digitsStart..<offset {
            // value = 10·value + digit, refusing 2⁶³ and above.
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(bytes[i] - UInt8(ascii: "0")))
            guard !o1, !o2 else { offset = digitsStart; throw fail("a number too large") }
            value = sum
        }
        return value
    }

    // MARK: Strings

    /// string = '"' *char '"', with the escapes \" \\ \/ \b \f \n \r \t \uXXXX (surrogate pairs
    /// joined, lone halves refused); raw control characters are refused.
    mutating func string() throws(JSONSyntaxError) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        func flushRun() throws(JSONSyntaxError) {
            guard runStart < offset else { return }
            // The bytes between escapes must be UTF-8 on their own.
            guard let run = String(validating: bytes[runStart..<offset], as: UTF8.self) else {
                throw fail("the string is not UTF-8 text")
            }
            scalars.append(contentsOf: run.unicodeScalars)
        }
        while true {
            guard offset < bytes.count else { throw fail("the JSON text ends inside a string") }
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") {
                try flushRun()
                offset += 1
                return String(scalars)
            }
            if b < 0x20 { throw fail("a control character inside a string must be escaped") }
            if b != UInt8(ascii: "\\") { offset += 1; continue }
            try flushRun()
            offset += 1
            guard offset < bytes.count else { throw fail("the JSON text ends inside a string") }
            let e = bytes[offset]
            offset += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
            default: throw fail("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
            }
            runStart = offset
        }
    }

    /// The scalar of \uXXXX (its `\u` consumed), joining \uD8xx\uDCxx surrogate pairs:
    /// U = 0x10000 + (high − 0xD800)·2¹⁰ + (low − 0xDC00).
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code) {
            // A high surrogate must be followed by an escaped low one.
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                throw fail("a lone surrogate in a \\u escape")
            }
            offset += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate in a \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        // A low surrogate on its own is no scalar.
        guard let scalar = Unicode.Scalar(code) else { throw fail("a lone surrogate in a \\u escape") }
        return scalar
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail("the JSON text ends inside a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[offset]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("expected four hex digits after \\u")
            }
            v = v * 16 + d
            offset += 1
        }
        return v
    }

    // MARK: UTF-8

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
}
