// The one error type of the network library: every failure a user can cause (shapes, options,
// files, diverging training) is built here by a named factory, so the wording lives in one place.
import TensorKit

/// A failure of a network, autoencoder or training operation; the language adds file:line:col.
public struct NeuralError: DescribedError, Equatable {
    public let message: String
    /// The argument an argument error is about (the language points its caret at it).
    public var argument: String?
    public init(_ message: String, argument: String? = nil) {
        self.message = message
        self.argument = argument
    }
}

// MARK: - Shapes and options

extension NeuralError {
    /// Two shapes that had to agree, e.g. `mse: prediction [4, 1] and target [4, 2] differ`.
    public static func shapes(_ op: String, _ what: String, _ a: [Int], _ b: [Int], _ detail: String) -> NeuralError {
        NeuralError("\(op): \(what) \(a) and \(b) \(detail)")
    }
    /// An input whose width does not match a layer's.
    public static func inputWidth(_ op: String, expected: Int, found: [Int]) -> NeuralError {
        NeuralError("\(op): expected input rows of \(expected) features, got shape \(found)")
    }
    /// A batch whose shape does not fit a model: `autoencoder: expected an N×64 batch ..., got shape [3, 5]`.
    public static func input(_ model: String, expected: String, got shape: [Int]) -> NeuralError {
        NeuralError("\(model): expected \(expected), got shape \(shape)")
    }
    /// A bad option value: what was expected and what came.
    public static func option(_ op: String, _ name: String, _ expected: String, _ found: String) -> NeuralError {
        NeuralError("\(op): \(name) must be \(expected), got \(found)")
    }
    /// A number argument outside its range, worded as the language words every argument error:
    /// `bad argument 'rho' to 'kl' (a number in (0, 1) expected, got 2)`. A bare range such as
    /// "in (0, 1)" or "at least 1" is read as "a number in (0, 1)".
    static func range(_ op: String, _ name: String, _ range: String, _ x: Double) -> NeuralError {
        let what = range.hasPrefix("in ") || range.hasPrefix("at ") ? "a number " + range : range
        return NeuralError("bad argument '\(name)' to '\(op)' (\(what) expected, got \(Tensor.numberText(x)))", argument: name)
    }
    /// A model option that cannot be combined with the others.
    static func combination(_ op: String, _ detail: String) -> NeuralError {
        NeuralError("\(op): \(detail)")
    }
    /// A parameter set to a tensor of the wrong shape.
    static func parameterShape(_ op: String, _ name: String, _ shape: [Int], got: [Int]) -> NeuralError {
        NeuralError("\(op): \(name) must have shape \(shape), got \(got)")
    }
    /// A parameter name the model does not have.
    static func noParameter(_ op: String, _ name: String, known: String) -> NeuralError {
        NeuralError("\(op): no parameter '\(name)' (\(known))")
    }
}

// MARK: - Networks and losses

extension NeuralError {
    /// `seq()` with no layers.
    static var emptyNetwork: NeuralError { NeuralError("seq: a network needs at least one layer") }
    /// Two consecutive layers whose sizes do not chain.
    static func layersDoNotChain(_ i: Int, outputs: Int, inputs: Int) -> NeuralError {
        NeuralError("seq: layer \(i - 1) gives \(outputs) outputs but layer \(i) takes \(inputs) inputs")
    }
    /// bce given something that is not a probability.
    static func notProbabilities(_ x: Double, at i: Int) -> NeuralError {
        NeuralError("bce: predictions must be probabilities in [0, 1], found \(Tensor.numberText(x)) at element \(i): give the last layer act sigmoid (or use mse)")
    }
    /// cross_entropy given a negative prediction.
    static func negativeProbability(_ x: Double, at i: Int) -> NeuralError {
        NeuralError("cross_entropy: predictions must be probabilities ≥ 0, found \(Tensor.numberText(x)) at element \(i): give the last layer act softmax")
    }
    /// accuracy of no samples.
    static func noSamples(_ shape: [Int]) -> NeuralError {
        NeuralError("accuracy: there are no samples (labels of shape \(shape))")
    }
}

// MARK: - Training

extension NeuralError {
    /// Training diverged: a NaN or infinite loss in some epoch.
    public static func diverged(epoch: Int, loss: Double) -> NeuralError {
        NeuralError("train: the loss became \(Tensor.numberText(loss)) in epoch \(epoch); try a smaller learning rate")
    }
    /// The loss is not finite because the data itself holds nan or infinite values.
    public static func nonFiniteData(epoch: Int, which: String) -> NeuralError {
        NeuralError("train: the loss became nan or infinite in epoch \(epoch) because \(which) holds nan or infinite values; clean the data first")
    }
}

// MARK: - Files and data

extension NeuralError {
    /// A model file that cannot be read.
    public static func modelFile(_ path: String, _ detail: String) -> NeuralError {
        NeuralError("load: \(path) is not a valid .nnm model file (\(detail))")
    }
    /// A file that is not there or not readable.
    static func unreadable(_ path: String) -> NeuralError {
        NeuralError("load: cannot read \(path) (no such file or not readable)")
    }
    /// A file that could not be written.
    static func unwritable(_ path: String, _ reason: String) -> NeuralError {
        NeuralError("save: cannot write \(path) (\(reason))")
    }
    /// A model record without a setting it needs.
    static func missingSetting(_ kind: String, _ name: String) -> NeuralError {
        NeuralError("load: the \(kind) in this file has no '\(name)' setting")
    }
    /// A setting of the wrong type (`number`, `string`, `bool`).
    static func settingType(_ kind: String, _ name: String, _ type: String) -> NeuralError {
        NeuralError("load: setting '\(name)' of the \(kind) is not a \(type)")
    }
    /// A setting naming something nns does not know: `load: unknown noise 'x' in the autoencoder`.
    static func unknownSetting(_ kind: String, _ what: String, _ value: String) -> NeuralError {
        NeuralError("load: unknown \(what) '\(value)' in the \(kind)")
    }
    /// A number setting out of its range: `load: bad hidden 99 in the autoencoder`.
    static func badSetting(_ kind: String, _ name: String, _ x: Double) -> NeuralError {
        NeuralError("load: bad \(name) \(x) in the \(kind)")
    }
    /// A network record with an impossible layer count.
    static func badLayerCount(_ n: Double) -> NeuralError {
        NeuralError("load: bad layer count \(n)")
    }
    /// A model record without a tensor it needs.
    static func missingTensor(_ kind: String, _ name: String) -> NeuralError {
        NeuralError("load: the \(kind) in this file has no tensor '\(name)'")
    }
    /// A single unit's weights that are not a vector.
    static func notAVector(_ owner: String, _ shape: [Int]) -> NeuralError {
        NeuralError("load: \(owner) w must be a vector, found shape \(shape)")
    }
    /// The digits resource could not be read or parsed.
    static func digits(_ detail: String) -> NeuralError {
        NeuralError("digits: \(detail)")
    }
}
