// The names of the named temporary files of AtomicFile (`.NAME.tmp-PID-RANDOM`) and the clearing
// of those a killed process left behind, so that debris of an interrupted save does not last.
import Glibc

extension AtomicFile {
    /// A fresh temporary name for the target `name`: `.NAME.tmp-PID-RANDOM`.
    static func temporaryName(for name: String) -> String {
        ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Removes `.NAME.tmp-PID-…` files in `folder` whose process no longer runs: they are what
    /// a save killed before its rename left. Files of live processes (a save under way) stay.
    static func clearStaleTemporaries(folder: String, name: String) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        let prefix = ".\(name).tmp-"
        var stale: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix) else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { stale.append(entryName) }
        }
        for entryName in stale { unlink(folder + "/" + entryName) }
    }
}
