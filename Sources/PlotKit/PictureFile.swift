// Writing a picture file atomically: the bytes go to a temporary file beside the target, which
// is then renamed over it, so a reader never sees half a picture.
import Foundation
import TensorKit

/// The picture formats a `file:` name can ask for.
public enum PictureFormat: Equatable {
    case png, svg

    /// The format named by the file's extension (case-insensitive); other extensions are an error.
    public init(path: String) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": self = .png
        case "svg": self = .svg
        default:
            throw PlotError("file: \"\(path)\" should end in .png or .svg")
        }
    }
}

/// Atomic file output.
public enum PictureFile {
    /// Writes `bytes` to `path` atomically (see AtomicFile): the old file stays whole on failure.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: (path as NSString).expandingTildeInPath)
        } catch {
            throw PlotError("cannot write \"\(path)\": \(error.reason)")
        }
    }

    /// Writes text (SVG) the same way.
    public static func write(text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
