// Splitting one large elementwise loop over the machine's cores; small tensors stay on one thread,
// where starting workers would cost more than the loop.
import Foundation

extension Tensor {
    /// Below this many elements a loop runs on the calling thread.
    @usableFromInline static let parallelThreshold = 1 << 16

    /// Threads for nns's own loops: the cores, at most 8, or `NNS_THREADS` when set (BLAS has
    /// its own setting, `OPENBLAS_NUM_THREADS`).
    @usableFromInline static let maxThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["NNS_THREADS"], let n = Int(text), n >= 1 {
            return Swift.min(n, 64)
        }
        return Swift.min(Swift.max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
    }()

    /// The number of chunks to split `n` elements into.
    @usableFromInline
    static func chunkCount(_ n: Int) -> Int {
        n < parallelThreshold ? 1 : Swift.min(maxThreads, n / (parallelThreshold / 2))
    }

    /// `map` run over contiguous chunks on several threads for large tensors (same results: each
    /// element is computed alone).
    @inlinable
    public static func parallelMap(_ t: Tensor, _ f: @escaping @Sendable (Double) -> Double) -> Tensor {
        let n = t.count
        let chunks = chunkCount(n)
        if chunks <= 1 { return t.map(f) }
        let out = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            t.storage.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = buffer.baseAddress else { return }
                adviseHugePages(d, n)
                let sp = UnsafeSendablePointer(s), dp = UnsafeSendableMutablePointer(d)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let lo = n * c / chunks, hi = n * (c + 1) / chunks
                    let s = sp.pointer, d = dp.pointer
                    for i in lo..<hi { d[i] = f(s[i]) }
                }
            }
            initialized = n
        }
        return Tensor(shape: t.shape, storage: out)
    }
}

extension Tensor {
    /// A block kernel `(source, destination, count)` over the whole tensor on this thread: the
    /// SIMD kernels are limited by memory, so more threads do not help them.
    static func vectorKernel(_ t: Tensor,
                             _ kernel: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void) -> Tensor {
        let n = t.count
        let out = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            t.storage.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = buffer.baseAddress else { return }
                adviseHugePages(d, n)
                kernel(s, d, n)
            }
            initialized = n
        }
        return Tensor(shape: t.shape, storage: out)
    }
}

/// A read pointer handed to worker threads that touch disjoint ranges.
@usableFromInline
struct UnsafeSendablePointer: @unchecked Sendable {
    @usableFromInline let pointer: UnsafePointer<Double>
    @usableFromInline init(_ pointer: UnsafePointer<Double>) { self.pointer = pointer }
}

/// A write pointer handed to worker threads that write disjoint ranges.
@usableFromInline
struct UnsafeSendableMutablePointer: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<Double>
    @usableFromInline init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = pointer }
}
