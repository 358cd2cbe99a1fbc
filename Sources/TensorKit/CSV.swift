// Comma-separated text: one row per line, numbers only; a first row with a cell that is not a
// number is a header and is skipped. A bad cell is an error naming its line and column.
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
        // Lines split on the byte \n (a \r before it dropped): Swift's Character treats \r\n as one.
        for rawLine in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            let lineBytes = rawLine.last == 13 ? rawLine.dropLast() : rawLine
            guard let line = String(bytes: lineBytes, encoding: .utf8) else {
                throw TensorError("load_csv: '\(name)' line \(lineNumber) is not UTF-8 text")
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(clean)
            let numbers = cells.map(parseNumber)
            if columns < 0 && rows == 0 && header.isEmpty && numbers.contains(where: { $0 == nil }) {
                header = cells
                columns = cells.count
                continue
            }
            if columns < 0 { columns = cells.count }
            guard cells.count == columns else {
                throw TensorError("load_csv: '\(name)' line \(lineNumber) has \(cells.count) cell\(cells.count == 1 ? "" : "s"), expected \(columns) like the first row")
            }
            for (c, n) in numbers.enumerated() {
                guard let n else {
                    throw TensorError("load_csv: '\(name)' line \(lineNumber), column \(c + 1): \"\(cells[c])\" is not a number")
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

    /// A cell without surrounding blanks and quotes.
    private static func clean(_ cell: Substring) -> String {
        var s = cell.trimmingCharacters(in: .whitespaces)
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
        return s
    }

    /// A decimal number (also nan, inf, -inf); nil for anything else, including an empty cell.
    private static func parseNumber(_ s: String) -> Double? {
        guard !s.isEmpty, s.count < 400 else { return nil }
        switch s.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default:
            // Only digits, signs, point and exponent: Double("0x1p3") and the like are not CSV numbers.
            guard s.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
            return Double(s)
        }
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
