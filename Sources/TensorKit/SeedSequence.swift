// NumPy's SeedSequence (numpy.random.SeedSequence): turns a seed into well-mixed state words by
// hashing its 32-bit pieces into a pool of four words, then drawing words out of the pool.

/// NumPy's SeedSequence for a whole-number seed with no spawn key.
public struct SeedSequence: Sendable {
    // The hash constants of NumPy's implementation (after Melissa O'Neill's seed_seq_fe).
    static let initA: UInt32 = 0x43b0_d7e5, multA: UInt32 = 0x931e_8875
    static let initB: UInt32 = 0x8b51_f9dd, multB: UInt32 = 0x58f3_8ded
    static let mixMultL: UInt32 = 0xca01_f9dd, mixMultR: UInt32 = 0x4973_f715
    static let poolSize = 4

    /// The mixed entropy pool.
    public private(set) var pool: [UInt32]

    /// Mixes `seed`, split into little-endian 32-bit words (0 is one word 0), into the pool.
    public init(seed: UInt64) {
        var entropy: [UInt32] = [UInt32(truncatingIfNeeded: seed)]
        if seed >> 32 != 0 { entropy.append(UInt32(truncatingIfNeeded: seed >> 32)) }
        var hashConst = SeedSequence.initA
        // hashmix(v): v ^= h; h *= multA; v *= h; v ^= v >> 16.
        func hashmix(_ value: UInt32) -> UInt32 {
            var v = value ^ hashConst
            hashConst = hashConst &* SeedSequence.multA
            v = v &* hashConst
            return v ^ (v >> 16)
        }
        // mix(x, y) = (L·x − R·y) ^ (… >> 16).
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let r = SeedSequence.mixMultL &* x &- SeedSequence.mixMultR &* y
            return r ^ (r >> 16)
        }
        var pool = [UInt32](repeating: 0, count: SeedSequence.poolSize)
        for i in 0..<pool.count {
            pool[i] = hashmix(i < entropy.count ? entropy[i] : 0)
        }
        for src in 0..<pool.count {
            for dst in 0..<pool.count where src != dst {
                pool[dst] = mix(pool[dst], hashmix(pool[src]))
            }
        }
        // Entropy words beyond the pool (never for a 64-bit seed, kept for completeness).
        if entropy.count > pool.count {
            for src in pool.count..<entropy.count {
                for dst in 0..<pool.count {
                    pool[dst] = mix(pool[dst], hashmix(entropy[src]))
                }
            }
        }
        self.pool = pool
    }

    /// `generate_state(n, uint32)`: n words drawn from the pool, cycling through it.
    public func generateState32(_ n: Int) -> [UInt32] {
        var hashConst = SeedSequence.initB
        var out = [UInt32](repeating: 0, count: max(n, 0))
        for i in 0..<out.count {
            var v = pool[i % pool.count] ^ hashConst
            hashConst = hashConst &* SeedSequence.multB
            v = v &* hashConst
            out[i] = v ^ (v >> 16)
        }
        return out
    }

    /// `generate_state(n, uint64)`: pairs of 32-bit words, low word first (little-endian view).
    public func generateState64(_ n: Int) -> [UInt64] {
        let words = generateState32(2 * max(n, 0))
        return (0..<max(n, 0)).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
    }
}
