// Transfer functions φ and their derivatives φ′, side by side.
// PLACEHOLDER: the networks work fills in the math; the cases are fixed by the contract.
import TensorKit

/// A transfer function of the lecture (section 4 of the contract).
public enum Activation: String, CaseIterable, Sendable {
    case step, linear, sigmoid, tanh, relu, leakyRelu = "leaky_relu", softplus, gelu, swish, softmax
}
