// The seeded random stream every draw in nns comes from (rand, randn, initial weights, shuffles,
// noise). The uniform stream must equal NumPy's default_rng(seed).random() bit for bit.
// PLACEHOLDER: the PCG64 + SeedSequence implementation replaces the body; the API stays.
import Foundation

/// A seeded stream of random numbers; one instance per interpreter session, passed explicitly.
public final class RandomGenerator: @unchecked Sendable {
    private var state: UInt64

    /// A stream seeded like `numpy.random.default_rng(seed)`.
    public init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    /// Reseeds the stream in place, as `seed(n)` does.
    public func reseed(_ seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    /// The next raw 64-bit output.
    public func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1): (next >> 11) · 2⁻⁵³, as NumPy's `random()`.
    public func nextDouble() -> Double {
        Double(nextUInt64() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw.
    public func nextNormal() -> Double {
        let u1 = nextDouble(), u2 = nextDouble()
        return (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A uniform integer in 0..<n (n ≥ 1).
    public func nextInt(below n: Int) -> Int {
        Int(nextDouble() * Double(n)) % max(n, 1)
    }

    /// A random permutation of 0..<n (Fisher–Yates).
    public func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        var i = n - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            p.swapAt(i, j)
            i -= 1
        }
        return p
    }
}

