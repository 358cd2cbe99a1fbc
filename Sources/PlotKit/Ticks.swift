// Axis ticks: "nice" values (1, 2 or 5 times a power of ten) inside a range, and their labels
// printed with just enough decimals to tell neighbours apart.
import Foundation
import TensorKit

/// The ticks of one axis: their values and labels, in increasing order.
public struct Ticks: Equatable {
    /// Tick positions in data units.
    public let values: [Double]
    /// The text under (or beside) each tick.
    public let labels: [String]
    /// The distance between neighbouring ticks.
    public let step: Double

    /// About `target` ticks at multiples of a nice step inside [low, high] (both finite, low < high).
    public static func nice(_ low: Double, _ high: Double, target: Int = 5) -> Ticks {
        guard low.isFinite, high.isFinite, high > low else {
            let v = low.isFinite ? low : 0
            return Ticks(values: [v], labels: [label(v, step: 1)], step: 1)
        }
        var step = niceStep((high - low) / Double(max(target, 1)))
        var values = multiples(of: step, from: low, to: high)
        // A short axis may hold a single multiple (1…9 with step 5): take smaller steps until
        // both ends of the axis have a labelled neighbour.
        var tries = 0
        while values.count < 2 && tries < 4 {
            step = niceStep(step * 0.4)
            values = multiples(of: step, from: low, to: high)
            tries += 1
        }
        var labels = values.map { label($0, step: step) }
        // Far from zero with a tiny step (1e6 + 0.0002 k) the short forms repeat: add digits.
        var digits = 4
        while Set(labels).count < labels.count && digits <= 17 {
            labels = values.map { NumberText.compact($0, digits: digits) }
            digits += 1
        }
        return Ticks(values: values, labels: labels, step: step)
    }

    /// The multiples of `step` inside [low, high] (at most 100); the tiny slack absorbs rounding
    /// (0.30000000000000004), and a value within it of zero is zero.
    static func multiples(of step: Double, from low: Double, to high: Double) -> [Double] {
        let slack = step * 1e-9
        var k = (low / step - 1e-9).rounded(.up)
        // k / 5 is exactly 0.6 where k × 0.2 is 0.6000000000000001.
        let inverse = (1 / step).rounded()
        let exactInverse = step < 1 && inverse * step == 1
        var values: [Double] = []
        while values.count < 100 {
            let v = exactInverse ? k / inverse : k * step
            if v > high + slack { break }
            values.append(abs(v) < slack ? 0 : v)
            k += 1
        }
        return values
    }

    /// The nice step (1, 2, 2.5 or 5 × 10ⁿ) closest above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let power = pow(10, floor(log10(raw)))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    /// A tick label: fixed decimals as the step needs them, exponent form for very large or small.
    public static func label(_ v: Double, step: Double) -> String {
        let magnitude = abs(v)
        if magnitude >= 1e6 || (magnitude < 1e-4 && v != 0) || step < 1e-4 {
            return NumberText.compact(v, digits: 3)
        }
        let decimals = decimalsNeeded(step)
        let s = NumberText.fixed(v, decimals: decimals)
        // A tick at zero may come out as -0.0 after rounding.
        return s.hasPrefix("-") && s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(s.dropFirst()) : s
    }

    /// The fewest decimals that write `step` exactly (0.25 → 2, 0.5 → 1, 20 → 0).
    static func decimalsNeeded(_ step: Double) -> Int {
        for d in 0...10 {
            let scaled = step * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(scaled, 1) { return d }
        }
        return 10
    }
}
