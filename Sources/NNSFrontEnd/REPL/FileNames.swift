// FileNames: directory listings for completing file names inside strings and after `:load`, and
// whole-file reads and writes for `:load` and `:save`.
import Glibc
import TensorKit

/// Reads directories through opendir/readdir (no Foundation: start-up time matters).
enum FileNames {
    /// The user's home directory, for `~/` in typed paths.
    static var home: String? {
        guard let h = getenv("HOME") else { return nil }
        let s = String(cString: h)
        return s.isEmpty ? nil : s
    }

    /// The entries of a directory (without `.` and `..`); empty when it cannot be read.
    static func list(_ directory: String) -> [(name: String, isDirectory: Bool)] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var result: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_LNK) || entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                if stat(path, &info) == 0 { isDirectory = (info.st_mode & S_IFMT) == S_IFDIR }
            }
            result.append((name, isDirectory))
        }
        return result
    }

    /// A text file's contents, or an error message naming the file.
    static func read(_ path: String) -> Result<String, CommandError> {
        guard let file = fopen(path, "rb") else {
            return .failure(CommandError("cannot open '\(path)': \(String(cString: strerror(errno)))"))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if ferror(file) != 0 { return .failure(CommandError("cannot read '\(path)'")) }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// Writes (replaces) a text file atomically (see AtomicFile).
    static func write(_ text: String, to path: String) -> Result<Void, CommandError> {
        do {
            try AtomicFile.write(text: text, to: path)
            return .success(())
        } catch {
            return .failure(CommandError("cannot write '\(path)': \(error.reason)"))
        }
    }
}
