// How large tensor buffers get their memory. A new 80 MB buffer costs more in page faults (the
// kernel zeroing 20,000 fresh 4 KiB pages) than the arithmetic that fills it, so nns (1) asks for
// 2 MiB huge pages on large buffers, as NumPy does, and (2) keeps freed large blocks in the
// C heap so the temporaries of a training loop reuse mapped pages (the allocator settings are
// in CTensorKernels/memory_policy.c, applied when the program loads).
import Foundation

extension Tensor {
    /// Called before filling a new buffer of n Doubles; a hint only, ignored where unsupported.
    @usableFromInline
    static func adviseHugePages(_ p: UnsafeMutablePointer<Double>, _ n: Int) {
        #if os(Linux)
        let bytes = n * MemoryLayout<Double>.stride
        guard bytes >= 4 << 20 else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: p) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: p) + bytes) & ~(huge - 1)
        if end > start, let raw = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(raw, end - start, 14)  // MADV_HUGEPAGE
        }
        #endif
    }
}
