// Refusing a tensor the machine cannot hold. Before a large buffer (64 MiB and up) is allocated,
// the memory still free is read — /proc/meminfo's MemAvailable, the cgroup's limit when one is
// set, and NNS_MEMORY_LIMIT when the user sets one — so running out of memory ends in an error
// at the line that asked for too much, not in the kernel's out-of-memory killer ending the session.
import Foundation

enum MemoryBudget {
    /// Buffers below this many bytes are not checked (reading the budget costs ~50 µs).
    static let checkedFrom = 64 << 20
    /// Kept free for the interpreter, BLAS's buffers and the operation's own temporaries.
    static let reserve = 256 << 20

    /// Throws when `bytes` more would not fit in the memory left.
    static func check(bytes: Int, shape: [Int]) throws {
        guard bytes >= checkedFrom, let free = available() else { return }
        if bytes > free - reserve {
            throw TensorError("a tensor of shape \(shape) needs \(gib(bytes)) of memory, and only \(gib(max(free - reserve, 0))) is free (close other programs, free variables you no longer need, or work on smaller pieces)")
        }
    }

    /// Bytes that can still be allocated: the least of what the system, the cgroup and
    /// NNS_MEMORY_LIMIT (minus what nns already uses) allow; nil when none is known.
    static func available() -> Int? {
        var candidates: [Int] = []
        if let limit = ProcessInfo.processInfo.environment["NNS_MEMORY_LIMIT"].flatMap(parseSize) {
            candidates.append(limit - residentBytes())
        }
        #if os(Linux)
        if let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = meminfo.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            candidates.append(kib * 1024)
        }
        if let max = readInt("/sys/fs/cgroup/memory.max"), let current = readInt("/sys/fs/cgroup/memory.current") {
            candidates.append(max - current)
        }
        #endif
        return candidates.min()
    }

    /// "3.2 GiB", "640 MiB".
    static func gib(_ bytes: Int) -> String {
        let g = Double(bytes) / Double(1 << 30)
        return g >= 1 ? "\(Tensor.numberText((g * 10).rounded() / 10)) GiB" : "\(bytes >> 20) MiB"
    }

    /// "2G", "512M", "1500000000" → bytes.
    static func parseSize(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        if let last = t.last, let unit = units[last], let v = Double(t.dropLast()), v >= 0, v < 1e6 {
            return Int(v * Double(unit))
        }
        guard let v = Double(t), v >= 0, v < 9e18 else { return nil }
        return Int(v)
    }

    /// This process's resident memory (Linux), 0 where unknown.
    static func residentBytes() -> Int {
        #if os(Linux)
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
           let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        }
        #endif
        return 0
    }

    private static func readInt(_ path: String) -> Int? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
