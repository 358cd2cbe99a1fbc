// `undo(model)`: the weights a model had before its last `train` call, one level deep. `train`
// records a way back for each model it changes; the record lives in the session, not the model.
import NeuralKit

/// What `undo` can put back, per trained model. Models are held weakly, so a model the script
/// dropped takes its saved weights with it.
public final class UndoSnapshots {
    private struct Entry {
        weak var model: AnyObject?
        /// Puts the weights back; nil once used (a second undo is an error).
        var restore: (() -> Void)?
        let kind: String
    }
    private var entries: [ObjectIdentifier: Entry] = [:]

    public init() {}

    /// Remembers how to put `model` back as it was before the `train` call now running.
    func record(_ model: ScriptObject, restore: @escaping () -> Void) {
        entries = entries.filter { $0.value.model != nil }
        entries[ObjectIdentifier(model)] = Entry(model: model, restore: restore, kind: model.kindName)
    }

    /// Puts `model` back; an error when it was never trained or its last train was already undone.
    func undo(_ model: ScriptObject) throws {
        let key = ObjectIdentifier(model)
        guard var entry = entries[key], entry.model === model else {
            throw ScriptError.runtime("undo: this \(model.kindName) has not been trained in this session, so there is nothing to undo")
        }
        guard let restore = entry.restore else {
            throw ScriptError.runtime("undo: the last train of this \(entry.kind) was already undone (undo goes back one train call; train again to undo again)")
        }
        restore()
        entry.restore = nil
        entries[key] = entry
    }
}

enum UndoLibrary {
    static var undo: Builtin {
        Builtin("undo", [.required("model")],
                help: """
                Puts back the weights `model` had before its last train call (a network, layer, autoencoder, \
                VAE, perceptron or Hebbian unit), bit for bit — also after an early stop, a Ctrl-C or a \
                diverged run. One level: a second undo without a train between is an error. The \
                optimizer's state (momentum, Adam's moments and step count) is not touched.
                """,
                example: """
                seed(1)
                net = mlp([2, 3, 1], act: tanh, out: sigmoid)
                W = net.layers[0].W
                d = xor()
                train(net, d.x, d.y, opt: sgd(lr: 0.5), epochs: 50);
                undo(net)
                net.layers[0].W == W
                """) { args, ctx in
            guard case .object(let model) = args["model"] else { throw args.bad("model", "trained model") }
            try ctx.undo.undo(model)
            return .none
        }
    }

    /// Records the way back for `model` before `train` changes the given parameters.
    static func remember(_ model: ScriptObject, parameters: [NeuralKit.Parameter], _ ctx: ScriptContext) {
        let before = ParameterSnapshot(parameters)
        ctx.undo.record(model) { before.restore() }
    }
}
