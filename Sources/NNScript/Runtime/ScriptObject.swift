// ScriptObject: the protocol every built-in object (neuron, layer, network, optimizer,
// autoencoder, history, noise, ...) implements so the language can read, write, call and print it.
import NeuralKit

/// A built-in object held by reference in a script value.
public protocol ScriptObject: AnyObject {
    /// The kind's name in messages and `:vars` (`network`, `layer`, `optimizer`, ...).
    var kindName: String { get }
    /// The readable fields and methods, for `.`-completion and `:vars`; never runs user code.
    var fieldNames: [String] { get }
    /// Reads a field or a bound method (`net.layers`, `ae.encode`).
    func field(_ name: String, context: ScriptContext) throws -> Value
    /// Writes a field (`layer.W = ...`); objects without writable fields throw.
    func setField(_ name: String, _ value: Value, context: ScriptContext) throws
    /// Calls the object (`net(X)`, `ae(X)`, `p(X)`); objects that cannot be called throw.
    func call(_ arguments: Arguments, context: ScriptContext) throws -> Value
    /// The printed form (`print(net)`, `Out[n]:`), several lines allowed.
    var description: String { get }
    /// Bytes of memory held (tensors), for `:vars`.
    var memoryBytes: Int { get }
}

extension ScriptObject {
    public func setField(_ name: String, _ value: Value, context: ScriptContext) throws {
        if fieldNames.contains(name) {
            throw ScriptError.runtime("field '\(name)' of \(kindWithArticle) is read-only")
        }
        throw ScriptError.runtime("\(kindWithArticle) has no field '\(name)'")
    }
    public func call(_ arguments: Arguments, context: ScriptContext) throws -> Value {
        throw ScriptError.runtime("\(kindWithArticle) cannot be called")
    }
    public var memoryBytes: Int { 0 }
    /// "a network", "an autoencoder": the kind with its indefinite article, for messages.
    public var kindWithArticle: String {
        ("aeiou".contains(kindName.first ?? "x") ? "an " : "a ") + kindName
    }
    /// The standard error for an unknown field, listing the known ones.
    public func noField(_ name: String) -> ScriptError {
        ScriptError.runtime("\(kindWithArticle) has no field '\(name)' (fields: \(fieldNames.joined(separator: ", ")))")
    }
}

/// An object that `train(model, X, ...)` can train (networks, autoencoders, VAEs).
public protocol TrainableScriptObject: ScriptObject {
    /// True when the target is implied (autoencoders train on X alone).
    var impliesTarget: Bool { get }
    /// What the trainer optimises for this object, given `train`'s `loss:` argument (nil: the default).
    func objective(loss: Value?, context: ScriptContext) throws -> any TrainableModel
}
