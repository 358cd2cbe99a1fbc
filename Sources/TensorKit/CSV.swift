// Comma-separated text: one row per line, numbers only; a first row with a cell that is not a
// number is a header and is skipped. A bad cell is an error naming its line and column.
// Parsed on bytes, so a file of millions of numbers loads in a moment.
import Foundation

/// Reading and writing CSV files of numbers.
public enum CSV {
    /// The numbers of a CSV file as an N×M tensor (the header row, if any, skipped).
    public static func read(_ path: String) throws -> Tensor {
        try decode(FileIO.read(path, "load_csv"), name: path).tensor
    }

    /// Parses CSV bytes: the tensor and the header's cells (empty when there is none).
    public static func decode(_ bytes: [UInt8], name: String) throws -> (tensor: Tensor, header: [String]) {
        var values: [Double] = []
        var header: [String] = []
        var columns = -1
        var rows = 0
        var lineNumber = 0
        var lineStart = 0
        var cells: [Range<Int>] = []
        var numbers: [Double?] = []
        // Lines split on the byte \n (a \r before it dropped); cells on the byte ','.
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 10 { lineEnd += 1 }
            lineNumber += 1
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart && bytes[end - 1] == 13 { end -= 1 }
            if bytes[lineStart..<end].allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            cells.removeAll(keepingCapacity: true)
            var cellStart = lineStart
            for i in lineStart...end where i == end || bytes[i] == 44 {
                cells.append(trimmed(bytes, cellStart..<i))
                cellStart = i + 1
            }
            numbers.removeAll(keepingCapacity: true)
            for c in cells { numbers.append(parseNumber(bytes, c)) }
            if columns < 0 && rows == 0 && header.isEmpty && numbers.contains(where: { $0 == nil }) {
                header = cells.map { String(decoding: bytes[$0], as: UTF8.self) }
                columns = cells.count
                continue
            }
            if columns < 0 { columns = cells.count }
            guard cells.count == columns else {
                throw TensorError("load_csv: '\(name)' line \(lineNumber) has \(cells.count) cell\(cells.count == 1 ? "" : "s"), expected \(columns) like the first row")
            }
            for (c, n) in numbers.enumerated() {
                guard let n else {
                    let text = String(decoding: bytes[cells[c]].prefix(40), as: UTF8.self)
                    throw TensorError("load_csv: '\(name)' line \(lineNumber), column \(c + 1): \"\(text)\" is not a number")
                }
                values.append(n)
            }
            rows += 1
            if values.count > Tensor.elementLimit {
                throw TensorError("load_csv: '\(name)' holds more than \(Tensor.elementLimit) numbers")
            }
        }
        let shape = [rows, rows == 0 ? Swift.max(columns, 0) : columns]
        return (Tensor(shape: shape, storage: values), header)
    }

    /// A cell's byte range without surrounding blanks and one pair of double quotes.
    private static func trimmed(_ b: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && (b[lo] == 32 || b[lo] == 9) { lo += 1 }
        while hi > lo && (b[hi - 1] == 32 || b[hi - 1] == 9) { hi -= 1 }
        if hi - lo >= 2 && b[lo] == 34 && b[hi - 1] == 34 { lo += 1; hi -= 1 }
        return lo..<hi
    }

    /// A decimal number (also nan, inf, -inf in any case); nil for anything else, including an
    /// empty cell. Only digits, signs, '.', 'e' and 'E' reach the parser, so hexadecimal and
    /// the other forms C accepts are not numbers here.
    private static func parseNumber(_ b: [UInt8], _ r: Range<Int>) -> Double? {
        let n = r.count
        guard n > 0, n < 400 else { return nil }
        for i in r {
            switch b[i] {
            case 48...57, 43, 45, 46, 69, 101: continue
            default:
                switch String(decoding: b[r], as: UTF8.self).lowercased() {
                case "nan": return .nan
                case "inf", "+inf", "infinity", "+infinity": return .infinity
                case "-inf", "-infinity": return -.infinity
                default: return nil
                }
            }
        }
        // Swift's parser ignores the C locale, so "0.5" reads the same under every LC_NUMERIC.
        return Double(String(decoding: b[r], as: UTF8.self))
    }

    /// Writes a number, vector (one per line) or matrix (one row per line) as CSV, atomically;
    /// every number in the shortest text that reads back to the same Double.
    public static func write(_ tensor: Tensor, to path: String) throws {
        guard tensor.rank <= 2 else {
            throw TensorError("save_csv: expected a number, vector or matrix, got a tensor of shape \(tensor.shape)")
        }
        let columns = tensor.rank == 2 ? tensor.shape[1] : 1
        var text = ""
        for (i, x) in tensor.storage.enumerated() {
            text += Tensor.numberText(x)
            text += (i + 1) % Swift.max(columns, 1) == 0 ? "\n" : ","
        }
        try FileIO.write(Array(text.utf8), to: path, "save_csv")
    }
}
