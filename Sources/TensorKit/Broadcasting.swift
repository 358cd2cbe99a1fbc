// NumPy broadcasting: aligning two shapes from the right, where an axis of length 1 stretches to
// match the other; and the strided walk that applies a kernel over two broadcast operands.
import Foundation

extension Tensor {
    /// The shape `a op b` has under NumPy's rules, or nil when some axis pair is neither equal nor 1.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            // Axis i counted from the right: a missing axis counts as length 1.
            let da = i < a.count ? a[a.count - 1 - i] : 1
            let db = i < b.count ? b[b.count - 1 - i] : 1
            if da == db || db == 1 {
                out[rank - 1 - i] = da
            } else if da == 1 {
                out[rank - 1 - i] = db
            } else {
                return nil
            }
        }
        return out
    }

    /// Row-major strides of `shape` laid into an output of rank `rank`, with 0 on broadcast axes.
    @usableFromInline
    static func broadcastStrides(_ shape: [Int], into out: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: out.count)
        var step = 1
        let offset = out.count - shape.count
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[offset + i] = shape[i] == 1 && out[offset + i] != 1 ? 0 : step
            step *= shape[i]
        }
        return strides
    }

    /// `value` stretched to `shape` (which it must broadcast to), as a new contiguous tensor.
    public func broadcast(to shape: [Int]) throws -> Tensor {
        if self.shape == shape { return self }
        guard let s = Tensor.broadcastShape(self.shape, shape), s == shape else {
            throw TensorError.shapes("broadcast", self.shape, shape, "do not broadcast to \(shape)")
        }
        let zero = Tensor(shape: [], storage: [0])
        return Tensor.zip(self, zero, outShape: shape) { x, _ in x }
    }

    /// Applies `f` elementwise over `a` and `b` broadcast to `outShape` (already checked).
    /// The last axis is the inner loop; fast paths cover equal shapes, a scalar operand and a row
    /// repeated over every row of a matrix (both inner strides 1). One thread: the loop is
    /// limited by memory, and splitting it over the cores measured slower on a busy machine.
    @inlinable @inline(__always)
    static func zip(_ a: Tensor, _ b: Tensor, outShape: [Int],
                    _ f: (Double, Double) -> Double) -> Tensor {
        let n = outShape.reduce(1, *)
        var out = [Double](unsafeUninitializedCapacity: n) { _, c in c = n }
        if n == 0 { return Tensor(shape: outShape, storage: out) }
        let rows = n / Swift.max(outShape.last ?? 1, 1)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    let uo = po.baseAddress.unsafelyUnwrapped
                    adviseHugePages(uo, n)
                    zipRows(pa.baseAddress.unsafelyUnwrapped, a, pb.baseAddress.unsafelyUnwrapped, b,
                            uo, outShape, 0..<rows, f)
                }
            }
        }
        return Tensor(shape: outShape, storage: out)
    }

    /// The rows `rows` (positions along all axes but the last, in row-major order) of the
    /// broadcast result: an odometer over the outer axes, and an inner loop specialised for the
    /// two inner strides.
    @inlinable @inline(__always)
    static func zipRows(_ ua: UnsafePointer<Double>, _ a: Tensor,
                        _ ub: UnsafePointer<Double>, _ b: Tensor,
                        _ uo: UnsafeMutablePointer<Double>, _ outShape: [Int], _ rows: Range<Int>,
                        _ f: (Double, Double) -> Double) {
        let n = outShape.reduce(1, *)
        if a.count == n && b.count == n {
            // Same shape: one flat loop.
            let inner = outShape.last ?? 1
            let lo = rows.lowerBound * inner, hi = rows.upperBound * inner
            for i in lo..<hi { uo[i] = f(ua[i], ub[i]) }
            return
        }
        if b.count == 1 && a.count == n {
            let inner = outShape.last ?? 1, y = ub[0]
            for i in (rows.lowerBound * inner)..<(rows.upperBound * inner) { uo[i] = f(ua[i], y) }
            return
        }
        if a.count == 1 && b.count == n {
            let inner = outShape.last ?? 1, x = ua[0]
            for i in (rows.lowerBound * inner)..<(rows.upperBound * inner) { uo[i] = f(x, ub[i]) }
            return
        }
        let rank = outShape.count
        let sa = broadcastStrides(a.shape, into: outShape)
        let sb = broadcastStrides(b.shape, into: outShape)
        let inner = outShape[rank - 1]
        let ia = sa[rank - 1], ib = sb[rank - 1]
        // The odometer's starting position: the first row's index along each outer axis.
        var counter = [Int](repeating: 0, count: rank)
        var offA = 0, offB = 0
        var rest = rows.lowerBound
        for axis in stride(from: rank - 2, through: 0, by: -1) {
            counter[axis] = rest % outShape[axis]
            rest /= outShape[axis]
            offA += counter[axis] * sa[axis]
            offB += counter[axis] * sb[axis]
        }
        var offO = rows.lowerBound * inner
        for _ in rows {
            let pa = ua + offA, pb = ub + offB, po = uo + offO
            if ia == 1 && ib == 1 {
                for j in 0..<inner { po[j] = f(pa[j], pb[j]) }
            } else if ia == 1 {
                let y = pb[0]
                for j in 0..<inner { po[j] = f(pa[j], y) }
            } else if ib == 1 {
                let x = pa[0]
                for j in 0..<inner { po[j] = f(x, pb[j]) }
            } else {
                let v = f(pa[0], pb[0])
                for j in 0..<inner { po[j] = v }
            }
            offO += inner
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                counter[axis] += 1
                offA += sa[axis]
                offB += sb[axis]
                if counter[axis] < outShape[axis] { break }
                offA -= sa[axis] * outShape[axis]
                offB -= sb[axis] * outShape[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
    }
}
