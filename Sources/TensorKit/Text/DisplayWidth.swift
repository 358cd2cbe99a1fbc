// DisplayWidth: how many terminal columns text takes. Chinese, Japanese and Korean characters
// (East Asian Wide and Fullwidth) take two, combining marks none, everything else one — what
// glibc's wcswidth says in a UTF-8 locale, from tables generated out of the Unicode data
// (Scripts/gen-display-width.py) so the answer never depends on the user's locale.
// TensorKit is the bottom layer, so every layer that lines text up can reach it.

/// Terminal column counts of characters and strings, and padding by columns.
public enum DisplayWidth {
    /// Columns of one code point: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // Printable ASCII, the common case, without a table search.
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || v == 0x7F { return 0 }
        if contains(zero, v) { return 0 }
        return contains(wide, v) ? 2 : 1
    }

    /// Columns of a text: the sum over its code points (as wcswidth counts, so a base letter with
    /// a combining accent takes one column, 神 takes two).
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var n = 0
        for scalar in text.unicodeScalars { n += of(scalar) }
        return n
    }

    /// Columns of one character (grapheme cluster).
    public static func of(_ character: Character) -> Int {
        var n = 0
        for scalar in character.unicodeScalars { n += of(scalar) }
        return n
    }

    /// Whether `v` falls in one of the sorted, disjoint ranges (binary search).
    static func contains(_ table: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < table[mid].0 {
                hi = mid - 1
            } else if v > table[mid].1 {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}

extension StringProtocol {
    /// The terminal columns this text takes (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// The text followed by spaces up to `columns` terminal columns (left-aligned in a table).
    public func padded(toWidth columns: Int) -> String {
        String(self) + String(repeating: " ", count: Swift.max(0, columns - displayWidth))
    }

    /// Spaces and then the text, ending at `columns` terminal columns (right-aligned).
    public func leftPadded(toWidth columns: Int) -> String {
        String(repeating: " ", count: Swift.max(0, columns - displayWidth)) + String(self)
    }

    /// The longest start of the text that fits in `columns` terminal columns (a wide character
    /// that would straddle the edge is left out).
    public func prefix(fittingWidth columns: Int) -> String {
        var out = "", used = 0
        for c in self {
            let w = DisplayWidth.of(c)
            if used + w > columns { break }
            out.append(c)
            used += w
        }
        return out
    }
}
