// Completion: what TAB offers for the text left of the cursor — keywords, built-ins, variables,
// fields after `.`, named arguments inside a built-in's call, file names inside strings, REPL
// commands. It only reads values (globals, record keys, object field names); it never runs user code.
import NNScript
import TensorKit

/// What the completer may read: the session's names and values.
protocol CompletionSource {
    /// Defined globals, sorted.
    var globalNames: [String] { get }
    /// A global's value.
    func global(_ name: String) -> Value?
    /// Built-in names, sorted.
    var builtinNames: [String] { get }
    /// A built-in by name.
    func builtin(_ name: String) -> Builtin?
    /// The context objects read fields through.
    var context: ScriptContext { get }
}

extension Session: CompletionSource {}

/// The session's names sorted once per cell rather than once per keystroke (globals change only
/// while a cell runs); values are still read live.
final class SessionNames: CompletionSource {
    let session: Session
    private(set) var globalNames: [String]
    let builtinNames: [String]

    init(_ session: Session) {
        self.session = session
        globalNames = session.globalNames
        builtinNames = session.builtinNames
    }

    /// Reads the global names again (after a cell, `:load` or `:reset`).
    func refresh() { globalNames = session.globalNames }

    func global(_ name: String) -> Value? { session.global(name) }
    func builtin(_ name: String) -> Builtin? { session.builtin(name) }
    var context: ScriptContext { session.context }
}

/// The candidates for the word left of the cursor.
struct Completion: Equatable {
    /// The word being completed, as typed (every candidate starts with it).
    var word: String
    /// Full replacements for `word`, in the order to show them.
    var candidates: [String]

    /// Text to insert at the cursor: the candidates' common extension of `word` ("" when none).
    var insertion: String {
        guard let first = candidates.first else { return "" }
        var common = Substring(first)
        for c in candidates.dropFirst() {
            common = common.commonPrefix(with: c)[...]
            if common.count <= word.count { return "" }
        }
        return common.count > word.count ? String(common.dropFirst(word.count)) : ""
    }
}

extension Substring {
    /// The longest common prefix, compared character by character.
    fileprivate func commonPrefix(with other: String) -> String {
        var result = ""
        for (a, b) in zip(self, other) {
            guard a == b else { break }
            result.append(a)
        }
        return result
    }
}

/// Computes completions for a line; pure apart from reading the session and the file system.
struct Completer {
    let source: any CompletionSource
    /// Lists directory entries (replaceable in tests).
    var listDirectory: (String) -> [(name: String, isDirectory: Bool)] = FileNames.list

    /// The language's keywords, offered with the names.
    static let keywords: [String] = {
        let own = ["and", "break", "continue", "else", "false", "fn", "for", "if", "in", "none",
                   "not", "or", "return", "true", "while"]
        return Array(Set(own + Session.keywords)).sorted()
    }()

    /// The completions for `before`, the line's text left of the cursor.
    func complete(_ before: String) -> Completion {
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        if trimmed.first == ":" { return completeCommand(String(trimmed)) }
        if trimmed.first == "?" { return completeName(String(trimmed.dropFirst()), code: false) }
        return completeCode(before)
    }

    // MARK: - REPL commands

    private func completeCommand(_ text: String) -> Completion {
        guard let space = text.firstIndex(of: " ") else {
            return Completion(word: text, candidates: ReplCommand.names.map { ":" + $0 }
                .filter { $0.hasPrefix(text) })
        }
        let name = String(text[text.index(after: text.startIndex)..<space])
        let rest = String(text[text.index(after: space)...])
        switch name {
        case "load", "save", "export":
            let word = String(rest.split(separator: " ", omittingEmptySubsequences: false).last ?? "")
            return completeFile(word)
        case "help": return completeName(rest, code: false)
        case "time": return completeCode(rest)
        default: return Completion(word: "", candidates: [])
        }
    }

    // MARK: - code

    private func completeCode(_ before: String) -> Completion {
        let scan = LineScan(before)
        switch scan.state {
        case .comment: return Completion(word: "", candidates: [])
        case .string(let start):
            return completeFile(String(before[before.index(after: start)...]))
        case .code:
            return completeName(before, code: true, scan: scan)
        }
    }

    /// A name, a field after `.`, or a named argument.
    private func completeName(_ before: String, code: Bool, scan: LineScan? = nil) -> Completion {
        let chars = Array(before)
        var start = chars.count
        while start > 0 && LineScan.isIdentifier(chars[start - 1]) { start -= 1 }
        let word = String(chars[start...])
        // A word starting with a digit is a number, not a name.
        if let f = word.first, f.isNumber { return Completion(word: word, candidates: []) }
        if code && start > 0 && chars[start - 1] == "." {
            return completeField(word, receiver: Array(chars[..<(start - 1)]))
        }
        var named: [String] = []
        if code, let scan, let call = scan.openCall {
            named = namedArguments(call: call, in: chars).filter { $0.hasPrefix(word) }
        }
        let names = Self.mergeSorted([Self.keywords, source.builtinNames, source.globalNames]
            .map { $0.filter { $0.hasPrefix(word) } })
        return Completion(word: word, candidates: named + names)
    }

    /// One sorted list without repeats from several sorted lists (linear: no sort per keystroke).
    static func mergeSorted(_ lists: [[String]]) -> [String] {
        lists.reduce([]) { merged, next in merge(merged, next) }
    }

    /// Two sorted lists merged, an element in both kept once.
    private static func merge(_ a: [String], _ b: [String]) -> [String] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var result: [String] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] { result.append(a[i]); i += 1 }
            else if b[j] < a[i] { result.append(b[j]); j += 1 }
            else { result.append(a[i]); i += 1; j += 1 }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }

    /// `receiver.word`: the receiver's fields.
    private func completeField(_ word: String, receiver: [Character]) -> Completion {
        guard let value = resolve(receiver) else { return Completion(word: word, candidates: []) }
        return Completion(word: word, candidates: Self.fields(of: value).filter { $0.hasPrefix(word) }.sorted())
    }

    /// The fields `.` can reach on a value.
    static func fields(of value: Value) -> [String] {
        switch value {
        case .record(let r): return r.keys
        case .tensor: return ["T", "shape"]
        case .object(let o): return o.fieldNames
        case .number, .bool, .string, .none, .list, .function: return []
        }
    }

    /// Reads the value of a receiver chain such as `net.layers[0]` at the end of `chars`, without
    /// running user code: globals, record fields, object fields and list items only.
    func resolve(_ chars: [Character]) -> Value? {
        guard let steps = ChainParser.steps(endingAt: chars), case .name(let root)? = steps.first,
              var value = source.global(root) else { return nil }
        for step in steps.dropFirst() {
            switch (step, value) {
            case (.name(let n), .record(let r)):
                guard let v = r[n] else { return nil }
                value = v
            case (.name(let n), .object(let o)):
                guard o.fieldNames.contains(n), let v = try? o.field(n, context: source.context)
                else { return nil }
                value = v
            case (.name("T"), .tensor): break
            case (.name("shape"), .tensor(let t)):
                value = .list(ListBox(t.shape.map { .number(Double($0)) }))
            case (.index(let i), .list(let l)):
                let k = i < 0 ? l.items.count + i : i
                guard k >= 0 && k < l.items.count else { return nil }
                value = l.items[k]
            case (.index, .tensor): break  // a row of a tensor is a tensor: same fields
            default: return nil
            }
        }
        return value
    }

    /// `name:` for each parameter of the called built-in not given by name yet.
    private func namedArguments(call: LineScan.OpenCall, in chars: [Character]) -> [String] {
        let callee = Array(chars[..<call.openParen])
        var builtin: Builtin?
        if let steps = ChainParser.steps(endingAt: callee), steps.count == 1,
           case .name(let n)? = steps.first, source.global(n) == nil {
            builtin = source.builtin(n)
        }
        if builtin == nil, case .function(let f)? = resolve(callee) { builtin = f as? Builtin }
        guard let builtin else { return [] }
        let given = Set(call.namedGiven)
        return builtin.parameters.compactMap { p in
            switch p.kind {
            case .variadic: return nil
            case .regular, .namedOnly: return given.contains(p.name) ? nil : p.name + ":"
            }
        }
    }

    // MARK: - files

    /// File names for a partial path: the typed directory part is kept, directories end in `/`.
    private func completeFile(_ word: String) -> Completion {
        let slash = word.lastIndex(of: "/")
        let dirPart = slash.map { String(word[...$0]) } ?? ""
        let base = slash.map { String(word[word.index(after: $0)...]) } ?? word
        var directory = dirPart.isEmpty ? "." : dirPart
        if directory.hasPrefix("~/"), let home = FileNames.home {
            directory = home + directory.dropFirst(1)
        }
        let showHidden = base.hasPrefix(".")
        let names = listDirectory(directory)
            .filter { $0.name.hasPrefix(base) && (showHidden || !$0.name.hasPrefix(".")) }
            .map { dirPart + $0.name + ($0.isDirectory ? "/" : "") }
            .sorted()
        return Completion(word: word, candidates: names)
    }
}

/// Candidates laid out in columns under the prompt, as a shell lists them.
enum CandidateList {
    /// The most candidates listed at once.
    static let limit = 200

    /// Column layout of the candidates' display names, ending in a newline.
    static func layout(_ candidates: [String], width: Int) -> String {
        let shown = candidates.prefix(limit).map(displayName)
        // By display width: a variable named 权重 takes four columns.
        let columnWidth = (shown.map(\.displayWidth).max() ?? 0) + 2
        let columns = max(1, max(width, 20) / columnWidth)
        let rows = (shown.count + columns - 1) / columns
        var text = ""
        for r in 0..<rows {
            var line = ""
            for c in 0..<columns {
                let i = c * rows + r  // down the columns, like ls
                guard i < shown.count else { break }
                let name = shown[i]
                let isLast = (c + 1) * rows + r >= shown.count
                line += isLast ? name : name.padded(toWidth: columnWidth)
            }
            text += line + "\n"
        }
        if candidates.count > limit { text += "... and \(candidates.count - limit) more\n" }
        return text
    }

    /// A file candidate shows its last component (`data/` for `lecture/data/`), others as they are.
    static func displayName(_ candidate: String) -> String {
        let isDirectory = candidate.hasSuffix("/")
        let trimmed = isDirectory ? String(candidate.dropLast()) : candidate
        guard let slash = trimmed.lastIndex(of: "/") else { return candidate }
        return String(trimmed[trimmed.index(after: slash)...]) + (isDirectory ? "/" : "")
    }
}
