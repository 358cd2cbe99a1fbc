// eˣ for one double, branch-free so that a loop around it vectorises. The method:
//   x = (64m + j)·ln2/64 + r, |r| ≤ ln2/128, so eˣ = 2^m · 2^(j/64) · eʳ, where
//   n = 64m + j = round(x·64/ln2) is found by adding 1.5·2⁵² (the integer lands in the low bits),
//   ln2/64 is split hi + lo with hi's low bits zero (fdlibm's split), so n·hi is exact, and
//   eʳ − 1 ≈ r + r²/2 + … + r⁶/720 (the next term is below 10⁻¹⁹), by Horner's rule in fused
//   multiply-adds: a 512-bit unit that does one operation per cycle spends most of the time here.
// Valid where the result is a normal number, −708 ≤ x ≤ 709; callers send other inputs (and nan)
// to the C library.
#ifndef NNS_EXP_CORE_H
#define NNS_EXP_CORE_H

#include <stdint.h>
#include <string.h>

/// a·b + c rounded once. Written out (contraction is off), so every build computes the same bits:
/// one instruction on AVX2 and AVX-512, the C library's exact fma on the baseline build.
#define FMA(a, b, c) __builtin_fma(a, b, c)

/// 2^(j/64) for j = 0…63, filled when the program loads.
extern double nns_exp2_table[64];

static inline double nns_exp_core(double x) {
    const double inv = 64 * 1.44269504088896338700e+00;
    const double hi = 6.93147180369123816490e-01 / 64, lo = 1.90821492927058770002e-10 / 64;
    const double shifter = 0x1.8p52;
    double t = FMA(x, inv, shifter);
    double k = t - shifter;
    double r = FMA(-k, lo, FMA(-k, hi, x));
    double q = 1.0 / 720;
    q = FMA(q, r, 1.0 / 120); q = FMA(q, r, 1.0 / 24); q = FMA(q, r, 1.0 / 6); q = FMA(q, r, 0.5);
    q = FMA(r * r, q, r);
    uint64_t bits;
    memcpy(&bits, &t, 8);
    bits += (uint64_t)64 * 1100 - 0x4338000000000000ULL;
    double tj = nns_exp2_table[bits & 63];
    uint64_t sbits = ((bits >> 6) + 1023 - 1100) << 52;
    double scale;
    memcpy(&scale, &sbits, 8);
    return FMA(tj, q, tj) * scale;
}

#endif
