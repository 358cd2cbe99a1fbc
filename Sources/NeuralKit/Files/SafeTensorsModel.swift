// Models in safetensors files (docs/interop.md): a model's record — kind, options, named tensors,
// the same as in an .nnm file — becomes named tensors plus `__metadata__` strings, so PyTorch
// reads the weights under torch.nn's names (`layers.0.weight`) and nns reads the whole model back
// bit for bit. Every option is one metadata key `nns.<option>`; numbers are written as the
// shortest decimal text that reads back to the same Float64.
import TensorKit

/// The nns release that writes files (named in safetensors metadata and ONNX models).
public enum NNSRelease {
    /// The version, `MAJOR.MINOR.PATCH`.
    public static let version = "0.1.0"
}

/// Reading and writing nns models as safetensors files.
public enum SafeTensorsModel {
    /// Metadata keys nns writes start with this.
    public static let prefix = "nns."
    /// The metadata key naming the model's kind (`network`, `autoencoder`, `vae`).
    public static let kindKey = "nns.kind"
    /// The metadata key naming the nns version that wrote the file.
    public static let versionKey = "nns.version"

    /// The tensors and metadata that stand for `record` in a safetensors file.
    public static func contents(of record: ModelRecord) -> (tensors: [(name: String, tensor: Tensor)], metadata: [(key: String, value: String)]) {
        var metadata: [(key: String, value: String)] = [(kindKey, record.kind), (versionKey, NNSRelease.version)]
        for (key, option) in record.options {
            switch option {
            case .number(let x): metadata.append((prefix + key, Tensor.numberText(x)))
            case .string(let s): metadata.append((prefix + key, s))
            case .bool(let b): metadata.append((prefix + key, b ? "true" : "false"))
            }
        }
        return (record.tensors.map { (fileName($0.0), $0.1) }, metadata)
    }

    /// Writes `record` to `path` as a safetensors file of `dtype` (atomically).
    public static func write(_ record: ModelRecord, to path: String, dtype: SafeTensorsDType = .f64) throws {
        let c = contents(of: record)
        try SafeTensors.write(c.tensors, metadata: c.metadata, dtype: dtype, to: path)
    }

    /// The record nns wrote into a file, or nil when the file has no `nns.kind` (weights written
    /// by another program, such as a PyTorch state dict).
    public static func record(from contents: SafeTensorsContents) -> ModelRecord? {
        guard let kind = contents.metadata(kindKey) else { return nil }
        var record = ModelRecord(kind: kind)
        for (key, value) in contents.metadata where key.hasPrefix(prefix) && key != kindKey && key != versionKey {
            record.options.append((String(key.dropFirst(prefix.count)), option(value)))
        }
        record.tensors = contents.tensors.map { (recordName($0.name), $0.tensor) }
        return record
    }

    /// A message about a record's tensors in the names the file uses: each quoted `'enc.W'`
    /// becomes `'enc.weight'`, so an error names the key the user sees in the file.
    public static func inFileNames(_ message: String) -> String {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        return parts.enumerated().map { $0.offset % 2 == 1 ? fileName(String($0.element)) : String($0.element) }
            .joined(separator: "'")
    }

    /// A metadata string as an option: `true`/`false` are bools, text that reads as a number
    /// (`64`, `0.05`, `1e-05`, `inf`) is a number, anything else (transfer functions, losses,
    /// noise and sparsity names) a string. No string option of nns reads as a number.
    static func option(_ text: String) -> ModelOption {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let x = Double(text) { return .number(x) }
        return .string(text)
    }

    /// `layers.0.W` → `layers.0.weight`, `enc.b` → `enc.bias` (torch.nn's names); names without
    /// a layer prefix (an autoencoder's `W`, `b`, `W2`, `b2`) stay as they are.
    static func fileName(_ name: String) -> String {
        if name.hasSuffix(".W") { return name.dropLast(2) + ".weight" }
        if name.hasSuffix(".b") { return name.dropLast(2) + ".bias" }
        return name
    }

    /// The inverse of `fileName`.
    static func recordName(_ name: String) -> String {
        if name.hasSuffix(".weight") { return name.dropLast(7) + ".W" }
        if name.hasSuffix(".bias") { return name.dropLast(5) + ".b" }
        return name
    }
}
