// LineEditor: reads the prompt's lines — through libedit on a terminal (Emacs keys, arrows, Ctrl-R,
// TAB completion, history), or plainly when not a terminal or on a dumb one. With LineHistory.swift
// the only file that sees libedit (CEditLine).
@preconcurrency import CEditLine
import Glibc
import NNScript

/// One read from the prompt.
enum LineRead: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line is dropped.
    case interrupt
    /// Ctrl-D on an empty line, or the end of the input.
    case end
}

/// Reads lines with or without libedit.
final class LineEditor {
    /// How lines are read.
    enum Mode {
        /// libedit on a capable terminal.
        case editing
        /// A terminal without cursor control (TERM=dumb): prompts, no escape sequences.
        case plainPrompt
        /// Not a terminal: no prompts, plain reading.
        case plain
    }

    let mode: Mode
    let history: LineHistory?
    private let interrupt: InterruptFlag
    private var editor: OpaquePointer?
    /// The current prompt as a C string: libedit keeps the pointer and reads it from its prompt
    /// callback after `read` returned, so the buffer lives as long as the editor.
    private var promptBuffer: UnsafeMutablePointer<CChar>?
    /// TAB's candidates for the text left of the cursor; set by the REPL.
    var complete: ((String) -> Completion)?
    /// Columns for listing candidates.
    var width = 80
    /// Set by the Ctrl-C key while a line is edited.
    private var interruptedAtPrompt = false

    /// The marker libedit uses to skip invisible (colour) parts of the prompt.
    static let promptEscape: CChar = 1

    init(mode: Mode, historyPath: String?, interrupt: InterruptFlag) {
        self.mode = mode
        self.interrupt = interrupt
        history = mode == .plain ? nil : LineHistory(path: historyPath)
        guard mode == .editing else { return }
        // libedit decodes UTF-8 only under a UTF-8 character locale; nns reads UTF-8 throughout,
        // so a plain C locale is upgraded (θ, ρ and φ must stay one character each).
        let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if chosen == "C" || chosen == "POSIX" { setlocale(LC_CTYPE, "C.UTF-8") }
        guard let el = el_init("nns", nns_stdin(), nns_stdout(), nns_stderr()) else { return }
        editor = el
        _ = nns_el_set_emacs(el)
        _ = nns_el_set_signal(el, 1)
        _ = nns_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        _ = nns_el_set_prompt(el, { el in
            guard let el, let data = nns_el_get_clientdata(el) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().promptBuffer
        }, Self.promptEscape)
        if let history { _ = nns_el_set_history(el, history.handle) }
        _ = nns_el_add_function(el, "nns-complete", "complete the word left of the cursor") { el, _ in
            guard let el, let data = nns_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().completeAtCursor(el)
        }
        // Ctrl-C while editing is a key, not a signal: it ends the read and drops the line, on
        // whichever thread reads (a signal may land on another thread and not wake the read).
        _ = nns_el_setty_edit(el, "-isig")
        _ = nns_el_add_function(el, "nns-interrupt", "drop the line") { el, _ in
            guard let el, let data = nns_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().interruptedAtPrompt = true
            return UInt8(CC_EOF)
        }
        // Ctrl-Z likewise arrives as a key; it suspends nns as in a shell (libedit restores the
        // terminal on SIGTSTP and takes it back on SIGCONT).
        _ = nns_el_add_function(el, "nns-suspend", "suspend nns") { _, _ in
            raise(SIGTSTP)
            return UInt8(CC_REFRESH)
        }
        let bindings: [(key: String, command: String)] = [
            ("^C", "nns-interrupt"),
            ("^Z", "nns-suspend"),
            ("^I", "nns-complete"),
            ("^R", "em-inc-search-prev"),
            ("^U", "em-kill-line"),               // as in bash: cut the whole line
            ("^W", "ed-delete-prev-word"),        // as in bash: cut the word before the cursor
            ("^S", "em-inc-search-next"),
            ("\\e[1;5C", "em-next-word"), ("\\e[1;5D", "ed-prev-word"),   // Ctrl-arrows
            ("\\e[1;3C", "em-next-word"), ("\\e[1;3D", "ed-prev-word"),   // Alt-arrows
            ("\\e[H", "ed-move-to-beg"), ("\\e[F", "ed-move-to-end"),     // Home, End
            ("\\e[1~", "ed-move-to-beg"), ("\\e[4~", "ed-move-to-end"),
            ("\\e[3~", "ed-delete-next-char"),                            // Delete
        ]
        for b in bindings { _ = nns_el_bind(el, b.key, b.command) }
        // The user's own ~/.editrc (or $EDITRC) comes last, so `bind -v` gives vi keys.
        _ = el_source(el, nil)
    }

    deinit {
        if let editor { el_end(editor) }
        free(promptBuffer)
    }

    /// Reads one line (without its newline). `prompt` may hold colour codes: libedit is told
    /// which parts are invisible; plain reading drops them.
    func read(prompt: String) -> LineRead {
        interrupt.clear()  // el_gets returns NULL after Ctrl-C too; only a NULL without it is Ctrl-D
        switch mode {
        case .editing:
            guard let editor else { return readPlain(prompt: Self.stripEscapes(prompt)) }
            free(promptBuffer)
            promptBuffer = strdup(Self.markEscapes(prompt))
            fflush(nns_stdout())
            var count: Int32 = 0
            interruptedAtPrompt = false
            guard let raw = el_gets(editor, &count) else {
                if interruptedAtPrompt || interrupt.isRaised {
                    fputs("^C\n", nns_stdout())
                    fflush(nns_stdout())
                    interrupt.clear()
                    return .interrupt
                }
                fputs("\n", nns_stdout())
                return .end
            }
            var line = String(cString: raw)
            if line.hasSuffix("\n") { line.removeLast() }
            return .line(line)
        case .plainPrompt:
            return readPlain(prompt: Self.stripEscapes(prompt))
        case .plain:
            return readPlain(prompt: nil)
        }
    }

    /// Plain reading: a prompt (if any), then one line from stdin.
    private func readPlain(prompt: String?) -> LineRead {
        if let prompt {
            fputs(prompt, nns_stdout())
            fflush(nns_stdout())
        }
        guard let line = readLine(strippingNewline: true) else {
            if interrupt.isRaised { interrupt.clear(); return .interrupt }
            if prompt != nil { fputs("\n", nns_stdout()) }
            return .end
        }
        if interrupt.isRaised { interrupt.clear(); return .interrupt }
        return .line(line)
    }

    /// Adds a line to the history (saved to its file at once).
    func remember(_ line: String) {
        history?.add(line)
    }

    // MARK: - completion

    /// TAB: insert the candidates' common extension, or list them when there is none.
    private func completeAtCursor(_ el: OpaquePointer) -> UInt8 {
        guard let complete, let info = el_wline(el) else { return UInt8(CC_ERROR) }
        var scalars = String.UnicodeScalarView()
        var p = info.pointee.buffer
        while let q = p, q < info.pointee.cursor {
            if let s = Unicode.Scalar(UInt32(bitPattern: q.pointee)) { scalars.append(s) }
            p = q + 1
        }
        let result = complete(String(scalars))
        if result.candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
        let insertion = result.insertion
        if !insertion.isEmpty {
            _ = el_insertstr(el, insertion)
            return UInt8(CC_REFRESH)
        }
        if result.candidates.count == 1 { return UInt8(CC_REFRESH) }
        var size = winsize()
        let columns = ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : width
        fputs("\n" + CandidateList.layout(result.candidates, width: columns), nns_stdout())
        return UInt8(CC_REDISPLAY)
    }

    // MARK: - prompt escapes

    /// Wraps each ESC[...m sequence in libedit's invisible-text markers.
    static func markEscapes(_ prompt: String) -> String {
        var out = ""
        var inEscape = false
        for c in prompt.unicodeScalars {
            if c == "\u{1B}" { out.unicodeScalars.append("\u{1}"); inEscape = true }
            out.unicodeScalars.append(c)
            if inEscape && c == "m" { out.unicodeScalars.append("\u{1}"); inEscape = false }
        }
        return out
    }

    /// The prompt without colour sequences.
    static func stripEscapes(_ prompt: String) -> String {
        var out = String.UnicodeScalarView()
        var inEscape = false
        for c in prompt.unicodeScalars {
            if c == "\u{1B}" { inEscape = true; continue }
            if inEscape { if c == "m" { inEscape = false }; continue }
            out.append(c)
        }
        return String(out)
    }
}
