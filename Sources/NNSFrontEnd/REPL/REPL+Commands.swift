// REPL+Commands: what `:help`, `:vars`, `:load`, `:save`, `:export`, `:time`, `:history` and
// `:reset` do. `:save` writes the cells that ran without error, in order, so the file replays the
// session; `:load` runs a file in this session and is saved as the file's text. `:export` replays
// those cells in a fresh session through the notebook exporter, which captures pictures as images.
import NNScript

extension REPL {
    /// Runs one parsed command (`:quit` is handled by the loop).
    func perform(_ command: ReplCommand) {
        switch command {
        case .help(let name): showHelp(name)
        case .vars:
            write(VarsTable.render(names: session.globalNames, value: session.global))
        case .load(let path): load(path)
        case .save(let path): save(path)
        case .export(let path): export(path)
        case .time(let statement): runCell(statement, timed: true)
        case .history: showHistory()
        case .reset:
            session.reset()
            outputs.items = [.none]
            session.setGlobal("Out", .list(outputs))
            cells.removeAll()
            write("every variable removed\n")
        case .quit: break
        }
    }

    private func showHelp(_ name: String?) {
        let help = ReplHelp(source: session)
        guard let name else { write(help.overview(width: width)); return }
        if let text = help.help(name) { write(text); return }
        var message = "no help for '\(name)'"
        let close = help.suggestions(for: name)
        if !close.isEmpty { message += " (did you mean: " + close.joined(separator: ", ") + "?)" }
        writeError(errorPrefix + message + "\n")
    }

    /// Runs a file in this session; its text joins the cells `:save` writes.
    private func load(_ path: String) {
        let source: String
        switch FileNames.read(path) {
        case .failure(let e): writeError(errorPrefix + e.message + "\n"); return
        case .success(let s): source = s
        }
        errors.sources[path] = source
        switch runGuarded(source, file: path) {
        case .success:
            noteLoaded(file: path, source: source)
        case .failure(let error):
            report(error, cell: "")
        }
    }

    /// Records a file run in this session before the prompt opened (`nns -i FILE`), so `:save`,
    /// `:export` and error carets know it.
    public func noteLoaded(file: String, source: String, succeeded: Bool = true) {
        errors.sources[file] = source
        cells.append(Cell(number: 0, source: "# :load \(file)\n" + source, succeeded: succeeded))
    }

    /// The script `:save` writes: every cell that ran without error, in order.
    var savedScript: String {
        var text = "# nns session saved by :save — the cells that ran without error, in order.\n"
        for cell in cells where cell.succeeded {
            text += cell.source.hasSuffix("\n") ? cell.source : cell.source + "\n"
        }
        return text
    }

    private func save(_ path: String) {
        switch FileNames.write(savedScript, to: path) {
        case .failure(let e): writeError(errorPrefix + e.message + "\n")
        case .success:
            let n = cells.filter(\.succeeded).count
            write("saved \(n) cell\(n == 1 ? "" : "s") to \(path)\n")
        }
    }

    /// Writes the session as a notebook page. The cells that ran without error run again in a
    /// fresh session with pictures captured as images (the terminal showed them as text), so the
    /// page is what `:save` then `nns --export` would give.
    private func export(_ path: String) {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard ["html", "htm", "md", "markdown", "ipynb"].contains(ext) else {
            writeError(errorPrefix + ":export writes FILE.html, FILE.md or FILE.ipynb, got '\(path)'\n")
            return
        }
        let kept = cells.filter(\.succeeded)
        guard !kept.isEmpty else {
            writeError(errorPrefix + "nothing to export: no cell has run without error yet\n")
            return
        }
        write("running \(kept.count) cell\(kept.count == 1 ? "" : "s") again in a fresh session for the page...\n")
        let fresh = ScriptRunner.makeSession(arguments: [], seed: session.context.startSeed)
        InterruptHandler.install(flag: fresh.context.interrupt)
        InterruptHandler.beginRunning()
        defer {
            InterruptHandler.endRunning()
            InterruptHandler.install(flag: session.context.interrupt)
        }
        let exporter = NotebookExporter(session: fresh)
        var items: [Notebook.Item] = []
        for cell in kept {
            if fresh.context.interrupt.isRaised { break }
            let name = cell.number > 0 ? "In[\(cell.number)]" : "loaded"
            items.append(.cell(exporter.runCell(cell.source, number: cell.number, file: name)))
        }
        let notebook = Notebook(title: "nns session", items: items)
        do {
            try notebook.write(to: path)
            let failed = notebook.failures
            write("wrote \(path)" + (failed > 0 ? " (\(failed) cell\(failed == 1 ? "" : "s") failed on the replay)" : "") + "\n")
        } catch {
            writeError(errorPrefix + "\(error)\n")
        }
    }

    /// The cells of this session: number, then the code (a loaded file shows as `:load FILE`).
    private func showHistory() {
        let width = String(cells.last?.number ?? 0).count
        var text = ""
        for cell in cells {
            let label = cell.number > 0 ? String(cell.number) : ""
            let pad = String(repeating: " ", count: max(0, width - label.count))
            let lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
            if cell.number == 0, let first = lines.first {
                text += pad + "  " + first.dropFirst(2) + "\n"  // "# :load FILE" → ":load FILE"
                continue
            }
            for (i, line) in lines.enumerated() {
                text += (i == 0 ? pad + label : String(repeating: " ", count: width)) + "  " + line + "\n"
            }
        }
        write(text.isEmpty ? "no cells yet\n" : text)
    }
}
