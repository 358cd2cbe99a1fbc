// Reading and writing whole files for the tensor formats: reads refuse files larger than the
// element limit could ever need; writes go to a temporary file in the same folder, then a rename,
// so a failed write never leaves a half-written file behind.
import Foundation

enum FileIO {
    /// The bytes of `path`, refusing files that could not hold a tensor under the element limit.
    static func read(_ path: String, _ op: String) throws -> [UInt8] {
        let file = try Reader(path, op)
        return try file.bytes(at: 0, count: file.size)
    }

    /// An open file read by position (pread), so a reader can take the header first and then
    /// put the data straight where it belongs, without a second copy of the whole file.
    final class Reader {
        let path: String
        let op: String
        /// The file's size in bytes.
        let size: Int
        private let descriptor: Int32

        /// Opens `path`, refusing folders and files that could not hold a tensor under the limit.
        init(_ path: String, _ op: String) throws {
            self.path = path
            self.op = op
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw TensorError("\(op): cannot open '\(path)' (\(String(cString: strerror(errno))))")
            }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                close(fd)
                throw TensorError("\(op): cannot open '\(path)'")
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw TensorError("\(op): '\(path)' is a folder, not a file")
            }
            let size = Int(info.st_size)
            // 8 bytes a Double, 64 KiB of headers; text formats need a few bytes an element too.
            let limit = Tensor.elementLimit.multipliedReportingOverflow(by: 32)
            if !limit.overflow, size > limit.partialValue + 65536 {
                close(fd)
                throw TensorError("\(op): '\(path)' is too large (\(size) bytes)")
            }
            self.size = size
            descriptor = fd
        }

        deinit { close(descriptor) }

        /// `count` bytes from `offset` (clamped to the file's end).
        func bytes(at offset: Int, count: Int) throws -> [UInt8] {
            let n = max(0, min(count, size - offset))
            var out = [UInt8](repeating: 0, count: n)
            try out.withUnsafeMutableBytes { try read(into: $0, at: offset) }
            return out
        }

        /// Fills `buffer` with the bytes from `offset`; a file shorter than that is an error.
        func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < buffer.count {
                let n = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    let reason = n < 0 ? String(cString: strerror(errno)) : "the file ended early"
                    throw TensorError("\(op): cannot read '\(path)' (\(reason))")
                }
                done += n
            }
        }
    }

    /// Writes `bytes` to `path` atomically (see AtomicFile): the old file stays whole on failure.
    static func write(_ bytes: [UInt8], to path: String, _ op: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw TensorError("\(op): cannot write '\(path)' (\(error.reason))")
        }
    }
}
