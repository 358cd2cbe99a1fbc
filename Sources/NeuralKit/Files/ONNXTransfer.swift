// Each transfer function as standard ONNX operators (opset 13). Where a function has no operator
// of its own, or its operator takes a 32-bit float attribute (LeakyRelu's alpha would become
// 0.009999999776…), or onnxruntime has no DOUBLE kernel for it (Softplus, LeakyRelu), it is
// composed from operators that do, with constants as tensors of the graph's own element type.

extension ONNXGraphBuilder {
    /// Adds the nodes computing `act` from `input` into `output` for layer `layer`; gives the
    /// name of the result (`input` itself for a linear layer, which needs no node).
    mutating func transfer(_ act: Activation, layer: Int, input z: String, output a: String) throws -> String {
        let p = "layers.\(layer)."
        switch act {
        case .linear:
            // No node: z is the layer's output (a last linear layer's Gemm writes y itself).
            return z
        case .sigmoid:
            node("Sigmoid", p + "sigmoid", [z], a)
        case .tanh:
            node("Tanh", p + "tanh", [z], a)
        case .relu:
            node("Relu", p + "relu", [z], a)
        case .softmax:
            // Softmax along the last axis, each row on its own: sᵢ = e^zᵢ / Σⱼ e^zⱼ.
            node("Softmax", p + "softmax", [z], a, attributes: [("axis", -1)])
        case .leakyRelu:
            // max(z, 0.01 z): equal to z for z > 0 and to 0.01 z below, with 0.01 exact in DOUBLE.
            let slope = constant("leaky_relu_slope", Activation.leakySlope)
            node("Mul", p + "leaky_relu.scale", [z, slope], p + "leaky_relu.scaled")
            node("Max", p + "leaky_relu", [z, p + "leaky_relu.scaled"], a)
        case .softplus:
            // log(1 + eᶻ) = max(z, 0) + log(1 + e^−|z|), which never overflows (as nns computes it).
            let zero = constant("zero", 0), one = constant("one", 1)
            node("Abs", p + "softplus.abs", [z], p + "softplus.abs")
            node("Neg", p + "softplus.neg", [p + "softplus.abs"], p + "softplus.neg")
            node("Exp", p + "softplus.exp", [p + "softplus.neg"], p + "softplus.exp")
            node("Add", p + "softplus.one_plus", [p + "softplus.exp", one], p + "softplus.one_plus")
            node("Log", p + "softplus.log", [p + "softplus.one_plus"], p + "softplus.log")
            node("Max", p + "softplus.relu", [z, zero], p + "softplus.relu")
            node("Add", p + "softplus", [p + "softplus.relu", p + "softplus.log"], a)
        case .swish:
            // z σ(z).
            node("Sigmoid", p + "swish.sigmoid", [z], p + "swish.sigmoid")
            node("Mul", p + "swish", [z, p + "swish.sigmoid"], a)
        case .gelu:
            // z Φ(z) = ½ z (1 + erf(z / √2)); onnxruntime's Erf runs only in FLOAT.
            guard type == .float else { throw NeuralError.onnxNoDouble(act, layer: layer, missing: "Erf") }
            let rsqrt2 = constant("inv_sqrt2", 0.70710678118654752440), one = constant("one", 1), half = constant("half", 0.5)
            node("Mul", p + "gelu.scale", [z, rsqrt2], p + "gelu.scaled")
            node("Erf", p + "gelu.erf", [p + "gelu.scaled"], p + "gelu.erf")
            node("Add", p + "gelu.one_plus", [p + "gelu.erf", one], p + "gelu.one_plus")
            node("Mul", p + "gelu.times_z", [z, p + "gelu.one_plus"], p + "gelu.times_z")
            node("Mul", p + "gelu", [p + "gelu.times_z", half], a)
        case .step:
            // 1 where z ≥ 0, else 0: a comparison, then its bools as numbers.
            let zero = constant("zero", 0)
            node("GreaterOrEqual", p + "step.compare", [z, zero], p + "step.compare")
            node("Cast", p + "step", [p + "step.compare"], a, attributes: [("to", type.code)])
        }
        return a
    }
}
