// One training step of an autoencoder: forward, the objective's terms, and backpropagation of
// reconstruction, sparsity and contractive terms into W, b, W2, b2 (tied: both uses into W).
import CTensorKernels
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

    /// Forward on `input`, the objective against `target`, and (when asked) every gradient,
    /// written into the parameters' `grad` in place. The batch-sized buffers are the model's
    /// `buffers`, taken out for the step and put back after it, so a training loop allocates
    /// nothing per step once the batch size has been seen.
    func step(input: [Double], target: [Double], rows n: Int, gradients: Bool) throws -> AutoencoderTerms {
        // Training steps reuse the kept buffers; an evaluation (any batch size, perhaps the whole
        // set) uses its own, freed when it returns.
        var buf = StepBuffers()
        if gradients { swap(&buf, &buffers) }
        defer { if gradients { swap(&buf, &buffers) } }

        try encoderPass(input, rows: n, keep: kept(encoding: false), diagnostics: !gradients, into: &buf.enc)
        try decoderPass(buf.enc.h, rows: n, into: &buf.dec)
        // The diagnostics (ρ̂ per unit, mean ‖J‖_F) only when reading terms, not in every training step.
        let rhoHat = gradients ? [] : SparsityPenalty.meanActivation(buf.enc.h, rows: n, cols: codes)
        let jacobian = gradients ? Double.nan : jacobianNorm(buf.enc, rows: n)

        // ∂L/∂x′ and the reconstruction term; for a sigmoid output under a squared error, δ² and
        // ∂L/∂b2 come out of the same pass (`fusedOutput`).
        let fusedOutput = gradients && options.out == .sigmoid && (options.loss == .mse || options.loss == .sse)
        if gradients { AutoencoderMath.resize(&buf.delta2, buf.dec.y.count) }
        var reconstruction = 0.0
        if fusedOutput {
            b2.writeGradient { gb in
                buf.delta2.withUnsafeMutableBufferPointer { d in
                    reconstruction = options.loss.sigmoidOutput(buf.dec.y, target, rows: n, delta: d, biasGradient: gb)
                }
            }
        } else {
            reconstruction = buf.delta2.withUnsafeMutableBufferPointer { g in
                options.loss.reconstruction(buf.dec.y, target, rows: n, grad: gradients ? g : nil)
            }
        }
        guard gradients else {
            var penalty = options.sparsity?.penalty(buf.enc.h, rows: n, cols: codes, grad: nil) ?? 0
            if options.contractive > 0 {
                penalty += ContractivePenalty.value(act: options.act, lambda: options.contractive, z: buf.enc.z,
                                                    rows: n, cols: codes, w: w.value.storage, inputs: inputs,
                                                    dz: nil, dw: nil)
            }
            return AutoencoderTerms(loss: reconstruction + penalty, reconstruction: reconstruction,
                                    penalty: penalty, rhoHat: rhoHat, jacobianNorm: jacobian)
        }

        // δ² = ∂L/∂z2 = ∂L/∂x′ ∘ out′(z2), and ∂L/∂b2 = Σ_n δ².
        if !fusedOutput {
            AutoencoderTransfer.backward(options.out, &buf.delta2, z: buf.dec.z, a: buf.dec.y, width: inputs)
            b2.writeGradient { AutoencoderMath.columnSums(buf.delta2, cols: inputs, into: $0) }
        }
        // ∂L/∂h = δ² W2 (tied: δ² Wᵀ), and ∂L/∂W2 = δ²ᵀ h.
        if let w2 {
            try w2.writeGradient { g in
                try Tensor.gemm(buf.delta2, n, inputs, buf.enc.h, n, codes, transposeA: true, into: g, beta: 0)
            }
            try AutoencoderMath.product(buf.delta2, n, inputs, w2.value.storage, inputs, codes, into: &buf.dh)
        } else {
            try AutoencoderMath.product(buf.delta2, n, inputs, w.value.storage, codes, inputs, transposeB: true,
                                        into: &buf.dh)
        }

        // Sparsity adds ∂penalty/∂h; k-sparse lets gradients through the kept units only.
        let sparse = buf.dh.withUnsafeMutableBufferPointer { g in
            options.sparsity?.penalty(buf.enc.h, rows: n, cols: codes, grad: g) ?? 0
        }
        if let mask = buf.enc.mask { AutoencoderMath.multiply(&buf.dh, by: mask) }

        // δ¹ = ∂L/∂h ∘ act′(z); the contractive term adds its own ∂/∂z (into δ¹) and ∂/∂W.
        AutoencoderTransfer.backward(options.act, &buf.dh, z: buf.enc.z, a: buf.enc.h, width: codes)
        var contractive = 0.0
        try w.writeGradient { gw in
            if options.contractive > 0 {
                gw.update(repeating: 0)
                contractive = buf.dh.withUnsafeMutableBufferPointer { gz in
                    ContractivePenalty.value(act: options.act, lambda: options.contractive, z: buf.enc.z,
                                             rows: n, cols: codes, w: w.value.storage, inputs: inputs,
                                             dz: gz, dw: gw)
                }
            }
            // ∂L/∂W = δ¹ᵀ x̃ (+ the tied decoder's use: hᵀ δ²), added onto the contractive part.
            if options.contractive > 0 || !AutoencoderMath.isSmallProduct(inputs, codes, n) {
                try Tensor.gemm(buf.dh, n, codes, input, n, inputs, transposeA: true, into: gw,
                                beta: options.contractive > 0 ? 1 : 0)
            } else {
                // Small: as x̃ᵀ δ¹ (OpenBLAS's small-matrix kernel takes that shape, the other goes
                // through its packing path at 1.4× the time), transposed into place. Both add the
                // batch in order, so the numbers are the same.
                AutoencoderMath.resize(&buf.gradientT, inputs * codes)
                try buf.gradientT.withUnsafeMutableBufferPointer { t in
                    try Tensor.gemm(input, n, inputs, buf.dh, n, codes, transposeA: true, into: t, beta: 0)
                    guard let src = t.baseAddress, let dst = gw.baseAddress else { return }
                    nns_transpose(src, inputs, codes, dst)
                }
            }
            if w2 == nil {
                try Tensor.gemm(buf.enc.h, n, codes, buf.delta2, n, inputs, transposeA: true, into: gw, beta: 1)
            }
        }
        b.writeGradient { AutoencoderMath.columnSums(buf.dh, cols: codes, into: $0) }

        let penalty = sparse + contractive
        return AutoencoderTerms(loss: reconstruction + penalty, reconstruction: reconstruction,
                                penalty: penalty, rhoHat: rhoHat, jacobianNorm: jacobian)
    }

    /// Drops the training step's buffers (the trainer calls this when `fit` ends).
    public func releaseStepBuffers() {
        buffers = StepBuffers()
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

/// The batch-sized buffers of an autoencoder's training step, kept between steps: the encoder's
/// and decoder's values, δ² = ∂L/∂z2 and ∂L/∂h (then δ¹).
struct StepBuffers {
    var enc = Autoencoder.EncoderValues(z: [], h: [], mask: nil)
    var dec = Autoencoder.DecoderValues(z: [], y: [])
    var delta2: [Double] = []
    var dh: [Double] = []
    /// (∂L/∂W)ᵀ, before it is transposed into W's gradient.
    var gradientT: [Double] = []
}
