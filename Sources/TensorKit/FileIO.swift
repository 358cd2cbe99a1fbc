// Reading and writing whole files for the tensor formats: reads refuse files larger than the
// element limit could ever need; writes go to a temporary file in the same folder, then a rename,
// so a failed write never leaves a half-written file behind.
import Foundation

enum FileIO {
    /// The bytes of `path`, refusing files that could not hold a tensor under the element limit.
    static func read(_ path: String, _ op: String) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw TensorError("\(op): cannot open '\(path)' (no such file or not readable)")
        }
        if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
            throw TensorError("\(op): '\(path)' is a folder, not a file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        // 8 bytes a Double, 64 KiB of headers; text formats need a few bytes an element too.
        let limit = Tensor.elementLimit.multipliedReportingOverflow(by: 32)
        if !limit.overflow, size > limit.partialValue + 65536 {
            throw TensorError("\(op): '\(path)' is too large (\(size) bytes)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TensorError("\(op): cannot open '\(path)'")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return [UInt8](data)
        } catch {
            throw TensorError("\(op): cannot read '\(path)': \(error.localizedDescription)")
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename.
    static func write(_ bytes: [UInt8], to path: String, _ op: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw TensorError("\(op): the folder '\(folder.path)' does not exist")
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(DispatchTime.now().uptimeNanoseconds)")
        do {
            try Data(bytes).write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw TensorError("\(op): cannot write '\(path)' (\(error.localizedDescription))")
        }
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw TensorError("\(op): cannot write '\(path)' (\(reason))")
        }
    }
}
