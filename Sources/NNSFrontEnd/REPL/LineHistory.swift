// LineHistory: the prompt's line history — libedit's list, saved after every entry through the
// atomic writer. A missing HOME, a damaged, unreadable or unwritable file never stops the prompt:
// the history is then kept in memory and the REPL says why once (`takeNotice`).
@preconcurrency import CEditLine
import Glibc
import TensorKit

/// The prompt's line history, backed by libedit's history list and a file in libedit's format,
/// bounded in size and rewritten after every entry so that a killed session keeps what was typed.
final class LineHistory {
    /// The most entries kept (in memory and in the file).
    static let capacity = 1000
    /// A history file larger than this is not one nns wrote (1000 lines); it is set aside.
    static let largestFile = 16 << 20
    /// The first line of every libedit history file.
    static let cookie = Array("_HiStOrY_V2_\n".utf8)

    /// libedit's history list (shared with the editor for arrows and Ctrl-R).
    let handle: OpaquePointer
    /// Where entries are saved; nil keeps them in memory only.
    private(set) var path: String?
    /// A message for the user not yet shown (why the history is not saved, or was set aside).
    private var notice: String?
    /// Whether a failed save has been reported (it is said once per session).
    private var reportedSaveFailure = false

    /// A history loaded from `path`; nil `path` (no HOME) keeps it in memory only.
    init?(path: String?) {
        guard let h = history_init() else { return nil }
        handle = h
        _ = nns_history_setsize(h, Int32(Self.capacity))
        _ = nns_history_setunique(h, 1)
        guard let path else {
            notice = "the history is kept in memory only: HOME is not set (NNS_HISTORY can name a file)"
            return
        }
        self.path = path
        load(path)
    }

    deinit { history_end(handle) }

    /// The history file: `$NNS_HISTORY` when set and not empty, else `~/.nns_history`.
    static func defaultPath(environment: (String) -> String?) -> String? {
        if let p = environment("NNS_HISTORY"), !p.isEmpty { return p }
        if let home = environment("HOME"), !home.isEmpty { return home + "/.nns_history" }
        return nil
    }

    /// The message not yet shown, once.
    func takeNotice() -> String? {
        defer { notice = nil }
        return notice
    }

    /// Reads the file. A file that cannot be read is left as it is (saving over it would lose
    /// it); one libedit cannot parse is moved to `PATH.damaged` and a new one begun.
    private func load(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return }  // the first session: nothing yet
            keepInMemory("cannot read the history file '\(path)' (\(String(cString: strerror(errno))))")
            return
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            keepInMemory("the history file '\(path)' is a folder")
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            keepInMemory("cannot read the history file '\(path)' (\(String(cString: strerror(errno))))")
            return
        }
        // libedit's files begin with its cookie; anything else (or a huge file) is not one.
        var head = [UInt8](repeating: 0, count: Self.cookie.count)
        let got = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        close(fd)
        let empty = info.st_size == 0
        let looksRight = empty || (got == head.count && head == Self.cookie)
        if !looksRight || Int(info.st_size) > Self.largestFile || (!empty && nns_history_load(handle, path) < 0) {
            nns_history_clear(handle)
            let aside = path + ".damaged"
            if rename(path, aside) == 0 {
                notice = "the history file '\(path)' was damaged; it is kept as '\(aside)' and a new one begun"
            } else {
                keepInMemory("the history file '\(path)' is damaged and cannot be moved aside")
            }
        }
    }

    /// Stops saving, with the reason for the user.
    private func keepInMemory(_ reason: String) {
        path = nil
        notice = reason + "; this session's lines are kept in memory only"
    }

    /// Records one line (blank lines are skipped) and saves the file at once.
    func add(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        _ = nns_history_enter(handle, line)
        save()
    }

    /// Every entry, oldest first.
    var entries: [String] {
        var result: [String] = []
        var p = nns_history_first(handle)
        while let s = p {
            result.append(String(cString: s))
            p = nns_history_next_newer(handle)
        }
        return result
    }

    /// Writes the file (mode 0600: what was typed may be private) through the atomic writer, so
    /// a kill or a full disk leaves the previous file whole. A failure is said once; later
    /// entries try again (the disk may have room by then).
    private func save() {
        guard let path else { return }
        guard let bytes = fileBytes() else {
            reportFailure(path, "no scratch file for it")
            return
        }
        do {
            try AtomicFile.write(bytes, to: path, permissions: 0o600)
        } catch {
            reportFailure(path, error.reason)
        }
    }

    /// Says once that saving failed.
    private func reportFailure(_ path: String, _ reason: String) {
        guard !reportedSaveFailure else { return }
        reportedSaveFailure = true
        notice = "cannot save the history to '\(path)' (\(reason)); this session's lines are kept in memory"
    }

    /// The history in libedit's file format, written by libedit into an unnamed scratch file
    /// (libedit changes the stream's mode, so it needs a real file, not a memory stream).
    private func fileBytes() -> [UInt8]? {
        guard let stream = tmpfile() else { return nil }
        defer { fclose(stream) }
        guard nns_history_save_fp(handle, stream) >= 0, fflush(stream) == 0 else { return nil }
        rewind(stream)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, stream) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return ferror(stream) == 0 ? bytes : nil
    }
}
