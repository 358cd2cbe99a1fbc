// The safetensors file (the format PyTorch, JAX and Hugging Face share): an 8-byte little-endian
// header length N, N bytes of JSON giving each tensor's dtype, shape and byte range in the data
// that follows (plus optional `__metadata__` strings), then the raw little-endian elements.
// nns writes F64 (or F32) and reads F64 and F32, F32 widened to Float64 exactly. `decode` is a
// pure function of the bytes (what a fuzz target calls); `read` takes the header first and puts
// each tensor's data straight into its storage, so a file is never held twice in memory.
import Foundation

/// The tensors and metadata of a safetensors file.
public struct SafeTensorsContents: Sendable {
    /// The tensors in the order of their data, each with the dtype it had in the file.
    public var tensors: [(name: String, dtype: SafeTensorsDType, tensor: Tensor)]
    /// The `__metadata__` pairs, in the file's order.
    public var metadata: [(key: String, value: String)]

    /// The tensor called `name`, if the file has one.
    public func tensor(_ name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }
    /// The metadata value of `key`, if any.
    public func metadata(_ key: String) -> String? { metadata.first { $0.key == key }?.value }
}

/// Reading and writing safetensors files.
public enum SafeTensors {
    /// The bytes of a safetensors file holding `tensors` (in that order) as `dtype`, with
    /// `metadata` in `__metadata__`; `file` names the target in messages.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [(key: String, value: String)] = [],
                              dtype: SafeTensorsDType = .f64, file: String = "the file") throws -> [UInt8] {
        var names = Set<String>()
        var entries: [SafeTensorsHeader.Entry] = []
        var offset = 0
        for (name, t) in tensors {
            guard name != "__metadata__" else { throw TensorError.safetensorsWrite(file, "'__metadata__' cannot name a tensor") }
            guard names.insert(name).inserted else {
                throw TensorError.safetensorsWrite(file, "two tensors are called \(SafeTensorsText.quoted(name))")
            }
            entries.append(.init(name: name, dtype: dtype, shape: t.shape, begin: offset,
                                 end: offset + t.count * dtype.size, count: t.count))
            offset += t.count * dtype.size
        }
        var keys = Set<String>()
        for (key, _) in metadata where !keys.insert(key).inserted {
            throw TensorError.safetensorsWrite(file, "the metadata key \(SafeTensorsText.quoted(key)) is given twice")
        }
        let header = SafeTensorsHeader.encode(entries, metadata: metadata)
        var out: [UInt8] = []
        out.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out += $0 }
        out += header
        for (_, t) in tensors { out += Tensor.littleEndianBytes(t.storage, float32: dtype == .f32) }
        return out
    }

    /// Writes a safetensors file atomically (a temporary file beside it, then a rename).
    public static func write(_ tensors: [(name: String, tensor: Tensor)], metadata: [(key: String, value: String)] = [],
                             dtype: SafeTensorsDType = .f64, to path: String) throws {
        try FileIO.write(encode(tensors, metadata: metadata, dtype: dtype, file: path), to: path, "save")
    }

    /// Parses safetensors bytes; anything malformed is a `TensorError` naming `name` and the key.
    public static func decode(_ bytes: [UInt8], name: String) throws -> SafeTensorsContents {
        let n = try headerLength(bytes.count >= 8 ? Array(bytes[0..<8]) : bytes, fileSize: bytes.count, file: name)
        let header = try SafeTensorsHeader.parse(Array(bytes[8..<(8 + n)]), dataSize: bytes.count - 8 - n, file: name)
        try checkMemory(header, file: name)
        let data = 8 + n
        let tensors = header.entries.map { e in
            bytes.withUnsafeBytes { raw in
                (e.name, e.dtype, tensor(e, UnsafeRawBufferPointer(rebasing: raw[(data + e.begin)..<(data + e.end)])))
            }
        }
        return SafeTensorsContents(tensors: tensors, metadata: header.metadata)
    }

    /// Reads a safetensors file: the header is read and checked first, then each tensor's bytes
    /// go straight into its storage.
    public static func read(_ path: String) throws -> SafeTensorsContents {
        let file = try FileIO.Reader(path, "load")
        let prefix = try file.bytes(at: 0, count: 8)
        let n = try headerLength(prefix, fileSize: file.size, file: path)
        let header = try SafeTensorsHeader.parse(try file.bytes(at: 8, count: n), dataSize: file.size - 8 - n, file: path)
        try checkMemory(header, file: path)
        var tensors: [(name: String, dtype: SafeTensorsDType, tensor: Tensor)] = []
        for e in header.entries {
            let at = 8 + n + e.begin
            var values = [Double](repeating: 0, count: e.count)
            switch e.dtype {
            case .f64:
                try values.withUnsafeMutableBytes { try file.read(into: $0, at: at) }
                #if _endian(big)
                for i in values.indices { values[i] = Double(bitPattern: UInt64(littleEndian: values[i].bitPattern)) }
                #endif
            case .f32:
                var narrow = [UInt32](repeating: 0, count: e.count)
                try narrow.withUnsafeMutableBytes { try file.read(into: $0, at: at) }
                for i in narrow.indices { values[i] = Double(Float(bitPattern: UInt32(littleEndian: narrow[i]))) }
            }
            tensors.append((e.name, e.dtype, Tensor(shape: e.shape, storage: values)))
        }
        return SafeTensorsContents(tensors: tensors, metadata: header.metadata)
    }

    /// The header length N from the first 8 bytes, checked against the format's limit and the
    /// file's size before any of the header is read.
    static func headerLength(_ prefix: [UInt8], fileSize: Int, file: String) throws -> Int {
        guard fileSize >= 8, prefix.count == 8 else { throw TensorError.safetensors(file, SafeTensorsText.tooShort(size: fileSize)) }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(prefix[i]) << (8 * UInt64(i)) }
        guard n <= UInt64(SafeTensorsHeader.maxLength) else {
            throw TensorError.safetensors(file, SafeTensorsText.headerTooLarge(n))
        }
        guard Int(n) <= fileSize - 8 else { throw TensorError.safetensors(file, SafeTensorsText.headerPastEnd(n, fileSize: fileSize)) }
        return Int(n)
    }

    /// Refuses files whose tensors, as Float64, pass the element limit or the free memory.
    static func checkMemory(_ header: SafeTensorsHeader, file: String) throws {
        var total = 0
        for e in header.entries {
            guard e.count <= Tensor.elementLimit else {
                throw TensorError("load: '\(file)': tensor \(SafeTensorsText.quoted(e.name)) of shape \(e.shape) is too large (limit \(Tensor.elementLimit) elements)")
            }
            total += e.count
        }
        do {
            try MemoryBudget.check(bytes: total * MemoryLayout<Double>.stride, shape: [total])
        } catch {
            let free = MemoryBudget.available().map { MemoryBudget.gib(max($0 - MemoryBudget.reserve, 0)) } ?? "less"
            throw TensorError("load: '\(file)': its tensors need \(MemoryBudget.gib(total * 8)) of memory as Float64, and only \(free) is free")
        }
    }

    /// One tensor from its bytes (already checked to be `e.count` elements of `e.dtype`).
    private static func tensor(_ e: SafeTensorsHeader.Entry, _ raw: UnsafeRawBufferPointer) -> Tensor {
        var values = [Double](repeating: 0, count: e.count)
        switch e.dtype {
        case .f64:
            for i in 0..<e.count {
                values[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
            }
        case .f32:
            for i in 0..<e.count {
                values[i] = Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
            }
        }
        return Tensor(shape: e.shape, storage: values)
    }
}
