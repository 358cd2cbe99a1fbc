// What a golden script says it prints, written beside the code as in Crafting Interpreters' tests:
// `print(1 / 4)  # expect: 0.25` for each output line (trailing or on a line of its own), and
// `# expect error: MESSAGE` on the line where the script stops with that error.
import Foundation

/// The expectations read from a script's `# expect` comments.
struct GoldenExpectations {
    /// The output lines in order.
    var lines: [String] = []
    /// The error the script ends in: its 1-based line and message.
    var error: (line: Int, message: String)?

    /// True when the script states no expectation at all.
    var isEmpty: Bool { lines.isEmpty && error == nil }

    /// Reads every `# expect: text` and `# expect error: message` comment of `source`.
    init(source: String) {
        for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "# expect error: ") {
                error = (i + 1, String(line[r.upperBound...]))
            } else if let r = line.range(of: "# expect: ") {
                lines.append(String(line[r.upperBound...]))
            } else if line.hasSuffix("# expect:") {
                lines.append("")
            }
        }
    }

    /// Why `transcript` (stdout, then the rendered error) does not meet the expectations, or nil.
    /// The error is matched by its first line, `FILE:LINE:COL: error: MESSAGE`.
    func mismatch(_ transcript: String, file: String) -> String? {
        var got = transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if got.last == "" { got.removeLast() }
        let errorStart = got.firstIndex { $0.hasPrefix(file + ":") && $0.contains(": error: ") }
        let printed = errorStart.map { Array(got[..<$0]) } ?? got
        if printed != lines {
            return "output differs:\n--- expected\n\(lines.joined(separator: "\n"))\n--- got\n\(printed.joined(separator: "\n"))"
        }
        switch (error, errorStart) {
        case (nil, nil): return nil
        case (nil, let k?): return "unexpected error: \(got[k])"
        case (let e?, nil): return "expected error at line \(e.line) (\(e.message)), but the script ran to its end"
        case (let e?, let k?):
            let head = got[k]
            let prefix = "\(file):\(e.line):"
            guard head.hasPrefix(prefix), head.hasSuffix(": error: " + e.message),
                  let colon = head.dropFirst(prefix.count).firstIndex(of: ":"),
                  Int(head[head.index(head.startIndex, offsetBy: prefix.count)..<colon]) != nil else {
                return "error differs:\n--- expected\n\(prefix)COL: error: \(e.message)\n--- got\n\(head)"
            }
            return nil
        }
    }
}
