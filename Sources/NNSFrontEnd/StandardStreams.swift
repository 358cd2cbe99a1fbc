// Buffered writes to stdout and stderr through file descriptors (Swift 6 forbids touching C's
// `stdout` global). stdout is flushed at each newline on a terminal, in 64 KiB blocks otherwise,
// and always before anything goes to stderr, so output and errors keep their order. A failed
// write to stdout ends nns (see `StandardStreams.endOnWriteFailure`).
import Foundation

/// A byte buffer in front of a file descriptor.
public final class OutputStream: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let lineBuffered: Bool
    private let lock = NSLock()
    /// Another stream to flush before this one writes (stdout before stderr).
    public var flushFirst: OutputStream?
    /// The errno of the first write that failed; from then on output is dropped, not retried.
    public private(set) var failure: Int32?
    /// Called once, when a write first fails (outside the stream's lock, so it may write to
    /// another stream or end the process).
    public var onFailure: ((Int32) -> Void)?

    public init(descriptor: Int32, lineBuffered: Bool) {
        self.descriptor = descriptor
        self.lineBuffered = lineBuffered
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends text; flushes when the buffer is full, or at a newline when line-buffered.
    public func write(_ text: String) {
        flushFirst?.flush()
        lock.lock()
        if failure != nil { lock.unlock(); return }
        buffer.append(contentsOf: text.utf8)
        let flushNow = buffer.count >= 1 << 16 || (lineBuffered && text.utf8.contains(10))
        lock.unlock()
        if flushNow { flush() }
    }

    /// Writes out everything buffered, retrying short and interrupted writes; on any other
    /// error the buffer is dropped, the error kept in `failure` and `onFailure` called.
    public func flush() {
        lock.lock()
        var offset = 0
        var failed: Int32? = nil
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + offset, raw.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                failed = n < 0 ? errno : EIO    // 0 bytes for a non-empty write: nothing will move
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
        let firstFailure = failure == nil ? failed : nil
        if let failed, failure == nil { failure = failed }
        lock.unlock()
        if let firstFailure { onFailure?(firstFailure) }
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

    /// Makes a failed write to stdout end nns at once instead of going unnoticed. A closed pipe
    /// (`nns big.nns | head -1`) means the reader has seen enough: nns stops quietly with status
    /// 0, as ripgrep does (SIGPIPE is ignored so that the write returns EPIPE rather than killing
    /// the process by a signal). Any other failure (a full disk, `> /dev/full`, a closed stdout)
    /// prints `nns: cannot write to standard output: REASON` on stderr and exits with status 1.
    public static func endOnWriteFailure() {
        signal(SIGPIPE, SIG_IGN)
        output.onFailure = { code in
            if code == EPIPE { exit(0) }
            error.write("nns: cannot write to standard output: \(String(cString: strerror(code)))\n")
            exit(1)
        }
    }
}
