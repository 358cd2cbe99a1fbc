// KernelCells: runs the cells of `execute_request` in the session, as the prompt runs them (the
// same numbering, `Out[n]`, `_` and commands), and turns what a cell produces into protocol
// messages as it happens: printed text as `stream`, pictures as `display_data` with `image/png`,
// the training progress bar as one `display_data` updated in place, the value as
// `execute_result`, an error as `error` with the prompt's caret and call chain in ANSI colour.
import Foundation
import NNScript
import TensorKit

/// Runs cells for the kernel and reports them over the channel.
final class KernelCells {
    private let session: Session
    private let repl: REPL
    private let channel: ServeChannel
    /// The request whose cell is running (every message it causes carries its id).
    private var currentID: JSONValue = .null
    /// A silent cell sends nothing but its reply.
    private var silent = false
    /// The progress bar being shown, if any, and how many have been shown.
    private var progressID: String?
    private var progressCount = 0
    /// Tells this process's progress displays from those of an earlier kernel in the same notebook.
    private let displayPrefix = "nns-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)

    init(session: Session, repl: REPL, channel: ServeChannel) {
        self.session = session
        self.repl = repl
        self.channel = channel
        let context = session.context
        // A notebook is not a terminal: no colours in output, fixed-width text pictures.
        context.terminal = TerminalInfo(isTerminal: false, color: false, width: 80)
        context.write = { [unowned self] text in
            if !self.silent { self.channel.stream("stdout", text, id: self.currentID) }
        }
        context.writeError = { [unowned self] text in
            if !self.silent { self.channel.stream("stderr", text, id: self.currentID) }
        }
        context.pictureSink = { [unowned self] png, alt, text in
            // Every picture shows, one written to a file too (as on a notebook page); its
            // text/plain is what a script prints for it, or its description when that is nothing.
            guard !self.silent else { return }
            self.send("display_data", ["data": .object(["image/png": .string(Data(png).base64EncodedString()),
                                                        "text/plain": .string(text ?? alt)]),
                                       "metadata": .object([])])
        }
        context.progressSink = { [unowned self] line, done in self.progress(line, done: done) }
        repl.showsPrompts = false
        repl.errors.color = true
        session.setGlobal("Out", .list(repl.outputs))
    }

    /// Runs one cell (or prompt command) and sends its messages, then `execute_reply`.
    /// `interrupted` tells whether an interrupt arrived while it ran.
    func execute(_ code: String, id: JSONValue, silent: Bool, number: Int?, interrupted: () -> Bool) {
        currentID = id
        self.silent = silent
        defer {
            channel.flushStreams()
            progressID = nil
            self.silent = false
        }
        if silent {
            let result = repl.runGuarded(code, file: "<silent>")
            reply(status(of: result, interrupted: interrupted()), count: repl.cellNumber - 1)
            return
        }
        if let number { repl.cellNumber = number }
        let count = repl.cellNumber
        var outcome: REPL.CellOutcome?
        switch ReplCommand.parse(code) {
        case nil:
            outcome = repl.evaluateCell(code)
        case .failure(let e)?:
            let failure = Failure(ename: "error", evalue: e.message, traceback: [errorWord + " " + e.message])
            send("error", failure.fields)
            reply(.error(failure), count: count)
            return
        case .success(.time(let statement))?:
            outcome = repl.evaluateCell(statement)
            if let o = outcome, case .success = o.result {
                channel.stream("stdout", "time: \(REPL.formatDuration(o.seconds)) (wall)\n", id: id)
            }
        case .success(.quit)?:
            channel.stream("stderr", "nns: a kernel ends from the notebook (Kernel → Shut Down), not with :quit\n", id: id)
        case .success(let command)?:
            repl.perform(command)
        }
        if let o = outcome, case .success(let value?) = o.result {
            channel.flushStreams()
            send("execute_result", ["execution_count": .int(o.number),
                                    "data": .object(["text/plain": .string(session.format(value))]),
                                    "metadata": .object([])])
        }
        let result = outcome?.result ?? .success(nil)
        let status = status(of: result, interrupted: interrupted(), cell: outcome?.name ?? "In[\(count)]")
        if case .error(let failure) = status { send("error", failure.fields) }
        reply(status, count: count)
    }

    /// An error as Jupyter shows it.
    struct Failure {
        let ename: String
        let evalue: String
        let traceback: [String]
        var fields: KeyValuePairs<String, JSONValue> {
            ["ename": .string(ename), "evalue": .string(evalue), "traceback": .strings(traceback)]
        }
    }

    enum Status {
        case ok
        case error(Failure)
    }

    private var errorWord: String { "\u{1B}[1;31merror:\u{1B}[0m" }

    /// `ok`, or the failure: `interrupted` for an interrupt (also one that `train` took and
    /// returned from normally: the cell still stopped early), `error` for any other error.
    private func status(of result: Result<Value?, ScriptError>, interrupted: Bool, cell: String = "<silent>") -> Status {
        let note = "\u{1B}[33minterrupted: every variable keeps the value it had when the kernel was interrupted\u{1B}[0m"
        switch result {
        case .failure(let e) where e.phase == .runtime && e.message == ScriptError.interrupted.message:
            return .error(Failure(ename: "interrupted", evalue: "interrupted", traceback: [note]))
        case .failure(let e):
            var lines = repl.errors.render(e, cell: cell).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return .error(Failure(ename: "error", evalue: e.message, traceback: lines))
        case .success:
            return interrupted ? .error(Failure(ename: "interrupted", evalue: "interrupted", traceback: [note])) : .ok
        }
    }

    private func reply(_ status: Status, count: Int) {
        switch status {
        case .ok:
            send("execute_reply", ["status": .string("ok"), "execution_count": .int(count)])
        case .error(let f):
            send("execute_reply", ["status": .string("error"), "execution_count": .int(count),
                                   "ename": .string(f.ename), "evalue": .string(f.evalue),
                                   "traceback": .strings(f.traceback)])
        }
    }

    /// The progress bar: shown once, then updated in place (at most ten times a second).
    private func progress(_ line: String, done: Bool) {
        guard !silent else { return }
        let data: JSONValue = .object(["text/plain": .string(line)])
        if let id = progressID {
            send("update_display_data", ["data": data, "metadata": .object([]), "display_id": .string(id)])
        } else {
            progressCount += 1
            let id = "\(displayPrefix)-progress-\(progressCount)"
            progressID = id
            send("display_data", ["data": data, "metadata": .object([]), "display_id": .string(id)])
        }
        if done { progressID = nil }
    }

    /// Sends a message of `type` for the running request.
    private func send(_ type: String, _ fields: KeyValuePairs<String, JSONValue>) {
        var members = [JSONMember(key: "type", value: .string(type)), JSONMember(key: "id", value: currentID)]
        members += fields.map { JSONMember(key: $0.key, value: $0.value) }
        channel.send(.object(members))
    }
}
