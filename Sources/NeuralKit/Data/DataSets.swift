// Small data sets of the lecture: the logic gates (xor, and, or) and the 8×8 handwritten digits
// shipped as a resource (Resources/digits.csv, see Resources/NOTICE), parsed once per process.
import Foundation
import Synchronization
import TensorKit

/// A data set: inputs, targets and (for classification) one-hot targets.
public struct DataSet: Sendable {
    /// Inputs, one sample per row.
    public var x: Tensor
    /// Targets: N×1 for the gates, the labels [N] for digits.
    public var y: Tensor
    /// One-hot targets (N × classes) for classification sets.
    public var onehot: Tensor?
}

/// The built-in data sets.
public enum DataSets {
    /// The four rows [0,0], [0,1], [1,0], [1,1] in that order.
    static let gateInputs = Tensor(shape: [4, 2], storage: [0, 0, 0, 1, 1, 0, 1, 1])

    /// XOR: y = [0, 1, 1, 0].
    public static var xor: DataSet { gate([0, 1, 1, 0]) }
    /// AND: y = [0, 0, 0, 1].
    public static var and: DataSet { gate([0, 0, 0, 1]) }
    /// OR: y = [0, 1, 1, 1].
    public static var or: DataSet { gate([0, 1, 1, 1]) }

    static func gate(_ y: [Double]) -> DataSet {
        DataSet(x: gateInputs, y: Tensor(shape: [4, 1], storage: y), onehot: nil)
    }

    /// The parsed digits, once per process (a lock-protected cache: no global mutable variable).
    private static let digitsCache = Mutex<DataSet?>(nil)

    /// The digits: x (1797 × 64, pixels / 16), y (labels, [1797]), onehot (1797 × 10).
    public static func digits() throws -> DataSet {
        if let d = digitsCache.withLock({ $0 }) { return d }
        let path = try digitsPath()
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw NeuralError.digits("cannot read \(path)")
        }
        let d = try parseDigits([UInt8](bytes))
        digitsCache.withLock { $0 = d }
        return d
    }

    /// Where digits.csv is: next to the running executable in SwiftPM's resource folder
    /// (`nns_NeuralKit.resources`, for the nns binary and test binaries alike), else in the
    /// source tree this file was built from.
    static func digitsPath() throws -> String {
        let name = "nns_NeuralKit.resources/digits.csv"
        var candidates: [String] = []
        let fm = FileManager.default
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((exe as NSString).deletingLastPathComponent + "/" + name)
        }
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            let url = URL(fileURLWithPath: arg0).resolvingSymlinksInPath()
            candidates.append(url.deletingLastPathComponent().path + "/" + name)
        }
        candidates.append(Bundle.main.bundlePath + "/" + name)
        // This file is Sources/NeuralKit/Data/DataSets.swift; the resource is Sources/NeuralKit/Resources.
        let target = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(target.appendingPathComponent("Resources/digits.csv").path)
        for c in candidates where fm.isReadableFile(atPath: c) { return c }
        throw NeuralError.digits("the data file digits.csv was not found (looked in \(candidates.joined(separator: ", ")))")
    }

    /// Parses rows of 64 pixel values (0...16) and a label (0...9), comma-separated. The bytes are
    /// read directly (cells of the file are small whole numbers; anything else goes through
    /// Double's parser), so loading the set takes about a millisecond.
    static func parseDigits(_ text: [UInt8]) throws -> DataSet {
        var pixels: [Double] = []
        var labels: [Double] = []
        pixels.reserveCapacity(1797 * 64)
        var line = 1, column = 0, cellStart = 0
        var lineHasText = false
        func cell(_ end: Int) throws {
            var lo = cellStart, hi = end
            while lo < hi, text[lo] == 0x20 || text[lo] == 0x09 { lo += 1 }
            while hi > lo, text[hi - 1] == 0x20 || text[hi - 1] == 0x09 || text[hi - 1] == 0x0D { hi -= 1 }
            var value = 0.0
            if lo < hi, hi - lo <= 15, text[lo..<hi].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                for b in text[lo..<hi] { value = value * 10 + Double(b - 0x30) }
            } else if let v = Double(String(decoding: text[lo..<hi], as: UTF8.self)) {
                value = v
            } else {
                throw NeuralError.digits("line \(line) of digits.csv has a non-number '\(String(decoding: text[lo..<hi], as: UTF8.self))'")
            }
            if column < 64 { pixels.append(value / 16) } else if column == 64 { labels.append(value) }
            column += 1
        }
        for i in 0...text.count {
            let b: UInt8 = i < text.count ? text[i] : 0x0A
            if b == 0x2C {
                try cell(i)
                cellStart = i + 1
            } else if b == 0x0A {
                if lineHasText {
                    try cell(i)
                    guard column == 65 else {
                        throw NeuralError.digits("line \(line) of digits.csv has \(column) cells, expected 65")
                    }
                }
                line += 1
                column = 0
                cellStart = i + 1
                lineHasText = false
            } else if b != 0x0D && b != 0x20 {
                lineHasText = true
            }
        }
        let n = labels.count
        var onehot = [Double](repeating: 0, count: n * 10)
        for (i, l) in labels.enumerated() {
            guard l >= 0, l <= 9, l == l.rounded() else {
                throw NeuralError.digits("label \(l) in row \(i + 1) is not a digit 0–9")
            }
            onehot[i * 10 + Int(l)] = 1
        }
        return DataSet(x: Tensor(shape: [n, 64], storage: pixels), y: Tensor(labels),
                       onehot: Tensor(shape: [n, 10], storage: onehot))
    }
}
