// The corruption processes q_D(x̃ | x) of denoising autoencoders: Gaussian noise, masking and
// salt-and-pepper. Each draw comes from the session's RandomGenerator in a documented order.
import TensorKit

/// A noise process that corrupts a batch elementwise.
///
/// Draw order (so a teacher can repeat it in NumPy): one draw per element, in row-major order.
/// - gaussian(σ): x̃ = x + σ ε, ε the generator's next standard normal (as `randn`).
/// - masking(p): u = next uniform in [0, 1); x̃ = 0 where u < p, else x.
/// - salt_pepper(p): u = next uniform; x̃ = 0 where u < p/2, 1 where p/2 ≤ u < p, else x
///   (so each element is hit with probability p, and then 0 or 1 with equal chance).
public enum NoiseProcess: Equatable, Sendable {
    case gaussian(sigma: Double)
    case masking(p: Double)
    case saltPepper(p: Double)

    /// Checks the parameter's range (σ ≥ 0, p in [0, 1], finite).
    public func validated() throws -> NoiseProcess {
        switch self {
        case .gaussian(let sigma):
            guard sigma.isFinite, sigma >= 0 else {
                throw NeuralError.range("gaussian", "sigma", "a finite number ≥ 0", sigma)
            }
        case .masking(let p), .saltPepper(let p):
            guard p >= 0, p <= 1 else {
                throw NeuralError.range(name, "p", "in [0, 1]", p)
            }
        }
        return self
    }

    /// The name users write (`gaussian`, `masking`, `salt_pepper`).
    public var name: String {
        switch self {
        case .gaussian: return "gaussian"
        case .masking: return "masking"
        case .saltPepper: return "salt_pepper"
        }
    }

    /// The printed form: `gaussian(0.3)`.
    public var description: String {
        switch self {
        case .gaussian(let s): return "gaussian(\(plainNumber(s)))"
        case .masking(let p): return "masking(\(plainNumber(p)))"
        case .saltPepper(let p): return "salt_pepper(\(plainNumber(p)))"
        }
    }

    /// A corrupted copy of `x` (any shape), drawing from `rng` as documented above.
    public func corrupt(_ x: Tensor, rng: RandomGenerator) -> Tensor {
        var out = x.storage
        corrupt(&out, rng: rng)
        return Tensor(shape: x.shape, storage: out)
    }

    /// Corrupts `values` in place, one draw per element in order.
    public func corrupt(_ values: inout [Double], rng: RandomGenerator) {
        values.withUnsafeMutableBufferPointer { p in
            switch self {
            case .gaussian(let sigma):
                for i in p.indices { p[i] += sigma * rng.nextNormal() }
            case .masking(let prob):
                for i in p.indices where rng.nextDouble() < prob { p[i] = 0 }
            case .saltPepper(let prob):
                let half = prob / 2
                for i in p.indices {
                    let u = rng.nextDouble()
                    if u < half { p[i] = 0 } else if u < prob { p[i] = 1 }
                }
            }
        }
    }
}

/// A number as nns prints it in short texts: whole numbers without ".0" (`3`, `0.05`, `1e-05`).
func plainNumber(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e16 { return String(Int(x)) }
    return "\(x)"
}
