// The seeded random stream every draw in nns comes from (rand, randn, initial weights, shuffles,
// noise): NumPy's default_rng(seed) — PCG64 seeded through SeedSequence — and the documented
// ways normals, integers and permutations are derived from it (docs/tensors.md has NumPy recipes).
import Foundation

/// A seeded stream of random numbers; one instance per interpreter session, passed explicitly.
public final class RandomGenerator: @unchecked Sendable {
    private var stream: BitStream

    /// A stream seeded like `numpy.random.default_rng(seed)`.
    public init(seed: UInt64) {
        stream = BitStream(bits: PCG64(seedSequence: SeedSequence(seed: seed)))
    }

    /// Reseeds the stream in place, as `seed(n)` does.
    public func reseed(_ seed: UInt64) {
        stream = BitStream(bits: PCG64(seedSequence: SeedSequence(seed: seed)))
    }

    /// The next raw 64-bit output (NumPy: `rng.bit_generator.random_raw()`).
    public func nextUInt64() -> UInt64 {
        stream.nextUInt64()
    }

    /// The next 32-bit output: the low half of a fresh 64-bit output, then its high half.
    public func nextUInt32() -> UInt32 {
        stream.nextUInt32()
    }

    /// A uniform draw in [0, 1): (next >> 11) · 2⁻⁵³, as NumPy's `random()`.
    public func nextDouble() -> Double {
        Double(stream.nextUInt64() >> 11) * 0x1.0p-53
    }

    /// Fills `buffer` with uniform draws in [0, 1), in order (same as calling `nextDouble`).
    public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>) {
        var g = stream.bits
        for i in buffer.indices { buffer[i] = Double(g.next() >> 11) * 0x1.0p-53 }
        stream.bits = g
    }

    /// A standard normal draw by Box–Muller on two uniforms u₁, u₂ (in that order):
    /// z = √(−2 ln(1 − u₁)) · cos(2π u₂). Each normal uses exactly two uniforms.
    public func nextNormal() -> Double {
        let u1 = nextDouble(), u2 = nextDouble()
        return (-2 * Foundation.log(1 - u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// A uniform integer in 0..<n (n ≥ 1), unbiased, equal to NumPy's `rng.integers(0, n)`:
    /// Lemire's multiply-and-reject on 32-bit outputs when n ≤ 2³², on 64-bit outputs above.
    /// n ≤ 1 gives 0 without drawing.
    public func nextInt(below n: Int) -> Int {
        guard n > 1 else { return 0 }
        let bound = UInt64(n)
        if bound <= 1 << 32 {
            // m = u · n with u a 32-bit draw; reject when the low word falls under 2³² mod n.
            var m = UInt64(nextUInt32()) &* bound
            var low = UInt32(truncatingIfNeeded: m)
            if UInt64(low) < bound {
                let threshold = UInt32(truncatingIfNeeded: ((1 << 32) - bound) % bound)
                while low < threshold {
                    m = UInt64(nextUInt32()) &* bound
                    low = UInt32(truncatingIfNeeded: m)
                }
            }
            return Int(m >> 32)
        } else {
            var m = UInt128(nextUInt64()) &* UInt128(bound)
            var low = UInt64(truncatingIfNeeded: m)
            if low < bound {
                let threshold = (0 &- bound) % bound
                while low < threshold {
                    m = UInt128(nextUInt64()) &* UInt128(bound)
                    low = UInt64(truncatingIfNeeded: m)
                }
            }
            return Int(m >> 64)
        }
    }

    /// A uniform integer in 0...max by masked rejection (NumPy's `random_interval`, used by its
    /// shuffles): draw (32-bit if max < 2³², else 64-bit) & (next power of two − 1) until ≤ max.
    public func nextInterval(_ max: Int) -> Int {
        stream.nextInterval(max)
    }

    /// The swaps of a Fisher–Yates shuffle of n items, as NumPy's `shuffle` makes them: for
    /// i = n−1 down to 1, j = nextInterval(i), swap(i, j).
    public func shuffle<T>(_ items: inout [T]) {
        // On a local copy of the state (the same draws, without a class access per element).
        var s = stream
        defer { stream = s }
        items.withUnsafeMutableBufferPointer { p in
            var i = p.count - 1
            while i > 0 {
                let j = s.nextInterval(i)   // 0 ≤ j ≤ i
                p.swapAt(i, j)
                i -= 1
            }
        }
    }

    /// A random permutation of 0..<n, equal to NumPy's `rng.permutation(n)`.
    public func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<max(n, 0))
        shuffle(&p)
        return p
    }
}

/// The generator's state as a value: PCG64 and the pending upper half of a 64-bit output, so a
/// long run of draws (a shuffle) can work on a local copy.
struct BitStream {
    var bits: PCG64
    /// The upper half of a 64-bit output kept for the next 32-bit draw, as NumPy's PCG64 does.
    var pending: UInt32? = nil

    mutating func nextUInt64() -> UInt64 {
        bits.next()
    }

    /// The low half of a fresh 64-bit output, then its high half.
    mutating func nextUInt32() -> UInt32 {
        if let p = pending {
            pending = nil
            return p
        }
        let v = bits.next()
        pending = UInt32(truncatingIfNeeded: v >> 32)
        return UInt32(truncatingIfNeeded: v)
    }

    @inline(__always)
    mutating func nextInterval(_ max: Int) -> Int {
        guard max > 0 else { return 0 }
        let bound = UInt64(max)
        // The smallest 2ᵏ − 1 ≥ bound (NumPy smears the bits down with shifts; the same mask).
        let mask = UInt64.max >> UInt64(bound.leadingZeroBitCount)
        if bound <= 0xFFFF_FFFF {
            while true {
                let v = UInt64(nextUInt32()) & mask
                if v <= bound { return Int(v) }
            }
        } else {
            while true {
                let v = nextUInt64() & mask
                if v <= bound { return Int(v) }
            }
        }
    }
}
