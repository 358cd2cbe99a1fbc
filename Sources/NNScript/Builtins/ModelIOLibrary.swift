// save and load: tensors as NumPy .npy files, models (neuron, perceptron, hebbian, layer,
// network, and any other kind registered in `ModelIO.loaders`) as .nnm model files
// (docs/model-file.md), and the formats of other tools — .safetensors, .onnx — through
// InteropIO. Loading only reads numbers and names: it never runs code.
import Foundation
import TensorKit
import NeuralKit

/// A built-in object that can be saved to a model file.
protocol ModelScriptObject: ScriptObject {
    /// The model in file form; throws when this object cannot be saved.
    func modelRecord() throws -> ModelRecord
}

extension LayerObject: ModelScriptObject {
    func modelRecord() throws -> ModelRecord { layer.modelRecord }
}
extension NetworkObject: ModelScriptObject {
    func modelRecord() throws -> ModelRecord { network.modelRecord }
}
extension PerceptronObject: ModelScriptObject {
    func modelRecord() throws -> ModelRecord { unit.modelRecord }
}
extension HebbianObject: ModelScriptObject {
    func modelRecord() throws -> ModelRecord { unit.modelRecord }
}
extension NeuronObject: ModelScriptObject {
    func modelRecord() throws -> ModelRecord {
        guard let act = transfer else {
            throw ScriptError.runtime("save: this neuron's act is your own function, which a model file cannot hold (use a transfer function such as sigmoid)")
        }
        return try Neuron(weights: weights, bias: bias, activation: act).modelRecord
    }
}

enum ModelIO {
    /// How each kind of model file becomes a script object again. Other libraries add their
    /// kinds here (one row each).
    static var loaders: [String: (ModelRecord) throws -> any ScriptObject] { [
        "layer": { LayerObject(try Dense.decode($0)) },
        "network": { NetworkObject(try Network.decode($0)) },
        "perceptron": { PerceptronObject(try Perceptron.decode($0)) },
        "hebbian": { HebbianObject(try Hebbian.decode($0)) },
        "autoencoder": { AutoencoderObject(try Autoencoder.decodeAny($0)) },
        "vae": { VAEObject(try VAE.decode($0)) },
        "neuron": { r in
            let n = try Neuron.decode(r)
            return NeuronObject(weights: n.weights, bias: n.bias, act: NetworkValues.value(of: n.activation))
        },
    ] }
}

enum ModelIOLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "files", builtins: [save, load])
    }

    static var save: Builtin {
        Builtin("save", [.required("value"), .required("path"), .named("dtype")],
                help: """
                Saves a tensor as a NumPy .npy file (readable with numpy.load), or a model (neuron, \
                perceptron, hebbian unit, layer, network, autoencoder, VAE) as an .nnm model file that \
                keeps every number exactly. For other tools (docs/interop.md): a network, autoencoder \
                or VAE as a .safetensors file (PyTorch's format; F64, keys layers.{i}.weight and \
                layers.{i}.bias, transfer functions in the metadata), a network as an .onnx model \
                (onnxruntime, Netron; DOUBLE). dtype: "f32" writes those two in 32-bit floats instead. \
                The file is written whole or not at all (temporary file, then rename).
                """,
                example: """
                net = mlp([2, 3, 1], act: tanh, out: sigmoid)
                save(net, "/tmp/nns-example.nnm")
                save(net, "/tmp/nns-example.safetensors")
                save(net, "/tmp/nns-example.onnx")
                save([1, 2, 3], "/tmp/nns-example.npy")
                """) { args, _ in
            let path = try args.string("path")
            guard !path.isEmpty else { throw ScriptError.runtime("save: the path is empty") }
            if let format = InteropIO.Format(path: path) {
                try InteropIO.save(args["value"], to: path, format: format, dtype: args["dtype"])
                return .none
            }
            guard args.isNone("dtype") else {
                throw ScriptError.runtime("save: dtype: applies to .safetensors and .onnx files (.npy and .nnm keep Float64)")
            }
            switch args["value"] {
            case .tensor, .number:
                guard path.lowercased().hasSuffix(".npy") else {
                    throw ScriptError.runtime("save: tensors are saved as .npy files (got \"\(path)\"; use save_csv for CSV)")
                }
                try NPY.write(try args.tensor("value"), to: path)
            case .object(let o as any ModelScriptObject):
                guard !path.lowercased().hasSuffix(".npy") else {
                    throw ScriptError.runtime("save: a \(o.kindName) is saved as an .nnm model file, not .npy")
                }
                try ModelFile.write(try o.modelRecord(), to: path)
            default:
                throw args.bad("value", "tensor or model")
            }
            return .none
        }
    }

    static var load: Builtin {
        Builtin("load", [.required("path"), .named("act"), .named("out")],
                help: """
                Loads what save wrote: a tensor from a .npy file, a model from an .nnm file, or a \
                network, autoencoder or VAE from a .safetensors file nns wrote (told apart by the file's \
                first bytes). A .safetensors file written elsewhere — a PyTorch nn.Sequential's state \
                dict — becomes a network of its P.weight/P.bias pairs in the natural order of P, its \
                hidden layers using act: and its last out: (both linear unless given). Damaged or \
                hostile files are errors; loading never runs code.
                """,
                example: """
                save(mlp([2, 3, 1]), "/tmp/nns-example2.nnm")
                net = load("/tmp/nns-example2.nnm")
                save(mlp([2, 3, 2], act: relu, out: softmax), "/tmp/nns-example2.safetensors")
                net = load("/tmp/nns-example2.safetensors")
                """) { args, _ in
            let path = try args.string("path")
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let handle = FileHandle(forReadingAtPath: path) else {
                throw ScriptError.runtime("load: cannot open \(path) (no such file, a folder, or not readable)")
            }
            let head = [UInt8]((try? handle.read(upToCount: 9)) ?? Data())
            try? handle.close()
            // A safetensors file starts with its header's length, then the header's '{'.
            if path.lowercased().hasSuffix(".safetensors") || (head.count == 9 && head[8] == UInt8(ascii: "{")) {
                return try InteropIO.loadSafeTensors(path, act: args["act"], out: args["out"])
            }
            guard args.isNone("act"), args.isNone("out") else {
                throw ScriptError.runtime("load: act: and out: apply to .safetensors weights written elsewhere, not to \(path)")
            }
            if path.lowercased().hasSuffix(".onnx") {
                throw ScriptError.runtime("load: nns writes .onnx models but does not read them; load the network from its .safetensors or .nnm file")
            }
            if head.starts(with: Array("NNSMODEL".utf8)) {
                let record = try ModelFile.read(path)
                guard let make = ModelIO.loaders[record.kind] else {
                    throw ScriptError.runtime("load: \(path) holds a model of kind '\(record.kind)', which this nns cannot rebuild")
                }
                return .object(try make(record))
            }
            if head.first == 0x93 {
                return .tensor(try NPY.read(path))
            }
            throw ScriptError.runtime("load: \(path) is not a .npy tensor, an .nnm model or a .safetensors file (use load_csv for CSV)")
        }
    }
}
