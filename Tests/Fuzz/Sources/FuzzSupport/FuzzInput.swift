// What every fuzz target shares: turning libFuzzer's bytes into the input a reader takes, and
// the limits every run stays within (a scratch working folder, a small element limit).
import Foundation
import TensorKit

/// The bytes libFuzzer hands to `LLVMFuzzerTestOneInput`.
public enum FuzzInput {
    /// A copy of the `size` bytes at `data` (nil with size 0 is allowed by libFuzzer).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The bytes as text; invalid UTF-8 becomes U+FFFD, as nns reads a script file.
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }
}

/// Limits set once per fuzz process, before the first input.
public enum FuzzLimits {
    /// Elements a tensor may hold while fuzzing: 2²⁰ (8 MiB of Doubles), so an input that asks
    /// for a huge tensor ends in nns's located error instead of libFuzzer's memory limit.
    public static let elements = 1 << 20

    private static let once: Void = {
        Tensor.elementLimit = elements
        setenv("NNS_MEMORY_LIMIT", "1G", 1)
        setenv("NO_COLOR", "1", 1)
        // Files an input writes land in a scratch folder removed at exit.
        let folder = NSTemporaryDirectory() + "nns-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = FileManager.default.changeCurrentDirectoryPath(folder)
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "nns-fuzz-\(getpid())") }
    }()

    /// Sets the limits (idempotent, cheap after the first call).
    public static func apply() { once }
}
