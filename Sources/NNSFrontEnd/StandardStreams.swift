// Buffered writes to stdout and stderr through file descriptors (Swift 6 forbids touching C's
// `stdout` global). stdout is flushed at each newline on a terminal, in 64 KiB blocks otherwise,
// and always before anything goes to stderr, so output and errors keep their order.
import Foundation

/// A byte buffer in front of a file descriptor.
public final class OutputStream: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let lineBuffered: Bool
    private let lock = NSLock()
    /// Another stream to flush before this one writes (stdout before stderr).
    public var flushFirst: OutputStream?

    public init(descriptor: Int32, lineBuffered: Bool) {
        self.descriptor = descriptor
        self.lineBuffered = lineBuffered
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends text; flushes when the buffer is full, or at a newline when line-buffered.
    public func write(_ text: String) {
        flushFirst?.flush()
        lock.lock()
        buffer.append(contentsOf: text.utf8)
        let flushNow = buffer.count >= 1 << 16 || (lineBuffered && text.utf8.contains(10))
        lock.unlock()
        if flushNow { flush() }
    }

    /// Writes out everything buffered (retrying short writes; giving up on a closed pipe).
    public func flush() {
        lock.lock()
        defer { lock.unlock() }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + offset, raw.count - offset)
            }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The process's stdout and stderr, shared by the runner and the REPL.
public enum StandardStreams {
    public static let output = OutputStream(descriptor: 1, lineBuffered: isatty(1) != 0)
    public static let error: OutputStream = {
        let s = OutputStream(descriptor: 2, lineBuffered: true)
        s.flushFirst = output
        return s
    }()
}
