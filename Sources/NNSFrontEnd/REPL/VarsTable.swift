// VarsTable: `:vars` — each variable with its kind, its shape (or a short value) and the memory
// its tensors hold, read from the values without running any code. Columns are padded by
// display width, so a name such as 权重矩阵 (eight columns) keeps its row in line.
import NNScript
import TensorKit

/// The `:vars` listing.
enum VarsTable {
    /// Names the REPL itself defines, left out of the listing.
    static let replNames: Set<String> = ["_", "Out"]

    /// The table for these globals, or a note when there are none.
    static func render(names: [String], value: (String) -> Value?) -> String {
        var rows: [[String]] = [["name", "kind", "shape / value", "memory"]]
        for name in names where !replNames.contains(name) {
            guard let v = value(name) else { continue }
            rows.append([name, v.kindName, summary(v), formatBytes(memory(v))])
        }
        if rows.count == 1 { return "no variables\n" }
        let widths = (0..<4).map { c in rows.map { $0[c].displayWidth }.max() ?? 0 }
        return rows.map { row in
            // The memory column is right-aligned; the last column gets no trailing spaces.
            (0..<4).map { c in c == 3 ? row[c].leftPadded(toWidth: widths[c]) : row[c].padded(toWidth: widths[c]) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// "kind shape" for help texts.
    static func describe(_ v: Value) -> String {
        let s = summary(v)
        return s.isEmpty ? v.kindName : v.kindName + " " + s
    }

    /// The shape of a tensor, the size of a list, the keys of a record, or a short value.
    static func summary(_ v: Value) -> String {
        switch v {
        case .number(let x): return clip(numberText(x))
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return clip("\"" + s + "\"")
        case .none: return "none"
        case .tensor(let t): return "[" + t.shape.map(String.init).joined(separator: ", ") + "]"
        case .list(let l): return "\(l.items.count) item" + (l.items.count == 1 ? "" : "s")
        case .record(let r): return clip("{" + r.keys.joined(separator: ", ") + "}")
        case .function(let f): return f.name
        case .object: return ""
        }
    }

    /// Bytes held by tensors (8 per element) and objects, through lists and records.
    static func memory(_ v: Value) -> Int {
        var seen = Set<ObjectIdentifier>()
        return memory(v, seen: &seen, depth: 0)
    }

    private static func memory(_ v: Value, seen: inout Set<ObjectIdentifier>, depth: Int) -> Int {
        guard depth < 32 else { return 0 }
        switch v {
        case .number, .bool, .none, .function: return 8
        case .string(let s): return s.utf8.count
        case .tensor(let t): return t.count.multipliedReportingOverflow(by: 8).partialValue
        case .object(let o):
            return seen.insert(ObjectIdentifier(o)).inserted ? o.memoryBytes : 0
        case .list(let l):
            guard seen.insert(ObjectIdentifier(l)).inserted else { return 0 }
            return l.items.reduce(0) { $0 &+ memory($1, seen: &seen, depth: depth + 1) }
        case .record(let r):
            guard seen.insert(ObjectIdentifier(r)).inserted else { return 0 }
            return r.fields.reduce(0) { $0 &+ memory($1.1, seen: &seen, depth: depth + 1) }
        }
    }

    /// 512 B, 1.5 KiB, 12.0 MiB.
    static func formatBytes(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var x = Double(n) / 1024
        var u = 0
        while x >= 1024 && u < units.count - 1 { x /= 1024; u += 1 }
        let tenths = (x * 10).rounded() / 10
        return "\(tenths) \(units[u])"
    }

    /// A number without a useless `.0` (the REPL's own summaries; values print through the session).
    private static func numberText(_ x: Double) -> String { NumberText.shortest(x) }

    /// At most 40 columns: longer text is cut (by display width) and ends in "…".
    private static func clip(_ s: String) -> String {
        s.displayWidth <= 40 ? s : s.prefix(fittingWidth: 39) + "…"
    }
}
