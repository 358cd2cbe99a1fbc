// The .nnm model file (docs/model-file.md): a kind tag, options and named Float64 tensors in a
// little-endian binary layout with a checksum. Loading only parses data — it never runs code —
// and every malformed or truncated file is an error; saving writes a temporary file, then renames.
import Foundation
import TensorKit

/// An option value stored in a model file.
public enum ModelOption: Equatable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
}

/// A model in file form: what it is, its settings and its tensors, each by name.
public struct ModelRecord: Equatable, Sendable {
    /// The kind tag (`network`, `layer`, `neuron`, `perceptron`, `hebbian`, `autoencoder`, `vae`, ...).
    public var kind: String
    /// Settings such as activation names and learning rates, in order.
    public var options: [(String, ModelOption)]
    /// The parameters, in order (`layers.0.W`, `layers.0.b`, ...).
    public var tensors: [(String, Tensor)]

    public init(kind: String, options: [(String, ModelOption)] = [], tensors: [(String, Tensor)] = []) {
        self.kind = kind
        self.options = options
        self.tensors = tensors
    }

    public static func == (a: ModelRecord, b: ModelRecord) -> Bool {
        a.kind == b.kind && a.options.elementsEqual(b.options, by: { $0.0 == $1.0 && $0.1 == $1.1 })
            && a.tensors.elementsEqual(b.tensors, by: { $0.0 == $1.0 && $0.1.shape == $1.1.shape
                && $0.1.storage.elementsEqual($1.1.storage, by: { $0.bitPattern == $1.bitPattern }) })
    }

    /// The option `name`, or an error naming the kind when it is missing.
    public func option(_ name: String) throws -> ModelOption {
        guard let v = options.first(where: { $0.0 == name })?.1 else {
            throw NeuralError.missingSetting(kind, name)
        }
        return v
    }
    /// A number option.
    public func number(_ name: String) throws -> Double {
        guard case .number(let x) = try option(name) else { throw NeuralError.settingType(kind, name, "number") }
        return x
    }
    /// A string option.
    public func string(_ name: String) throws -> String {
        guard case .string(let s) = try option(name) else { throw NeuralError.settingType(kind, name, "string") }
        return s
    }
    /// A bool option.
    public func bool(_ name: String) throws -> Bool {
        guard case .bool(let b) = try option(name) else { throw NeuralError.settingType(kind, name, "bool") }
        return b
    }
    /// An activation option.
    public func activation(_ name: String) throws -> Activation {
        let s = try string(name)
        guard let a = Activation(name: s) else { throw NeuralError.unknownSetting(kind, "transfer function", s) }
        return a
    }
    /// The tensor `name`, or an error when it is missing.
    public func tensor(_ name: String) throws -> Tensor {
        guard let t = tensors.first(where: { $0.0 == name })?.1 else {
            throw NeuralError.missingTensor(kind, name)
        }
        return t
    }
}

/// Something that can be written to and read back from a model file.
public protocol ModelFileConvertible {
    /// The record to save.
    var modelRecord: ModelRecord { get }
}

/// Reading and writing .nnm files.
public enum ModelFile {
    /// The first 8 bytes of every model file.
    static let magic: [UInt8] = Array("NNSMODEL".utf8)
    /// The format version this code writes and reads.
    public static let version: UInt32 = 1
    static let maxRank = 16
    static let maxStringBytes = 1 << 20

    /// The bytes of a model file holding `record`.
    public static func encode(_ record: ModelRecord) -> [UInt8] {
        var out = magic
        out.append(u32: version)
        out.append(string: record.kind)
        out.append(u32: UInt32(record.options.count))
        for (key, value) in record.options {
            out.append(string: key)
            switch value {
            case .number(let x): out.append(1); out.append(u64: x.bitPattern)
            case .string(let s): out.append(2); out.append(string: s)
            case .bool(let b): out.append(3); out.append(b ? 1 : 0)
            }
        }
        out.append(u32: UInt32(record.tensors.count))
        for (name, t) in record.tensors {
            out.append(string: name)
            out.append(u32: UInt32(t.rank))
            for d in t.shape { out.append(u64: UInt64(d)) }
            for x in t.storage { out.append(u64: x.bitPattern) }
        }
        out.append(u64: fnv1a(out[...]))
        return out
    }

    /// Parses model-file bytes; anything malformed is a `NeuralError` naming `path`.
    public static func decode(_ bytes: [UInt8], path: String = "the file") throws -> ModelRecord {
        func bad(_ detail: String) -> NeuralError { NeuralError.modelFile(path, detail) }
        guard bytes.count >= magic.count + 4 + 8, Array(bytes[0..<magic.count]) == magic else {
            throw bad("it does not start with NNSMODEL")
        }
        var reader = ByteReader(bytes: bytes[..<(bytes.count - 8)])
        var check = ByteReader(bytes: bytes[(bytes.count - 8)...])
        guard let stored = check.u64(), stored == fnv1a(bytes[..<(bytes.count - 8)]) else {
            throw bad("checksum mismatch: the file is damaged or truncated")
        }
        reader.position = magic.count
        guard let v = reader.u32() else { throw bad("truncated header") }
        guard v == version else { throw bad("format version \(v); this nns reads version \(version)") }
        guard let kind = reader.string(max: maxStringBytes) else { throw bad("unreadable kind") }
        var record = ModelRecord(kind: kind)
        guard let optionCount = reader.u32(), Int(optionCount) <= reader.remaining else { throw bad("bad option count") }
        for _ in 0..<optionCount {
            guard let key = reader.string(max: maxStringBytes), let tag = reader.u8() else { throw bad("truncated option") }
            switch tag {
            case 1:
                guard let bits = reader.u64() else { throw bad("truncated option '\(key)'") }
                record.options.append((key, .number(Double(bitPattern: bits))))
            case 2:
                guard let s = reader.string(max: maxStringBytes) else { throw bad("truncated option '\(key)'") }
                record.options.append((key, .string(s)))
            case 3:
                guard let b = reader.u8(), b <= 1 else { throw bad("bad bool option '\(key)'") }
                record.options.append((key, .bool(b == 1)))
            default:
                throw bad("unknown option type \(tag) for '\(key)'")
            }
        }
        guard let tensorCount = reader.u32(), Int(tensorCount) <= reader.remaining else { throw bad("bad tensor count") }
        for _ in 0..<tensorCount {
            guard let name = reader.string(max: maxStringBytes), let rank = reader.u32(), rank <= maxRank else {
                throw bad("bad tensor header")
            }
            var shape: [Int] = []
            for _ in 0..<rank {
                guard let d = reader.u64(), d <= UInt64(TensorError.defaultElementLimit) else { throw bad("bad shape of '\(name)'") }
                shape.append(Int(d))
            }
            guard let count = try? Tensor.checkedCount(shape), count <= reader.remaining / 8 else {
                throw bad("tensor '\(name)' of shape \(shape) does not fit in the file")
            }
            var data = [Double](repeating: 0, count: count)
            for i in 0..<count {
                guard let bits = reader.u64() else { throw bad("truncated tensor '\(name)'") }
                data[i] = Double(bitPattern: bits)
            }
            record.tensors.append((name, Tensor(shape: shape, storage: data)))
        }
        guard reader.remaining == 0 else { throw bad("\(reader.remaining) unexpected bytes at the end") }
        return record
    }

    /// Writes `record` to `path` atomically: a temporary file in the same folder, then a rename.
    public static func write(_ record: ModelRecord, to path: String) throws {
        try writeAtomically(encode(record), to: path)
    }

    /// Reads a record from `path`.
    public static func read(_ path: String) throws -> ModelRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NeuralError.unreadable(path)
        }
        return try decode([UInt8](data), path: path)
    }

    /// Writes bytes to `path` atomically (see AtomicFile): the old file stays whole on failure.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw NeuralError.unwritable(path, error.reason)
        }
    }

    /// FNV-1a, 64 bits: a cheap checksum that catches damaged or truncated files.
    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}

extension Array where Element == UInt8 {
    mutating func append(u32 v: UInt32) { for i in 0..<4 { append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) } }
    mutating func append(u64 v: UInt64) { for i in 0..<8 { append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
    mutating func append(string s: String) {
        let utf8 = Array(s.utf8)
        append(u32: UInt32(utf8.count))
        append(contentsOf: utf8)
    }
}

/// A bounds-checked little-endian reader: every read returns nil past the end.
struct ByteReader {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var remaining: Int { bytes.endIndex - position }

    mutating func u8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { position += 1 }
        return bytes[position]
    }
    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * UInt32(i)) }
        position += 4
        return v
    }
    mutating func u64() -> UInt64? {
        guard remaining >= 8 else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return v
    }
    mutating func string(max: Int) -> String? {
        guard let n = u32(), Int(n) <= max, Int(n) <= remaining else { return nil }
        defer { position += Int(n) }
        return String(decoding: bytes[position..<(position + Int(n))], as: UTF8.self)
    }
}
