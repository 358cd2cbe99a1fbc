// Elementwise functions of one tensor (exp, log, sqrt, abs, trigonometry, rounding, clip), each a
// tight loop over contiguous storage; `map` is the loop they share.
import CTensorKernels
import Foundation

/// An elementwise function of one number, as NumPy names them.
public enum UnaryFunction: String, Sendable, CaseIterable {
    case exp, log, log2, log10, log1p, expm1, sqrt, abs, sin, cos, tan, asin, acos, atan
    case sinh, cosh, tanh, floor, ceil, round, trunc, sign, square, negative

    /// The function on one number; `round` rounds half to even like NumPy.
    @inlinable
    public func apply(_ x: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .log2: return Foundation.log2(x)
        case .log10: return Foundation.log10(x)
        case .log1p: return Foundation.log1p(x)
        case .expm1: return Foundation.expm1(x)
        case .sqrt: return x.squareRoot()
        case .abs: return Swift.abs(x)
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .asin: return Foundation.asin(x)
        case .acos: return Foundation.acos(x)
        case .atan: return Foundation.atan(x)
        case .sinh: return Foundation.sinh(x)
        case .cosh: return Foundation.cosh(x)
        case .tanh: return Foundation.tanh(x)
        case .floor: return x.rounded(.down)
        case .ceil: return x.rounded(.up)
        case .round: return x.rounded(.toNearestOrEven)
        case .trunc: return x.rounded(.towardZero)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))  // sign(±0) = 0, sign(nan) = nan
        case .square: return x * x
        case .negative: return -x
        }
    }
}

extension Tensor {
    /// A tensor of the same shape with `f` applied to every element (one tight loop).
    @inlinable @inline(__always)
    public func map(_ f: (Double) -> Double) -> Tensor {
        let n = count
        let out = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            storage.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = buffer.baseAddress else { return }
                Tensor.adviseHugePages(d, n)
                for i in 0..<n { d[i] = f(s[i]) }
            }
            initialized = n
        }
        return Tensor(shape: shape, storage: out)
    }

    /// Applies `f` to every element in place.
    @inlinable @inline(__always)
    public mutating func mapInPlace(_ f: (Double) -> Double) {
        storage.withUnsafeMutableBufferPointer { p in
            guard let d = p.baseAddress else { return }
            for i in 0..<p.count { d[i] = f(d[i]) }
        }
    }

    /// `function` applied elementwise. exp and log run SIMD kernels (CTensorKernels); sin, cos
    /// and tanh, which call the C library per element, split large tensors over the cores.
    public func applying(_ function: UnaryFunction) -> Tensor {
        switch function {
        case .exp: return Tensor.vectorKernel(self) { nns_exp($0, $1, $2) }
        case .log: return Tensor.vectorKernel(self) { nns_log($0, $1, $2) }
        case .log2: return map { Foundation.log2($0) }
        case .log10: return map { Foundation.log10($0) }
        case .log1p: return map { Foundation.log1p($0) }
        case .expm1: return map { Foundation.expm1($0) }
        case .sqrt: return map { $0.squareRoot() }
        case .abs: return map { Swift.abs($0) }
        case .sin: return Tensor.parallelMap(self) { Foundation.sin($0) }
        case .cos: return Tensor.parallelMap(self) { Foundation.cos($0) }
        case .tan: return map { Foundation.tan($0) }
        case .asin: return map { Foundation.asin($0) }
        case .acos: return map { Foundation.acos($0) }
        case .atan: return map { Foundation.atan($0) }
        case .sinh: return map { Foundation.sinh($0) }
        case .cosh: return map { Foundation.cosh($0) }
        case .tanh: return Tensor.parallelMap(self) { Foundation.tanh($0) }
        case .floor: return map { $0.rounded(.down) }
        case .ceil: return map { $0.rounded(.up) }
        case .round: return map { $0.rounded(.toNearestOrEven) }
        case .trunc: return map { $0.rounded(.towardZero) }
        case .sign: return map { UnaryFunction.sign.apply($0) }
        case .square: return map { $0 * $0 }
        case .negative: return map { -$0 }
        }
    }

    /// Rounds to `decimals` places after the point (half to even on the scaled value, like NumPy).
    public func rounded(decimals: Int) -> Tensor {
        let d = min(max(decimals, -308), 308)
        let scale = Foundation.pow(10.0, Double(d))
        return map { ($0 * scale).rounded(.toNearestOrEven) / scale }
    }

    /// Every element limited to [low, high] (nan stays nan).
    public func clipped(low: Double, high: Double) -> Tensor {
        map { $0 < low ? low : ($0 > high ? high : $0) }
    }

    /// Elementwise maximum of two tensors with broadcasting; nan wins, as in NumPy's `maximum`.
    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard let shape = broadcastShape(a.shape, b.shape) else {
            throw TensorError.shapes("max", a.shape, b.shape, "do not broadcast")
        }
        _ = try checkedCount(shape)
        return zip(a, b, outShape: shape) { x, y in x.isNaN || x >= y ? x : y }
    }

    /// Elementwise minimum of two tensors with broadcasting; nan wins, as in NumPy's `minimum`.
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard let shape = broadcastShape(a.shape, b.shape) else {
            throw TensorError.shapes("min", a.shape, b.shape, "do not broadcast")
        }
        _ = try checkedCount(shape)
        return zip(a, b, outShape: shape) { x, y in x.isNaN || x <= y ? x : y }
    }
}
