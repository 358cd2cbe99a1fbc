// How large tensor buffers get their memory. A new 80 MB buffer costs more in page faults (the
// kernel zeroing 20,000 fresh 4 KiB pages) than the arithmetic that fills it, so nns (1) asks for
// 2 MiB huge pages on large buffers, as NumPy does, and (2) keeps freed large blocks in the
// C heap instead of returning them to the system at once, so the temporaries of a training loop
// reuse pages that are already mapped.
import Foundation

extension Tensor {
    /// Called before filling a new buffer of n Doubles; a hint only, ignored where unsupported.
    @usableFromInline
    static func adviseHugePages(_ p: UnsafeMutablePointer<Double>, _ n: Int) {
        #if os(Linux)
        let bytes = n * MemoryLayout<Double>.stride
        guard bytes >= 4 << 20 else { return }
        HeapPolicy.once
        let huge = 2 << 20
        let start = (Int(bitPattern: p) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: p) + bytes) & ~(huge - 1)
        if end > start, let raw = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(raw, end - start, 14)  // MADV_HUGEPAGE
        }
        #endif
    }
}

/// glibc's allocator settings, applied once when the first large buffer appears: large blocks
/// from the heap (M_MMAP_MAX = 0, so a freed block can serve the next one without new page
/// faults), and the heap's free top returned to the system only past 512 MiB (M_TRIM_THRESHOLD).
/// Blocks glibc cannot take from the heap still fall back to mmap.
enum HeapPolicy {
    static let once: Void = {
        #if os(Linux)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-4, 0)            // M_MMAP_MAX
        _ = mallopt(-1, 512 << 20)    // M_TRIM_THRESHOLD
        #endif
    }()
}
