// The script faces of training: optimizers (their state lives inside, so one optimizer passed to
// two `train` calls continues) and the history `train` returns.
import Foundation
import TensorKit
import NeuralKit

/// `sgd(...)` / `adam(...)` as a script object; fields are the settings (lr writable).
final class OptimizerObject: ScriptObject {
    let optimizer: any Optimizer

    init(_ optimizer: any Optimizer) { self.optimizer = optimizer }

    var kindName: String { "optimizer" }
    var fieldNames: [String] {
        optimizer is Adam ? ["lr", "beta1", "beta2", "eps", "weight_decay", "steps"] : ["lr", "momentum", "weight_decay"]
    }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        if name == "lr" { return .number(optimizer.learningRate) }
        if let s = optimizer as? SGD {
            switch name {
            case "momentum": return .number(s.momentum)
            case "weight_decay", "l2": return .number(s.weightDecay)
            default: break
            }
        }
        if let a = optimizer as? Adam {
            switch name {
            case "beta1": return .number(a.beta1)
            case "beta2": return .number(a.beta2)
            case "eps": return .number(a.epsilon)
            case "weight_decay", "l2": return .number(a.weightDecay)
            case "steps": return .number(Double(a.stepCount))
            default: break
            }
        }
        throw noField(name)
    }

    func setField(_ name: String, _ value: Value, context: ScriptContext) throws {
        guard name == "lr" else {
            if fieldNames.contains(name) { throw ScriptError.runtime("field '\(name)' of an optimizer is read-only (only lr can change)") }
            throw noField(name)
        }
        let lr = try Arguments(function: "optimizer.lr", values: ["lr": value]).number("lr")
        guard lr.isFinite, lr >= 0 else { throw ScriptError.runtime("optimizer.lr: expected a learning rate ≥ 0, got \(Tensor.numberText(lr))") }
        optimizer.learningRate = lr
    }

    var description: String { optimizer.description }
}

/// What `train` returns for networks and autoencoders: `loss` per epoch (and `val_loss`; with
/// early stopping `best_epoch` and `stopped`).
final class HistoryObject: ScriptObject {
    let history: TrainingHistory
    let seconds: Double
    /// True when the run used `patience:` (early stopping), which adds best_epoch.
    let earlyStopping: Bool

    init(_ history: TrainingHistory, seconds: Double, earlyStopping: Bool = false) {
        self.history = history
        self.seconds = seconds
        self.earlyStopping = earlyStopping
    }

    var kindName: String { "history" }
    var fieldNames: [String] {
        var names = ["loss"]
        if !history.validationLoss.isEmpty { names.append("val_loss") }
        names += ["epochs", "steps", "interrupted", "stopped"]
        if earlyStopping { names.append("best_epoch") }
        return names + ["seconds"]
    }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        switch name {
        case "loss": return .tensor(Tensor(history.loss))
        case "val_loss" where !history.validationLoss.isEmpty: return .tensor(Tensor(history.validationLoss))
        case "epochs": return .number(Double(history.loss.count))
        case "steps": return .number(Double(history.steps))
        case "interrupted": return .bool(history.interrupted)
        case "stopped": return .bool(history.stopped)
        case "best_epoch" where earlyStopping: return history.bestEpoch.map { .number(Double($0)) } ?? .none
        case "seconds": return .number(seconds)
        default: throw noField(name)
        }
    }

    var description: String {
        guard let first = history.loss.first, let last = history.loss.last else { return "history: no epochs" }
        var s = "history: \(history.loss.count) epoch\(history.loss.count == 1 ? "" : "s"), loss \(shortNumber(first)) → \(shortNumber(last))"
        if let v = history.validationLoss.last { s += ", val_loss \(shortNumber(v))" }
        if history.stopped, let best = history.bestEpoch {
            s += " (stopped early; weights of epoch \(best), val_loss \(shortNumber(history.validationLoss[best])))"
        } else if earlyStopping, let best = history.bestEpoch {
            s += " (weights of epoch \(best), the best val_loss)"
        }
        if history.interrupted { s += " (interrupted)" }
        return s
    }

    var memoryBytes: Int { (history.loss.count + history.validationLoss.count) * 8 }
}

/// A number with 4 significant digits for summaries and progress bars.
func shortNumber(_ x: Double) -> String { NumberText.significant(x, digits: 4) }
