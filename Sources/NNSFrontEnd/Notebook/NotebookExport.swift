// NotebookExport: runs a notebook source cell by cell in a session — capturing each cell's printed
// output, diagnostics, value and pictures in the order they came — and writes the page as HTML,
// Markdown or a Jupyter notebook.
import Foundation
import NNScript
import TensorKit

/// A picture a cell drew: PNG bytes, a short text alternative and the text form a script prints.
public struct NotebookPicture: Equatable, Sendable {
    /// The PNG file's bytes and a text alternative for the page.
    public var png: [UInt8]
    public var alt: String
    /// The picture as a script prints it without a notebook; nil for a picture written to a
    /// `file:` (a script prints nothing for it).
    public var text: String?
    /// A picture.
    public init(png: [UInt8], alt: String, text: String? = nil) {
        self.png = png
        self.alt = alt
        self.text = text
    }
}

/// One thing a cell produced, in order.
public enum NotebookOutput: Equatable, Sendable {
    /// Text the cell printed.
    case text(String)
    /// Diagnostics (stderr) and error messages.
    case diagnostic(String)
    /// A picture.
    case picture(NotebookPicture)
    /// The value of the cell's last expression (`Out[n]`).
    case value(String)
    /// The error that ended the cell.
    case error(NotebookFailure)
}

/// An error that ended a cell: its message, how it reads on a page, and how Jupyter shows it.
public struct NotebookFailure: Equatable, Sendable {
    /// The message alone (Jupyter's `evalue`).
    public var message: String
    /// `FILE:LINE:COL: error: message`, the line, a caret and the call chain.
    public var text: String
    /// The same lines with `error:` in ANSI colour (Jupyter's `traceback`).
    public var traceback: [String]
    /// A failure.
    public init(message: String, text: String, traceback: [String]) {
        self.message = message
        self.text = text
        self.traceback = traceback
    }

    /// The failure for an error, rendered as the command line prints it.
    init(_ error: ScriptError, in session: Session) {
        let text = session.renderError(error)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, let range = first.range(of: "error: ") {
            lines[0] = first.replacingCharacters(in: range, with: "\u{1B}[1;31merror:\u{1B}[0m ")
        }
        self.init(message: error.message, text: text + "\n", traceback: lines)
    }
}

/// A code cell after running.
public struct NotebookCell: Equatable, Sendable {
    /// The cell number (`In [n]`).
    public var number: Int
    /// The cell's source and what it produced, in order.
    public var code: String
    public var outputs: [NotebookOutput]
    /// True when the cell ended in an error.
    public var failed: Bool
    /// A cell as it ran.
    public init(number: Int, code: String, outputs: [NotebookOutput], failed: Bool = false) {
        self.number = number
        self.code = code
        self.outputs = outputs
        self.failed = failed
    }
}

/// A page: a title, then prose and cells in source order.
public struct Notebook: Equatable, Sendable {
    /// A prose block or a cell.
    public enum Item: Equatable, Sendable {
        case prose(String)
        case cell(NotebookCell)
    }
    /// The page title and its prose and cells in order.
    public var title: String
    public var items: [Item]
    /// A page.
    public init(title: String, items: [Item]) {
        self.title = title
        self.items = items
    }
    /// The number of cells that ended in an error.
    public var failures: Int {
        items.reduce(0) { if case .cell(let c) = $1, c.failed { return $0 + 1 } else { return $0 } }
    }

    /// The error messages of the cells that failed, in order (for the command line's stderr).
    public var errorMessages: [String] {
        var messages: [String] = []
        for case .cell(let c) in items where c.failed {
            if case .error(let failure)? = c.outputs.last { messages.append(failure.text) }
        }
        return messages
    }

    /// Writes the page to `path`: `.html` (pictures as data: URIs), `.md` (pictures as PNG files
    /// in a `NAME_files` folder beside it) or `.ipynb` (a Jupyter notebook for the nns kernel).
    public func write(to path: String) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm":
            try NotebookExporter.atomicWrite(Array(html().utf8), to: path)
        case "md", "markdown":
            try writeMarkdown(to: path)
        case "ipynb":
            try NotebookExporter.atomicWrite(Array(ipynb().utf8), to: path)
        default:
            throw NotebookError("the notebook must end in .html, .md or .ipynb, got '\(path)'")
        }
    }
}

/// A failure to read a notebook source or write its page.
public struct NotebookError: Error, Equatable, CustomStringConvertible {
    /// The message.
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Runs notebook sources in a session and writes their pages.
public final class NotebookExporter {
    /// The session the cells run in.
    public let session: Session

    /// An exporter running cells in `session` (its globals persist from cell to cell).
    public init(session: Session) {
        self.session = session
    }

    /// Runs `sourcePath` (`.md`: its ```nns blocks; anything else: an nns script) and writes the
    /// page to `outputPath`. Every cell runs even after an error; returns the finished notebook
    /// (its `failures` counts the cells that ended in an error). An interrupt stops the run and
    /// still writes the cells that ran.
    @discardableResult
    public func export(sourcePath: String, outputPath: String) throws -> Notebook {
        guard let data = FileManager.default.contents(atPath: sourcePath),
              let text = String(data: data, encoding: .utf8) else {
            throw NotebookError("cannot read '\(sourcePath)'")
        }
        let ext = (sourcePath as NSString).pathExtension.lowercased()
        let chunks = ext == "md" || ext == "markdown"
            ? NotebookSource.markdown(text)
            : NotebookSource.script(text, isIncomplete: session.isIncomplete)
        let notebook = run(chunks, file: sourcePath,
                           title: NotebookExporter.title(of: chunks) ?? (sourcePath as NSString).lastPathComponent)
        try notebook.write(to: outputPath)
        return notebook
    }

    /// Runs the code chunks in order and collects what each produced.
    public func run(_ chunks: [NotebookChunk], file: String, title: String) -> Notebook {
        var items: [Notebook.Item] = []
        var number = 0
        for chunk in chunks {
            switch chunk {
            case .prose(let text):
                items.append(.prose(text))
            case .code(let code, let line):
                if session.context.interrupt.isRaised { break }
                number += 1
                items.append(.cell(runCell(code, number: number, line: line, file: file)))
            }
        }
        return Notebook(title: title, items: items)
    }

    /// Runs one cell with the context's output, diagnostics and pictures redirected into it.
    public func runCell(_ code: String, number: Int, line: Int = 1, file: String = "<cell>") -> NotebookCell {
        let context = session.context
        let saved = (context.write, context.writeError, context.pictureSink, context.terminal)
        defer {
            context.write = saved.0
            context.writeError = saved.1
            context.pictureSink = saved.2
            context.terminal = saved.3
        }
        final class Collector { var outputs: [NotebookOutput] = [] }
        let collector = Collector()
        context.write = { text in
            if case .text(let previous)? = collector.outputs.last {
                collector.outputs[collector.outputs.count - 1] = .text(previous + text)
            } else {
                collector.outputs.append(.text(text))
            }
        }
        context.writeError = { text in
            if case .diagnostic(let previous)? = collector.outputs.last {
                collector.outputs[collector.outputs.count - 1] = .diagnostic(previous + text)
            } else {
                collector.outputs.append(.diagnostic(text))
            }
        }
        context.pictureSink = { png, alt, text in
            collector.outputs.append(.picture(NotebookPicture(png: png, alt: alt, text: text)))
        }
        // A page is not a terminal: no colours, no progress bars, fixed-width text pictures.
        context.terminal = TerminalInfo(isTerminal: false, color: false, width: 80)
        // Blank lines in front keep error line numbers those of the source file.
        let source = String(repeating: "\n", count: max(line - 1, 0)) + code
        var failed = false
        do {
            if let value = try session.run(source, file: file), !NotebookExporter.isNone(value) {
                collector.outputs.append(.value(session.format(value)))
            }
        } catch {
            failed = true
            collector.outputs.append(.error(NotebookFailure(error, in: session)))
        }
        return NotebookCell(number: number, code: code, outputs: collector.outputs, failed: failed)
    }

    static func isNone(_ v: Value) -> Bool {
        if case .none = v { return true }
        return false
    }

    /// The text of the first Markdown heading, if the source has one.
    static func title(of chunks: [NotebookChunk]) -> String? {
        for case .prose(let text) in chunks {
            for line in NotebookSource.lines(text) where line.hasPrefix("#") {
                let title = line.drop { $0 == "#" }.trimmingLeadingSpaces()
                if !title.isEmpty { return title }
            }
        }
        return nil
    }

    /// Writes bytes atomically (see AtomicFile): the old file stays whole on failure.
    static func atomicWrite(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw NotebookError("cannot write '\(path)': \(error.reason)")
        }
    }
}
