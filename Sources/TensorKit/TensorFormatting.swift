// How a tensor prints: a shape header, aligned columns, a precision, large tensors summarised.
// Only the elements that are shown are ever formatted, so printing a huge tensor is instant.
import Foundation

extension Tensor {
    /// Tensors with more elements than this are summarised: each long axis shows its first and
    /// last `edgeItems` entries around a `…`.
    public static let summaryThreshold = 1000
    /// Entries kept at each end of a summarised axis.
    public static let edgeItems = 3

    /// The printed form at `precision` significant digits, at most `width` columns wide; large
    /// tensors are summarised with `…` so printing a 10,000×10,000 tensor is instant.
    public func formatted(precision: Int = 4, width: Int = 80) -> String {
        let p = min(max(precision, 1), 17)
        if rank == 0 { return Tensor.numberText(storage.first ?? 0) }
        let header = "tensor " + shapeText
        if count == 0 { return header + "\n" + String(repeating: "[", count: rank) + String(repeating: "]", count: rank) }
        // The positions shown along each axis (nil marks the `…`).
        let summarise = count > Tensor.summaryThreshold
        var shown: [[Int?]] = shape.map { n in
            summarise && n > 2 * Tensor.edgeItems
                ? Array(0..<Tensor.edgeItems) + [nil] + Array((n - Tensor.edgeItems)..<n)
                : Array(0..<n)
        }
        var style = NumberStyle(values: shownValues(shown), precision: p)
        // A summarised tensor's rows are narrowed until they fit the width; a small tensor's long
        // rows wrap onto continuation lines instead, so every element is shown.
        let lastN = shape[rank - 1]
        let fixed = rank + 1   // brackets and the margin
        while summarise {
            let cells = shown[rank - 1].count
            let rowWidth = fixed + cells * (style.width + 2)
            let kept = shown[rank - 1].compactMap { $0 }.count
            if rowWidth <= width || kept <= 2 { break }
            let edge = max(1, (kept - 1) / 2)
            shown[rank - 1] = Array(0..<edge) + [nil] + Array((lastN - edge)..<lastN)
            style = NumberStyle(values: shownValues(shown), precision: p)
        }
        var out = header + "\n"
        render(axis: 0, offset: 0, shown: shown, style: style, indent: 1, width: width, into: &out)
        return out
    }

    /// The shape as `[2, 3]`.
    public var shapeText: String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

    /// The values at the shown positions (to choose one format for all of them).
    private func shownValues(_ shown: [[Int?]]) -> [Double] {
        var values: [Double] = []
        let strides = self.strides
        func walk(_ axis: Int, _ offset: Int) {
            if axis == rank { values.append(storage[offset]); return }
            for i in shown[axis] { if let i { walk(axis + 1, offset + i * strides[axis]) } }
        }
        walk(0, 0)
        return values
    }

    private func render(axis: Int, offset: Int, shown: [[Int?]], style: NumberStyle, indent: Int, width: Int, into out: inout String) {
        let stride = strides[axis]
        out += "["
        if axis == rank - 1 {
            let cells = shown[axis].map { i -> String in
                guard let i else { return style.pad("…") }
                return style.text(storage[offset + i * stride])
            }
            // Wrap after the last cell that fits; continuation lines line up under the first cell.
            let margin = String(repeating: " ", count: rank)
            var column = rank
            for (k, cell) in cells.enumerated() {
                let piece = k + 1 < cells.count ? cell + "," : cell
                if k > 0 {
                    if column + 1 + piece.count > width {
                        out += "\n" + margin
                        column = rank
                    } else {
                        out += " "
                        column += 1
                    }
                }
                out += piece
                column += piece.count
            }
        } else {
            let gap = ",\n" + String(repeating: "\n", count: rank - axis - 2) + String(repeating: " ", count: indent)
            for (k, i) in shown[axis].enumerated() {
                if k > 0 { out += gap }
                if let i {
                    render(axis: axis + 1, offset: offset + i * stride, shown: shown, style: style, indent: indent + 1, width: width, into: &out)
                } else {
                    out += "…"
                }
            }
        }
        out += "]"
    }
}

/// One format chosen for all shown elements, so the columns align: integers when every value is
/// whole, fixed-point with a shared number of decimals, or scientific when magnitudes are
/// too large or too small; `precision` is the number of significant digits.
struct NumberStyle {
    enum Kind { case integer, fixed(decimals: Int), scientific(digits: Int) }
    let kind: Kind
    let width: Int

    init(values: [Double], precision: Int) {
        let finite = values.filter { $0.isFinite }
        let magnitudes = finite.map { Swift.abs($0) }.filter { $0 != 0 }
        let maxAbs = magnitudes.max() ?? 0
        let minAbs = magnitudes.min() ?? 0
        if finite.allSatisfy({ $0 == $0.rounded() }) && maxAbs < 1e16 {
            kind = .integer
        } else if maxAbs >= 1e8 || (minAbs > 0 && minAbs < 1e-4) {
            kind = .scientific(digits: precision - 1)
        } else {
            // `precision` significant digits for the largest value, then the trailing zeros that
            // every value shares dropped (1.500, 2.250 stay; 1.500, 2.000 become 1.5, 2.0).
            let top = maxAbs > 0 ? Int(Foundation.floor(Foundation.log10(maxAbs))) : 0
            var decimals = max(1, precision - 1 - top)
            var shared = decimals - 1
            for v in magnitudes where shared > 0 {
                let text = NumberText.fixed(v, decimals: decimals)
                let zeros = text.reversed().prefix { $0 == "0" }.count
                shared = min(shared, zeros)
            }
            decimals -= shared
            kind = .fixed(decimals: decimals)
        }
        let chosen = kind
        width = values.map { NumberStyle.plain($0, chosen).count }.max() ?? 1
    }

    /// One element's digits, from the one formatter (whole values below 1e16 print as
    /// `NumberText.shortest` does, so `-0` stays `-0`).
    static func plain(_ x: Double, _ kind: Kind) -> String {
        switch kind {
        case .integer: return NumberText.shortest(x)
        case .fixed(let d): return NumberText.fixed(x, decimals: d)
        case .scientific(let d): return NumberText.scientific(x, decimals: d)
        }
    }

    /// The value right-aligned to the shared width.
    func text(_ x: Double) -> String { pad(NumberStyle.plain(x, kind)) }

    func pad(_ s: String) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}
