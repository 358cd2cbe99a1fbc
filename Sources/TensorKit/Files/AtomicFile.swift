// The one writer behind every file nns writes: the bytes go to an unnamed temporary file in the
// target's folder (O_TMPFILE), are flushed to the disk, then linked and renamed over the target in
// one step, so a kill, a full disk or a file-size limit leaves the old file whole and no debris.
import Glibc

/// Atomic, checked whole-file writes.
public enum AtomicFile {
    /// Why a write failed, in words for a located error message ("cannot write 'x' (REASON)").
    public struct Failure: Error, CustomStringConvertible {
        /// The reason, e.g. "the disk is full".
        public let reason: String
        /// The reason text.
        public var description: String { reason }
    }

    /// Writes `bytes` to `path`, replacing it in one step or leaving it as it was.
    /// `permissions` nil keeps an existing file's mode, else 0666 minus the umask.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t? = nil) throws(Failure) {
        let (folder, name) = split(path)
        var info = stat()
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure(reason: "the folder '\(folder)' does not exist")
        }
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(reason: "it is a folder")
        }
        let mode = permissions ?? (stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil)
        clearStaleTemporaries(folder: folder, name: name)

        // First choice: an unnamed file, which a kill cannot leave behind.
        let unnamed = open(folder, tmpfileFlag | O_WRONLY | O_CLOEXEC, 0o666)
        if unnamed >= 0 {
            defer { close(unnamed) }
            try fill(unnamed, bytes, mode: mode)
            if try linkIntoPlace(unnamed, folder: folder, name: name, path: path) { return }
        } else if errno == EACCES || errno == EROFS || errno == ENOSPC || errno == EDQUOT {
            throw Failure(reason: describe(errno))
        }
        // The file system refuses O_TMPFILE (or /proc is missing): a named temporary, which the
        // next save of the same target clears if this process is killed before the rename.
        try writeThroughNamedTemporary(bytes, folder: folder, name: name, path: path, mode: mode)
    }

    /// Writes text as UTF-8 (see `write(_:to:permissions:)`).
    public static func write(text: String, to path: String, permissions: mode_t? = nil) throws(Failure) {
        try write(Array(text.utf8), to: path, permissions: permissions)
    }

    // MARK: - steps

    /// Writes every byte, sets the mode and flushes to the disk; every result is checked.
    static func fill(_ fd: Int32, _ bytes: [UInt8], mode: mode_t?) throws(Failure) {
        let failed: Int32? = bytes.withUnsafeBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var done = 0
            while done < raw.count {
                // Linux moves at most about 2 GiB a call; 1 GiB pieces keep the count exact.
                let n = Glibc.write(fd, base + done, min(raw.count - done, 1 << 30))
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return ENOSPC }
                done += n
            }
            return nil
        }
        if let code = failed { throw Failure(reason: describe(code)) }
        if let mode, fchmod(fd, mode) != 0 { throw Failure(reason: describe(errno)) }
        // fsync reports late write errors (a full disk on some file systems shows only here).
        guard fsync(fd) == 0 else { throw Failure(reason: describe(errno)) }
    }

    /// Gives the unnamed file `fd` the name `path`; false when linking is refused (no /proc),
    /// so the caller falls back to a named temporary.
    static func linkIntoPlace(_ fd: Int32, folder: String, name: String, path: String) throws(Failure) -> Bool {
        let source = "/proc/self/fd/\(fd)"
        // A target that does not exist yet is linked straight to its name: nothing to replace.
        if linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 {
            syncFolder(folder)
            return true
        }
        guard errno == EEXIST else {
            if errno == ENOENT || errno == EPERM || errno == EXDEV || errno == EOPNOTSUPP { return false }
            throw Failure(reason: describe(errno))
        }
        // Otherwise a unique name beside it, then rename(2), which replaces the target in one step.
        // A kill between the two leaves that name; its pattern lets the next save clear it.
        for _ in 0..<8 {
            let temporary = folder + "/" + temporaryName(for: name)
            if linkat(AT_FDCWD, source, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) != 0 {
                if errno == EEXIST { continue }
                if errno == ENOENT || errno == EPERM || errno == EXDEV { return false }
                throw Failure(reason: describe(errno))
            }
            try renameOver(temporary, path)
            syncFolder(folder)
            return true
        }
        throw Failure(reason: "no free temporary name")
    }

    /// The fallback: a named temporary created exclusively, filled, flushed and renamed.
    static func writeThroughNamedTemporary(_ bytes: [UInt8], folder: String, name: String, path: String,
                                           mode: mode_t?) throws(Failure) {
        for _ in 0..<8 {
            let temporary = folder + "/" + temporaryName(for: name)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw Failure(reason: describe(errno))
            }
            do {
                try fill(fd, bytes, mode: mode)
            } catch {
                close(fd)
                unlink(temporary)
                throw error
            }
            guard close(fd) == 0 else {
                let code = errno
                unlink(temporary)
                throw Failure(reason: describe(code))
            }
            try renameOver(temporary, path)
            syncFolder(folder)
            return
        }
        throw Failure(reason: "no free temporary name")
    }

    /// rename(2), removing the temporary when it fails.
    static func renameOver(_ temporary: String, _ path: String) throws(Failure) {
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(reason: describe(code))
        }
    }

    /// Flushes the folder's entry list, so the new name survives a power cut (errors ignored:
    /// the data is already safe and some file systems refuse fsync on folders).
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// O_TMPFILE is a compound macro Swift does not import: __O_TMPFILE (0o20000000 on x86-64
    /// and ARM) | O_DIRECTORY. A kernel or file system without it refuses the open.
    static let tmpfileFlag: Int32 = 0o20_000_000 | O_DIRECTORY

    /// The folder and the last component of `path` ("." for a bare name).
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// An errno in words; the common failures of saving are named plainly.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full"
        case EFBIG: return "it passes the file-size limit set by ulimit -f"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        default: return String(cString: strerror(code))
        }
    }
}
