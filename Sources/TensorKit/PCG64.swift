// NumPy's PCG64 bit generator: a 128-bit linear congruential state with the XSL-RR output
// function, seeded from a SeedSequence exactly as numpy.random.PCG64 does.

/// The PCG64 (XSL-RR 128/64) generator of `numpy.random.PCG64`.
public struct PCG64: Sendable {
    /// PCG's default 128-bit multiplier, 2549297995355413924 · 2⁶⁴ + 4865540595714422341 (a
    /// literal, so each step uses it as a constant rather than through a lazily set global).
    static var multiplier: UInt128 { 0x2360_ED05_1FC6_5DA4_4385_DF64_9FCC_F645 }

    /// The LCG state and its (odd) increment.
    public private(set) var state: UInt128
    public private(set) var increment: UInt128

    /// Seeds like NumPy: four 64-bit SeedSequence words give the state (s₀·2⁶⁴ + s₁) and the
    /// stream (s₂·2⁶⁴ + s₃); then inc = 2·stream + 1, state = 0, step, state += seed, step.
    public init(seedSequence: SeedSequence) {
        let w = seedSequence.generateState64(4)
        let initState = (UInt128(w[0]) << 64) | UInt128(w[1])
        let stream = (UInt128(w[2]) << 64) | UInt128(w[3])
        state = 0
        increment = (stream << 1) | 1
        step()
        state = state &+ initState
        step()
    }

    /// state ← state · multiplier + increment (mod 2¹²⁸).
    @inline(__always)
    mutating func step() {
        state = state &* PCG64.multiplier &+ increment
    }

    /// The next 64-bit output: step, then XSL-RR — (high ⊕ low) rotated right by the top 6 bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        step()
        let value = UInt64(truncatingIfNeeded: state >> 64) ^ UInt64(truncatingIfNeeded: state)
        let rotation = UInt64(truncatingIfNeeded: state >> 122)
        return value.rotateRight(rotation)
    }
}

extension UInt64 {
    /// Rotation to the right by `r` bits (0 ≤ r < 64).
    @inline(__always)
    func rotateRight(_ r: UInt64) -> UInt64 {
        (self >> r) | (self << ((64 &- r) & 63))
    }
}
