// save and load for the formats of other tools (docs/interop.md): networks, autoencoders and
// VAEs as safetensors files (PyTorch reads them; nns reads them back whole), weights trained
// elsewhere as a network, and networks as ONNX models for onnxruntime and Netron.
import TensorKit
import NeuralKit

enum InteropIO {
    /// The file formats of other tools that save writes, by extension.
    enum Format {
        case safetensors, onnx

        init?(path: String) {
            let p = path.lowercased()
            if p.hasSuffix(".safetensors") { self = .safetensors } else if p.hasSuffix(".onnx") { self = .onnx } else { return nil }
        }
    }

    /// `save(model, "m.safetensors")` / `save(net, "m.onnx")`, `dtype:` "f64" (default) or "f32".
    static func save(_ value: Value, to path: String, format: Format, dtype: Value) throws {
        let wide = try isDouble(dtype)
        guard case .object(let object) = value else {
            throw ScriptError.runtime("save: \(format == .safetensors ? "a .safetensors file holds a network, an autoencoder or a VAE" : "an .onnx file holds a network (seq or mlp)"), not \(withArticle(value.kindName)) (tensors are saved as .npy)")
        }
        switch format {
        case .safetensors:
            let record: ModelRecord
            switch object {
            case let n as NetworkObject: record = n.network.modelRecord
            case let a as AutoencoderObject: record = a.model.modelRecord
            case let v as VAEObject: record = v.model.modelRecord
            default: throw unsupported(object, format)
            }
            try SafeTensorsModel.write(record, to: path, dtype: wide ? .f64 : .f32)
        case .onnx:
            guard let n = object as? NetworkObject else { throw unsupported(object, format) }
            try ONNXExport.write(n.network, to: path, type: wide ? .double : .float)
        }
    }

    /// `load("m.safetensors")`: the model nns wrote, or — for weights written elsewhere, with no
    /// `nns.kind` in the metadata — a network from their `P.weight`/`P.bias` pairs, hidden layers
    /// using `act` and the last `out` (both `linear` unless given).
    static func loadSafeTensors(_ path: String, act: Value, out: Value) throws -> Value {
        let contents = try SafeTensors.read(path)
        if let record = SafeTensorsModel.record(from: contents) {
            guard let make = ModelIO.loaders[record.kind], ["network", "autoencoder", "vae"].contains(record.kind) else {
                throw ScriptError.runtime("load: '\(path)' holds a model of kind '\(record.kind)', which this nns cannot rebuild")
            }
            do {
                return .object(try make(record))
            } catch let error as any DescribedError {
                // The model's own checks (a missing tensor, shapes that do not fit), told with the file's name and keys.
                let detail = error.message.hasPrefix("load: ") ? String(error.message.dropFirst(6)) : error.message
                throw ScriptError.runtime("load: '\(path)': " + SafeTensorsModel.inFileNames(detail))
            }
        }
        let hidden = act.isNone ? Activation.linear : try NetworkValues.activation(act, "load", "act")
        let output = out.isNone ? Activation.linear : try NetworkValues.activation(out, "load", "out")
        let network = try Network.fromStateDict(contents.tensors.map { ($0.name, $0.tensor) },
                                                hidden: hidden, output: output, file: path)
        return .object(NetworkObject(network))
    }

    /// True for "f64" (or none), false for "f32".
    static func isDouble(_ dtype: Value) throws -> Bool {
        switch dtype {
        case .none: return true
        case .string("f64"): return true
        case .string("f32"): return false
        case .string(let s):
            throw ScriptError.badArgument("dtype", to: "save", "\"f64\" or \"f32\" expected, got \"\(s)\"")
        default:
            throw ScriptError.badArgument("dtype", to: "save", "\"f64\" or \"f32\" expected, got \(dtype.kindName)")
        }
    }

    /// "a layer", "an autoencoder".
    private static func withArticle(_ kind: String) -> String {
        ("aeiou".contains(kind.first ?? "x") ? "an " : "a ") + kind
    }

    private static func unsupported(_ object: any ScriptObject, _ format: Format) -> ScriptError {
        let hint = object is LayerObject ? " (save the layer as a network: save(seq(layer), ...))" : ""
        switch format {
        case .safetensors:
            return ScriptError.runtime("save: a .safetensors file holds a network, an autoencoder or a VAE, not \(withArticle(object.kindName))\(hint); use .nnm for any model")
        case .onnx:
            return ScriptError.runtime("save: an .onnx file holds a network (seq or mlp), not \(withArticle(object.kindName))\(hint)")
        }
    }
}

extension Value {
    /// True for `none`.
    var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}
