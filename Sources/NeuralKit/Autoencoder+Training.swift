// One training step of an autoencoder: forward, the objective's terms, and backpropagation of
// reconstruction, sparsity and contractive terms into W, b, W2, b2 (tied: both uses into W).
import TensorKit

extension Autoencoder {
    /// The trainer's entry point: corrupts `x` when denoising (fresh draws from `rng` each call),
    /// scores the reconstruction against the clean `x`, stores the gradients and returns the
    /// full objective. `y` is ignored (the target is x).
    public func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "autoencoder")
        var input = x.storage
        options.noise?.corrupt(&input, rng: rng)
        let t = try step(input: input, target: x.storage, rows: n, gradients: true)
        lastTerms = t
        return t.loss
    }

    /// The objective on `x` without noise and without touching gradients (validation loss).
    public func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try objective(x)
    }

    /// Forward on `input`, the objective against `target`, and (when asked) every gradient.
    func step(input: [Double], target: [Double], rows n: Int, gradients: Bool) throws -> AutoencoderTerms {
        let enc = try encoderPass(input, rows: n, keep: kept(encoding: false), diagnostics: !gradients)
        let dec = try decoderPass(enc.h, rows: n)
        // The diagnostics (ρ̂ per unit, mean ‖J‖_F) only when reading terms, not in every training step.
        let rhoHat = gradients ? [] : SparsityPenalty.meanActivation(enc.h, rows: n, cols: codes)
        let jacobian = gradients ? Double.nan : jacobianNorm(enc, rows: n)

        // ∂L/∂x′ and the reconstruction term.
        var delta2 = gradients ? [Double](repeating: 0, count: dec.y.count) : []
        let reconstruction = delta2.withUnsafeMutableBufferPointer { g in
            ReconstructionLoss.value(options.loss, dec.y, target, rows: n, grad: gradients ? g : nil)
        }
        guard gradients else {
            var penalty = options.sparsity?.penalty(enc.h, rows: n, cols: codes, grad: nil) ?? 0
            if options.contractive > 0 {
                penalty += ContractivePenalty.value(act: options.act, lambda: options.contractive, z: enc.z,
                                                    rows: n, cols: codes, w: w.value.storage, inputs: inputs,
                                                    dz: nil, dw: nil)
            }
            return AutoencoderTerms(loss: reconstruction + penalty, reconstruction: reconstruction,
                                    penalty: penalty, rhoHat: rhoHat, jacobianNorm: jacobian)
        }

        // δ² = ∂L/∂z2 = ∂L/∂x′ ∘ out′(z2)
        AutoencoderTransfer.backward(options.out, &delta2, z: dec.z, a: dec.y, width: inputs)
        b2.grad = Tensor(shape: [inputs], storage: AutoencoderMath.columnSums(delta2, cols: inputs))
        // ∂L/∂h = δ² W2 (tied: δ² Wᵀ)
        var dh: [Double]
        if let w2 {
            // ∂L/∂W2 = δ²ᵀ h
            w2.grad = Tensor(shape: [inputs, codes],
                             storage: try AutoencoderMath.product(delta2, n, inputs, enc.h, n, codes, transposeA: true))
            dh = try AutoencoderMath.product(delta2, n, inputs, w2.value.storage, inputs, codes)
        } else {
            dh = try AutoencoderMath.product(delta2, n, inputs, w.value.storage, codes, inputs, transposeB: true)
        }

        // Sparsity adds ∂penalty/∂h; k-sparse lets gradients through the kept units only.
        let sparse = dh.withUnsafeMutableBufferPointer { g in
            options.sparsity?.penalty(enc.h, rows: n, cols: codes, grad: g) ?? 0
        }
        if let mask = enc.mask { AutoencoderMath.multiply(&dh, by: mask) }

        // δ¹ = ∂L/∂h ∘ act′(z), then the contractive term's own ∂/∂z and ∂/∂W.
        AutoencoderTransfer.backward(options.act, &dh, z: enc.z, a: enc.h, width: codes)
        // Only the contractive term needs dw zeroed; otherwise the first product below writes it whole.
        var dw = options.contractive > 0 ? [Double](repeating: 0, count: codes * inputs)
                                         : [Double](unsafeUninitializedCapacity: codes * inputs) { $1 = $0.count }
        var contractive = 0.0
        if options.contractive > 0 {
            contractive = dh.withUnsafeMutableBufferPointer { gz in
                dw.withUnsafeMutableBufferPointer { gw in
                    ContractivePenalty.value(act: options.act, lambda: options.contractive, z: enc.z,
                                             rows: n, cols: codes, w: w.value.storage, inputs: inputs,
                                             dz: gz, dw: gw)
                }
            }
        }
        b.grad = Tensor(shape: [codes], storage: AutoencoderMath.columnSums(dh, cols: codes))
        // ∂L/∂W = δ¹ᵀ x̃ (+ the tied decoder's use: hᵀ δ²), added onto the contractive part by dgemm.
        try dw.withUnsafeMutableBufferPointer { g in
            try Tensor.gemm(dh, n, codes, input, n, inputs, transposeA: true, into: g,
                            beta: options.contractive > 0 ? 1 : 0)
            if w2 == nil {
                try Tensor.gemm(enc.h, n, codes, delta2, n, inputs, transposeA: true, into: g, beta: 1)
            }
        }
        w.grad = Tensor(shape: [codes, inputs], storage: dw)

        let penalty = sparse + contractive
        return AutoencoderTerms(loss: reconstruction + penalty, reconstruction: reconstruction,
                                penalty: penalty, rhoHat: rhoHat, jacobianNorm: jacobian)
    }

    /// Mean ‖∂h/∂x‖_F over the batch: rows of W scaled by act′(z), k-sparse keeping only kept rows.
    func jacobianNorm(_ enc: EncoderValues, rows n: Int) -> Double {
        guard options.act != .softmax else { return .nan }
        guard let mask = enc.mask else {
            return ContractivePenalty.meanJacobianNorm(act: options.act, z: enc.z, rows: n, cols: codes,
                                                       w: w.value.storage, inputs: inputs)
        }
        let s = ContractivePenalty.rowNorms(w.value.storage, rows: codes, cols: inputs)
        guard n > 0 else { return 0 }
        var total = 0.0
        for r in 0..<n {
            var t = 0.0
            for j in 0..<codes { t += mask[r * codes + j] * s[j] }
            total += t.squareRoot()
        }
        return total / Double(n)
    }
}
