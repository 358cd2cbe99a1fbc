// Writing a picture file atomically: the bytes go to a temporary file beside the target, which
// is then renamed over it, so a reader never sees half a picture.
import Foundation

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
    /// Writes `bytes` to `path` through a temporary file and a rename.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            throw PlotError("cannot write \"\(path)\": \(error.localizedDescription)")
        }
        // rename(2) replaces the target in one step.
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PlotError("cannot write \"\(path)\": \(reason)")
        }
    }

    /// Writes text (SVG) the same way.
    public static func write(text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
