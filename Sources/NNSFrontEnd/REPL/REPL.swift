// The REPL: notebook-style cells over one session. Reads a cell (continuing while the parser says
// the input ended too early), runs it, shows `Out[n]: value`, keeps `_` and `Out`, and hands lines
// starting with `:` or `?` to the commands (REPL+Commands.swift).
import Glibc
import NNScript

/// The interactive prompt over one session.
public final class REPL {
    public let session: Session

    /// One cell that ran: its number, source and whether it ended without error.
    struct Cell {
        let number: Int
        let source: String
        let succeeded: Bool
    }

    /// The number the next cell gets.
    var cellNumber = 1
    /// Every cell run since the start (or the last `:reset`), in order.
    var cells: [Cell] = []
    /// `Out`: a list whose item n is the value shown by cell n (`none` for cells that showed none).
    let outputs = ListBox([.none])
    /// Sources by run name, for error carets.
    var errors = CellErrorDisplay()
    /// Colours in prompts and messages.
    var color = false
    /// Prompts and `Out[n]:` labels (false when stdin or stdout is not a terminal).
    var showsPrompts = true
    /// Columns of the terminal.
    var width = 80

    public init(session: Session) {
        self.session = session
    }

    /// Runs the prompt until `:quit` or Ctrl-D; returns the exit status.
    public func run() -> Int32 {
        let mode = Self.mode(environment: Self.environment)
        showsPrompts = mode != .plain
        color = mode == .editing && (Self.environment("NO_COLOR") ?? "").isEmpty
        errors.color = color
        width = session.context.terminal.width > 0 ? session.context.terminal.width : 80
        InterruptHandler.install(flag: session.context.interrupt)
        let editor = LineEditor(mode: mode,
                                historyPath: LineHistory.defaultPath(environment: Self.environment),
                                interrupt: session.context.interrupt)
        editor.width = width
        session.setGlobal("Out", .list(outputs))
        let names = SessionNames(session)
        editor.complete = { before in Completer(source: names).complete(before) }
        if showsPrompts {
            write("nns — :help for help, TAB to complete, Ctrl-D to quit\n")
        }
        while true {
            if let notice = editor.history?.takeNotice() { writeError("nns: " + notice + "\n") }
            switch readCell(editor) {
            case .end:
                return 0
            case .interrupt:
                continue
            case .line(let source):
                if source.trimmingSpaces.isEmpty { continue }
                if let command = ReplCommand.parse(source) {
                    switch command {
                    case .success(.quit): return 0
                    case .success(let c): perform(c)
                    case .failure(let e): writeError(errorPrefix + e.message + "\n")
                    }
                } else {
                    runCell(source)
                }
                names.refresh()
            }
        }
    }

    // MARK: - reading

    /// Reads the lines of one cell: the first at `In [n]: `, more at `   ...: ` while the parser
    /// reports that the input ended too early. Ctrl-C drops the cell.
    private func readCell(_ editor: LineEditor) -> LineRead {
        let first: String
        flushOutput()
        switch editor.read(prompt: inPrompt) {
        case .end: return .end
        case .interrupt: return .interrupt
        case .line(let l): first = l
        }
        editor.remember(first)
        if ReplCommand.parse(first) != nil { return .line(first) }
        var source = first
        var lines = [first]
        while session.isIncomplete(source) {
            switch editor.read(prompt: continuationPrompt) {
            case .interrupt: return .interrupt
            case .end: return .line(source)  // run it: the parser says what is missing
            case .line(let l):
                editor.remember(l)
                lines.append(l)
                source += "\n" + l
            }
        }
        // The whole cell as one history line too, when it reads the same that way.
        if let whole = HistoryCell.oneLine(lines).first(where: session.parses) { editor.remember(whole) }
        return .line(source)
    }

    var inPrompt: String {
        let text = "In [\(cellNumber)]: "
        return color ? "\u{1B}[32m" + text + "\u{1B}[0m" : text
    }

    /// `   ...: `, right-aligned under `In [n]: `.
    var continuationPrompt: String {
        let padding = String(repeating: " ", count: max(0, "In [\(cellNumber)]: ".count - 5))
        return color ? "\u{1B}[32m" + padding + "...: \u{1B}[0m" : padding + "...: "
    }

    // MARK: - running

    /// What running one cell gave: its number and run name (`In[n]`), the value it shows (nil:
    /// none) or its error, and its wall time.
    struct CellOutcome {
        let number: Int
        let name: String
        let result: Result<Value?, ScriptError>
        let seconds: Double
    }

    /// Runs one cell and keeps the notebook state — the cell number, `Out[n]`, `_` and the cells
    /// `:save` writes — without showing anything (the prompt and the kernel show it their way).
    func evaluateCell(_ source: String) -> CellOutcome {
        let number = cellNumber
        cellNumber += 1
        let name = "In[\(number)]"
        errors.sources[name] = source
        let started = Self.monotonicSeconds()
        let result = runGuarded(source, file: name)
        let elapsed = Self.monotonicSeconds() - started
        session.setGlobal("Out", .list(outputs))
        switch result {
        case .success(let value):
            cells.append(Cell(number: number, source: source, succeeded: true))
            if let value {
                while outputs.items.count <= number { outputs.items.append(.none) }
                outputs.items[number] = value
                session.setGlobal("_", value)
            }
        case .failure:
            cells.append(Cell(number: number, source: source, succeeded: false))
        }
        return CellOutcome(number: number, name: name, result: result, seconds: elapsed)
    }

    /// Runs one cell: shows its value as `Out[n]`, sets `_` and `Out[n]`, reports errors.
    /// Returns the value shown, if any.
    @discardableResult
    func runCell(_ source: String, timed: Bool = false) -> Value? {
        let outcome = evaluateCell(source)
        switch outcome.result {
        case .success(let value):
            if let value { showValue(value, number: outcome.number) }
            if timed { write("time: \(Self.formatDuration(outcome.seconds)) (wall)\n") }
            return value
        case .failure(let error):
            report(error, cell: outcome.name)
            return nil
        }
    }

    /// Runs source with the interrupt flag armed: Ctrl-C now stops the cell, not the line.
    func runGuarded(_ source: String, file: String) -> Result<Value?, ScriptError> {
        session.context.interrupt.clear()
        InterruptHandler.beginRunning()
        defer {
            InterruptHandler.endRunning()
            flushOutput()
        }
        do {
            return .success(try session.run(source, file: file))
        } catch {
            return .failure(error)
        }
    }

    /// `Out[n]: value`; a value of several lines starts on its own line.
    private func showValue(_ value: Value, number: Int) {
        let text = session.format(value)
        guard showsPrompts else { write(text + "\n"); return }
        let label = color ? "\u{1B}[31mOut[\(number)]:\u{1B}[0m" : "Out[\(number)]:"
        write(label + (text.contains("\n") ? "\n" : " ") + text + "\n")
    }

    /// Prints an error (or the interrupt note) on stderr.
    func report(_ error: ScriptError, cell: String) {
        if error.phase == .runtime && error.message == ScriptError.interrupted.message {
            let note = "interrupted: every variable keeps the value it had when Ctrl-C was pressed"
            writeError((color ? "\u{1B}[33m" + note + "\u{1B}[0m" : note) + "\n")
            return
        }
        writeError(errors.render(error, cell: cell))
    }

    var errorPrefix: String { color ? "\u{1B}[1;31merror:\u{1B}[0m " : "error: " }

    // MARK: - output

    func write(_ text: String) {
        session.context.write(text)
        flushOutput()
    }

    func writeError(_ text: String) {
        flushOutput()
        session.context.writeError(text)
        StandardStreams.error.flush()
    }

    /// Sends out everything buffered (the session's stream and C's stdio, which libedit uses).
    func flushOutput() {
        StandardStreams.output.flush()
        fflush(nil)
    }

    // MARK: - environment

    /// The environment, read without Foundation.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// libedit on a capable terminal, prompts without escapes on a dumb one, plain reading otherwise.
    static func mode(environment: (String) -> String?) -> LineEditor.Mode {
        guard isatty(0) == 1 && isatty(1) == 1 else { return .plain }
        let term = environment("TERM") ?? ""
        return term.isEmpty || term == "dumb" ? .plainPrompt : .editing
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// 850 µs, 12.3 ms, 4.56 s.
    static func formatDuration(_ seconds: Double) -> String {
        func digits(_ x: Double) -> String {
            let r = x >= 100 ? x.rounded() : x >= 10 ? (x * 10).rounded() / 10 : (x * 100).rounded() / 100
            return r == r.rounded() && r < 1e15 ? String(Int(r)) : String(r)
        }
        if seconds < 1e-3 { return digits(seconds * 1e6) + " µs" }
        if seconds < 1 { return digits(seconds * 1e3) + " ms" }
        return digits(seconds) + " s"
    }
}
