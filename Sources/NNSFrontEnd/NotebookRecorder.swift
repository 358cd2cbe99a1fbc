// NotebookRecorder: records an interactive session as notebook cells while it runs — output still
// goes to the terminal, and a copy (with pictures as PNGs) goes into the cell — for `:export`.
import NNScript

/// Tees a session's output into notebook cells, one `record` call per REPL cell.
///
/// Pictures: while recording, the context's picture sink is set; on a terminal the plot built-ins
/// then send each picture's PNG to the sink and write its text rendering right after it. The
/// recorder keeps the PNG and leaves that one text write off the page (it still reaches the
/// terminal).
public final class NotebookRecorder {
    /// The cells recorded so far, in order.
    public private(set) var cells: [NotebookCell] = []
    private let context: ScriptContext

    /// A recorder for the session whose context is `context`.
    public init(context: ScriptContext) {
        self.context = context
    }

    /// Runs `body` (one REPL cell numbered `number`, source `code`) with its output recorded.
    /// `body` returns the text of the value shown as `Out[n]` (nil when none); an error thrown by
    /// `body` marks the cell as failed and is rethrown.
    public func record(number: Int, code: String, _ body: () throws -> String?) rethrows {
        let saved = (context.write, context.writeError, context.pictureSink)
        final class Collector {
            var outputs: [NotebookOutput] = []
            var skipNextWrite = false
        }
        let collector = Collector()
        let write = saved.0, writeError = saved.1
        context.write = { text in
            write(text)
            if collector.skipNextWrite {
                collector.skipNextWrite = false
                return
            }
            if case .text(let previous)? = collector.outputs.last {
                collector.outputs[collector.outputs.count - 1] = .text(previous + text)
            } else {
                collector.outputs.append(.text(text))
            }
        }
        context.writeError = { text in
            writeError(text)
            if case .diagnostic(let previous)? = collector.outputs.last {
                collector.outputs[collector.outputs.count - 1] = .diagnostic(previous + text)
            } else {
                collector.outputs.append(.diagnostic(text))
            }
        }
        context.pictureSink = { png, alt in
            collector.outputs.append(.picture(NotebookPicture(png: png, alt: alt)))
            collector.skipNextWrite = true
        }
        defer {
            context.write = saved.0
            context.writeError = saved.1
            context.pictureSink = saved.2
        }
        do {
            if let value = try body() { collector.outputs.append(.value(value)) }
            cells.append(NotebookCell(number: number, code: code, outputs: collector.outputs))
        } catch {
            cells.append(NotebookCell(number: number, code: code, outputs: collector.outputs, failed: true))
            throw error
        }
    }

    /// Adds a note to the last recorded cell's output (an error message the REPL prints itself
    /// after `record` returned).
    public func appendDiagnostic(_ text: String) {
        guard var last = cells.popLast() else { return }
        last.outputs.append(.diagnostic(stripEscapes(text)))
        last.failed = true
        cells.append(last)
    }

    /// Forgets every recorded cell (the REPL's `:reset`).
    public func reset() { cells = [] }

    /// The recorded session as a notebook page.
    public func notebook(title: String = "nns session") -> Notebook {
        Notebook(title: title, items: cells.map { .cell($0) })
    }
}
