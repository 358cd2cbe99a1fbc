// KernelServer: `nns --serve`, one nns session behind the machine protocol. It moves the protocol
// to private copies of stdin and stdout (so nothing else in the process can write into it: stray
// writes to fd 1 land on stderr), sends `hello`, then answers one request at a time. A reader
// thread takes requests off the pipe, answers `interrupt_request` at once, and ends the process
// when the front end goes away — even in the middle of a running cell.
import Foundation
import NNScript
import Synchronization
import TensorKit

/// Serves one session over the machine protocol until `shutdown_request` or the end of input.
public final class KernelServer {
    private let channel: ServeChannel
    private let input: Int32
    private let session: Session
    /// The prompt's cell bookkeeping (numbers, `Out`, `_`, `:save`, `:export`) and its commands.
    private let repl: REPL
    private let cells: KernelCells
    private let queue = RequestQueue()
    /// Interrupts asked for through the protocol (SIGINTs are counted by the signal handler).
    private let protocolInterrupts = InterruptCounter()

    /// Takes over stdin and stdout for the protocol and builds the session.
    public init() {
        // The protocol gets its own descriptors; fd 0 becomes /dev/null and fd 1 a copy of stderr.
        input = fcntl(0, F_DUPFD_CLOEXEC, 3)
        let output = fcntl(1, F_DUPFD_CLOEXEC, 3)
        let null = open("/dev/null", O_RDONLY)
        if null >= 0 { dup2(null, 0); close(null) }
        dup2(2, 1)
        channel = ServeChannel(descriptor: output)
        session = ScriptRunner.makeSession(arguments: [])
        InterruptHandler.neverQuit()
        repl = REPL(session: session)
        cells = KernelCells(session: session, repl: repl, channel: channel)
    }

    /// Runs until the front end says `shutdown_request` or closes the pipe; returns the exit status.
    public func run() -> Int32 {
        channel.send(hello(type: "hello", id: .null))
        startReader()
        while true {
            switch queue.next() {
            case .end:
                channel.flushStreams()
                return 0
            case .failure(let e):
                channel.send(.object(["type": .string("protocol_error"), "id": e.id, "message": .string(e.message)]))
            case .request(let r):
                if answer(r) == .stop {
                    channel.flushStreams()
                    return 0
                }
            }
        }
    }

    private enum Next { case goOn, stop }

    /// Answers one request.
    private func answer(_ r: ServeRequest) -> Next {
        func reply(_ type: String, _ fields: KeyValuePairs<String, JSONValue>) {
            var members = [JSONMember(key: "type", value: .string(type)), JSONMember(key: "id", value: r.id)]
            members += fields.map { JSONMember(key: $0.key, value: $0.value) }
            channel.send(.object(members))
        }
        let queries = KernelQueries(session: session)
        switch r.kind {
        case .execute(let code, let silent, let number):
            let counter = protocolInterrupts
            let before = InterruptHandler.received + counter.value
            cells.execute(code, id: r.id, silent: silent, number: number) {
                InterruptHandler.received + counter.value > before
            }
        case .complete(let code, let cursor):
            let c = queries.complete(code, cursor: cursor)
            reply("complete_reply", ["status": .string("ok"), "matches": .strings(c.matches),
                                     "cursor_start": .int(c.start), "cursor_end": .int(c.end)])
        case .inspect(let code, let cursor):
            let text = queries.inspect(code, cursor: cursor)
            reply("inspect_reply", ["status": .string("ok"), "found": .bool(text != nil),
                                    "data": text.map { .object(["text/plain": .string($0)]) } ?? .object([])])
        case .isComplete(let code):
            switch queries.completeness(code) {
            case .complete: reply("is_complete_reply", ["status": .string("complete")])
            case .invalid: reply("is_complete_reply", ["status": .string("invalid")])
            case .incomplete(let indent):
                reply("is_complete_reply", ["status": .string("incomplete"), "indent": .string(indent)])
            }
        case .kernelInfo:
            channel.send(hello(type: "kernel_info_reply", id: r.id))
        case .interrupt:
            // Answered by the reader thread as it arrives; a queued one has nothing left to stop.
            reply("interrupt_reply", ["status": .string("ok")])
        case .shutdown:
            reply("shutdown_reply", ["status": .string("ok")])
            return .stop
        }
        return .goOn
    }

    /// What a front end learns first: the protocol version, nns's version and the language.
    private func hello(type: String, id: JSONValue) -> JSONValue {
        let version = String(NNSVersion.text.drop { $0 != " " }.dropFirst())
        return .object([
            "type": .string(type), "id": id,
            "protocol": .string(ServeProtocol.name), "protocol_version": .int(ServeProtocol.version),
            "implementation": .string("nns"), "implementation_version": .string(version),
            "pid": .int(Int(getpid())),
            "banner": .string("\(NNSVersion.text) — neural networks at a notebook-style prompt; ?name for help"),
            "language_info": KernelServer.languageInfo(version: version),
        ])
    }

    /// The `language_info` of `kernel_info_reply` and of every notebook nns writes. There is no
    /// CodeMirror mode for nns; Python's is the closest built-in one: `#` comments, double-quoted
    /// strings, and 11 of nns's 15 keywords (and or not if else for in while break continue
    /// return) are Python's, so cells are coloured and indent inside brackets.
    static func languageInfo(version: String) -> JSONValue {
        .object([
            "name": .string("nns"), "version": .string(version), "mimetype": .string("text/x-nns"),
            "file_extension": .string(".nns"), "codemirror_mode": .string("python"),
            "pygments_lexer": .string("python"),
        ])
    }

    // MARK: - reading requests

    /// Starts the thread that reads requests. `interrupt_request` is acted on at once (the main
    /// thread may be running a cell); the end of input ends the process when a cell is running
    /// (nobody is left to see it) and otherwise ends the loop.
    private func startReader() {
        let input = self.input, queue = self.queue, flag = session.context.interrupt
        let channel = self.channel, interrupts = protocolInterrupts
        let reader = Thread {
            var lines = ServeLineReader()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return read(input, base, raw.count)
                }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    if lines.hasPartialLine { queue.put(.failure(ServeProtocolError("the input ended in the middle of a message"))) }
                    if queue.cellRunning { channel.flushStreams(); _exit(0) }
                    queue.put(.end)
                    return
                }
                for piece in lines.push(buffer[0..<n]) {
                    switch piece {
                    case .tooLong(let count):
                        queue.put(.failure(ServeProtocolError("a message longer than \(ServeProtocol.maximumLine) bytes (\(count) so far) was skipped")))
                    case .line(let bytes):
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }  // blank lines are allowed
                        let parsed = ServeRequest.parse(bytes)
                        if case .success(let r) = parsed, r.kind == .interrupt {
                            interrupts.add()
                            flag.raise()
                        }
                        switch parsed {
                        case .success(let r): queue.put(.request(r))
                        case .failure(let e): queue.put(.failure(e))
                        }
                    }
                }
            }
        }
        reader.name = "nns-serve-input"
        reader.start()
    }
}

/// A count of interrupts, shared between the reader thread and the loop.
final class InterruptCounter: Sendable {
    private let count = Atomic<Int>(0)
    func add() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// Requests waiting to be answered, in arrival order.
final class RequestQueue: @unchecked Sendable {
    enum Item {
        case request(ServeRequest)
        case failure(ServeProtocolError)
        case end
    }
    private var items: [Item] = []
    private let lock = NSCondition()
    private var running = false

    func put(_ item: Item) {
        lock.lock()
        items.append(item)
        lock.signal()
        lock.unlock()
    }

    /// Waits for the next item; while the caller handles it, `cellRunning` is true.
    func next() -> Item {
        lock.lock()
        defer { lock.unlock() }
        running = false
        while items.isEmpty { lock.wait() }
        let item = items.removeFirst()
        if case .request = item { running = true }
        return item
    }

    /// True while a request taken by `next` is being answered.
    var cellRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }
}
