// ScriptRunner: carries out one command-line mode — a script file, `-e CODE`, a script on stdin,
// `-i FILE` then the prompt — and turns the outcome into the exit status (0 ok, 1 script error,
// 2 bad use). Scripts run on a thread with a large stack so deep recursion ends in nns's own
// call-depth error rather than in the operating system's stack limit.
import Foundation
import NNScript
import TensorKit

/// Runs nns in the mode the command line chose.
public struct ScriptRunner: Sendable {
    public init() {}

    /// Runs `mode` and returns the process exit status.
    public func run(_ mode: CommandLineMode) -> Int32 {
        BLASThreads.releaseIdleWorkers()
        let status = onLargeStack { runNow(mode) }
        StandardStreams.output.flush()
        return status
    }

    private func runNow(_ mode: CommandLineMode) -> Int32 {
        switch mode {
        case .script(let path, let arguments):
            guard let source = readSource(path) else { return 2 }
            let session = ScriptRunner.makeSession(arguments: arguments)
            return execute(source, file: path, in: session, showValue: false)
        case .code(let code, let arguments):
            let session = ScriptRunner.makeSession(arguments: arguments)
            return execute(code, file: "<-e>", in: session, showValue: true)
        case .interactive(let path, let arguments):
            guard let source = readSource(path) else { return 2 }
            let session = ScriptRunner.makeSession(arguments: arguments)
            let status = execute(source, file: path, in: session, showValue: false)
            let repl = REPL(session: session)
            repl.noteLoaded(file: path, source: source, succeeded: status == 0)
            return repl.run()
        case .export(let output, let input):
            return export(input: input, output: output)
        case .serve:
            return KernelServer().run()
        case .standardInput:
            let session = ScriptRunner.makeSession(arguments: [])
            if Terminal.isInteractive { return REPL(session: session).run() }
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let source = String(data: data, encoding: .utf8) else {
                StandardStreams.error.write("nns: stdin is not UTF-8 text\n")
                return 2
            }
            return execute(source, file: "<stdin>", in: session, showValue: false)
        }
    }

    /// A session wired to this process: stdout/stderr, the terminal, a random stream seeded from
    /// the system unless `seed` is given (scripts call `seed(n)` to be reproducible), and `args`.
    public static func makeSession(arguments: [String], seed: UInt64? = nil) -> Session {
        let start = seed ?? UInt64.random(in: 0...UInt64.max)
        let context = ScriptContext(
            rng: RandomGenerator(seed: start),
            interrupt: InterruptFlag(),
            terminal: Terminal.info(),
            write: { StandardStreams.output.write($0) },
            writeError: { StandardStreams.error.write($0) })
        context.startSeed = start
        let session = Session(context: context)
        // Ctrl-C sets the session's flag: loops and training stop at the next step with a message.
        InterruptHandler.install(flag: context.interrupt)
        session.setGlobal("args", .list(ListBox(arguments.map { .string($0) })))
        return session
    }

    /// Runs one source text; prints the last expression's value when asked (`-e`).
    private func execute(_ source: String, file: String, in session: Session, showValue: Bool) -> Int32 {
        InterruptHandler.beginRunning()
        defer { InterruptHandler.endRunning() }
        do {
            let value = try session.run(source, file: file)
            if showValue, let value {
                StandardStreams.output.write(session.format(value) + "\n")
            }
            return 0
        } catch {
            StandardStreams.error.write(session.renderError(error) + "\n")
            return 1
        }
    }

    /// Runs `input` cell by cell and writes the notebook page; 1 when a cell failed (the page is
    /// still written, with the error in place), 2 when the files cannot be used.
    private func export(input: String, output: String) -> Int32 {
        let ext = (output as NSString).pathExtension.lowercased()
        guard ["html", "htm", "md", "markdown", "ipynb"].contains(ext) else {
            StandardStreams.error.write("nns: --export writes OUT.html, OUT.md or OUT.ipynb, got '\(output)'\n")
            return 2
        }
        guard FileManager.default.isReadableFile(atPath: input) else {
            StandardStreams.error.write("nns: cannot open '\(input)': no such file\n")
            return 2
        }
        let session = ScriptRunner.makeSession(arguments: [])
        do {
            let notebook = try NotebookExporter(session: session).export(sourcePath: input, outputPath: output)
            for message in notebook.errorMessages {
                StandardStreams.error.write(message + "\n")
            }
            return notebook.failures > 0 ? 1 : 0
        } catch {
            StandardStreams.error.write("nns: --export: \(error)\n")
            return 1
        }
    }

    /// The file's text, or nil after printing why it cannot be read (bad use: exit 2).
    private func readSource(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            StandardStreams.error.write("nns: cannot open '\(path)': no such file\n")
            return nil
        }
        guard !isFolder.boolValue, let handle = FileHandle(forReadingAtPath: path),
              let data = try? handle.readToEnd() ?? Data() else {
            StandardStreams.error.write("nns: cannot open '\(path)': \(isFolder.boolValue ? "it is a folder" : "cannot be read")\n")
            return nil
        }
        try? handle.close()
        guard let text = String(data: data, encoding: .utf8) else {
            StandardStreams.error.write("\(ScriptRunner.invalidUTF8(data, file: path))\n")
            return nil
        }
        return text
    }

    /// `FILE:LINE:COL: error: ...` for the first byte that is not UTF-8 (line and column 1-based,
    /// the column counted in characters), so the user can find a stray Latin-1 byte.
    static func invalidUTF8(_ data: Data, file: String) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var line = 1, column = 1, offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar):
                offset += scalar.count
                if scalar.count == 1 && scalar.first == 0x0A { line += 1; column = 1 } else { column += 1 }
            case .error:
                let byte = offset < data.count ? data[data.startIndex + offset] : 0
                let hex = String(byte, radix: 16, uppercase: true)
                return "\(file):\(line):\(column): error: the file is not UTF-8 text (byte 0x\(hex.count < 2 ? "0" + hex : hex) here; save it as UTF-8)"
            case .emptyInput:
                return "\(file): error: the file is not UTF-8 text"
            }
        }
    }
}

/// Runs `body` on a thread with a 1 GiB stack and waits for its result.
func onLargeStack(_ body: @escaping @Sendable () -> Int32) -> Int32 {
    final class Box: @unchecked Sendable { var value: Int32 = 0 }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = 1 << 30
    thread.start()
    done.wait()
    return box.value
}
