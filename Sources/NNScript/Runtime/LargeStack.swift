// Runs work on a thread with a large stack (512 MiB reserved, touched only as used), so deep
// script recursion — bounded by the call-depth limit — can never overflow the native stack,
// even in debug builds whose frames are large.
#if canImport(Glibc)
import Glibc
#endif

/// The work handed to the thread, and its completion.
private final class StackWork: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

enum LargeStack {
    /// Bytes reserved for the thread's stack.
    static let size = 512 << 20

    /// Runs `body` to completion on a large-stack thread (inline when threads are unavailable).
    static func run(_ body: @escaping () -> Void) {
        #if os(Linux)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        let work = Unmanaged.passRetained(StackWork(body))
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            let work = Unmanaged<StackWork>.fromOpaque(raw).takeRetainedValue()
            work.body()
            return nil
        }, work.toOpaque())
        if status != 0 {
            work.release()
            body()
            return
        }
        pthread_join(thread, nil)
        #else
        body()
        #endif
    }
}
