// The one number formatter of nns: every number a user reads (values, tensor elements, messages,
// CSV, plots, the variables table, notebook and kernel output) gets its digits here, so all agree
// on `-0`, on where exponent form starts and on `inf`, `-inf`, `nan`.
import Foundation

/// The texts of a Double.
public enum NumberText {
    /// The language's form: whole numbers below 1e16 in magnitude without a point (`3`, `-0`);
    /// others the shortest text that reads back to the same Double, in exponent form below 1e-4
    /// and from 1e16 as Python's repr writes it (`0.1`, `0.0001`, `1e-05`, `1e+20`).
    public static func shortest(_ x: Double) -> String {
        if let special = special(x) { return special }
        if x == x.rounded(), Swift.abs(x) < 1e16 {
            if x == 0 { return x.sign == .minus ? "-0" : "0" }
            return String(Int64(x))
        }
        // Below 2⁵³ every non-integer's description is plain digits; what is left here is either
        // plain (1e-4 ≤ |x| < 2⁵³) or exponent form, which Swift writes as Python does, except
        // that the mantissa may end in ".0" and the exponent may have one digit.
        let s = x.description
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
        var mantissa = String(s[..<e])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        guard let exponent = Int(s[s.index(after: e)...]) else { return s }
        let magnitude = Swift.abs(exponent)
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + "\(magnitude)"
    }

    /// `x` rounded to `digits` significant digits, then written as `shortest` writes it
    /// (summaries and progress lines: `0.2346`, `1.5e-05`, `12350`).
    public static func significant(_ x: Double, digits: Int) -> String {
        if let special = special(x) { return special }
        let d = Swift.max(1, Swift.min(digits, 17))
        return shortest(Double(String(format: "%.\(d - 1)e", x)) ?? x)
    }

    /// Exactly `decimals` digits after the point (`1.50`), for columns that line up.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        special(x) ?? String(format: "%.\(Swift.max(0, Swift.min(decimals, 40)))f", x)
    }

    /// A mantissa with `decimals` digits after its point and a signed two-digit exponent
    /// (`1.50e-07`), for columns of very large or very small numbers.
    public static func scientific(_ x: Double, decimals: Int) -> String {
        special(x) ?? String(format: "%.\(Swift.max(0, Swift.min(decimals, 40)))e", x)
    }

    /// C's `%g` with `digits` significant digits: exponent form from 10^digits on. Only axis
    /// labels use it, where a label must stay short (`2e+06`, not `2000000`).
    public static func compact(_ x: Double, digits: Int) -> String {
        special(x) ?? String(format: "%.\(Swift.max(1, Swift.min(digits, 17)))g", x)
    }

    /// `inf`, `-inf` and `nan`, or nil for a finite number.
    private static func special(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }
}

extension Tensor {
    /// A number as nns prints it (`NumberText.shortest`).
    public static func numberText(_ x: Double) -> String { NumberText.shortest(x) }
}
