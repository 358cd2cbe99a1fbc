// ServeChannel: the protocol's output side — each message one line of JSON on a private copy of
// stdout. Text a cell prints is gathered and sent as `stream` messages at most every 40 ms (or
// when 256 KiB have gathered), so output arrives while the cell runs without one message per
// `print`; any other message first sends the text gathered before it, keeping the order.
import Foundation
import TensorKit

/// Writes protocol messages to a file descriptor; safe to use from several threads.
final class ServeChannel: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    /// Stream text not sent yet: the request it belongs to, the stream's name and the text.
    private var pending: (id: JSONValue, name: String, text: String)?
    /// How long printed text may wait before it is sent.
    static let streamDelay = 0.04
    /// Gathered text past this size is sent at once.
    static let streamChunk = 256 << 10

    /// A channel writing to `descriptor`; starts the thread that sends gathered text.
    init(descriptor: Int32) {
        self.descriptor = descriptor
        let flusher = Thread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: ServeChannel.streamDelay)
                guard let self else { return }
                self.flushStreams()
            }
        }
        flusher.name = "nns-serve-output"
        flusher.start()
    }

    /// Sends one message, after any text gathered before it.
    func send(_ message: JSONValue) {
        lock.lock()
        defer { lock.unlock() }
        writePending()
        writeLine(message.text)
    }

    /// Gathers text printed for request `id` on stream `name` (`stdout` or `stderr`).
    func stream(_ name: String, _ text: String, id: JSONValue) {
        guard !text.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        if let p = pending, p.name == name, p.id == id {
            pending?.text += text
        } else {
            writePending()
            pending = (id, name, text)
        }
        if let p = pending, p.text.utf8.count >= ServeChannel.streamChunk { writePending() }
    }

    /// Sends the gathered text now.
    func flushStreams() {
        lock.lock()
        defer { lock.unlock() }
        writePending()
    }

    private func writePending() {
        guard let p = pending else { return }
        pending = nil
        writeLine(JSONValue.object(["type": .string("stream"), "id": p.id, "name": .string(p.name),
                                    "text": .string(p.text)]).text)
    }

    /// Writes `text` and a newline, retrying short and interrupted writes. When the front end has
    /// gone (a closed pipe) nobody can see the session any more, so nns ends at once.
    private func writeLine(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + offset, raw.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { _exit(0) }
            offset += n
        }
    }
}
