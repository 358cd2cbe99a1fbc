// Natural logarithm over a buffer (Tensor log), fdlibm's method in vector-friendly form:
//   x = 2^k · m with m in [√½, √2) (found by integer arithmetic on the bits, so no branch),
//   f = m − 1, s = f / (2 + f), and log m = 2 atanh s = 2s + 2s·z·P(z), z = s², |s| ≤ 0.1716,
//   with P(z) = 1/3 + z/5 + … + z¹⁰/23 (the next term is below 10⁻¹⁸ of the result);
//   log x = k·ln2_hi − ((½f² − (s(½f² + R) + k·ln2_lo)) − f), R = 2z·P(z), where ln2_hi has its
//   low bits zero so k·ln2_hi is exact (fdlibm's arrangement, within an ulp).
// Inputs that are not positive normal numbers (0, negatives, subnormals, inf, nan) go to the C library.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"
#include "exp_core.h"
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static inline double log_core(double x) {
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
    const uint64_t sqrt_half = 0x3fe6a09e667f3bcdULL;        // the bits of √½
    uint64_t bits;
    memcpy(&bits, &x, 8);
    // k + 1023 for x in [√½·2^k, √2·2^k): never negative for normal x, so a logical shift works.
    uint64_t biased = (bits - sqrt_half + (1023ULL << 52)) >> 52;
    uint64_t mbits = bits - ((biased - 1023) << 52);
    double m;
    memcpy(&m, &mbits, 8);
    uint64_t magic = 0x4330000000000000ULL | biased;         // 2⁵² + (k + 1023), exactly
    double kd;
    memcpy(&kd, &magic, 8);
    kd = (kd - 4503599627370496.0) - 1023.0;
    double f = m - 1.0;
    double s = f / (2.0 + f);
    double z = s * s;
    double p = 1.0 / 23;
    p = FMA(p, z, 1.0 / 21); p = FMA(p, z, 1.0 / 19); p = FMA(p, z, 1.0 / 17); p = FMA(p, z, 1.0 / 15);
    p = FMA(p, z, 1.0 / 13); p = FMA(p, z, 1.0 / 11); p = FMA(p, z, 1.0 / 9); p = FMA(p, z, 1.0 / 7);
    p = FMA(p, z, 1.0 / 5); p = FMA(p, z, 1.0 / 3);
    double r = 2.0 * z * p;
    double hfsq = 0.5 * f * f;
    return kd * ln2_hi - ((hfsq - (s * (hfsq + r) + kd * ln2_lo)) - f);
}

// Returns whether any input needs the C library.
NNS_MULTIVERSION(int, log_loop, (const double *restrict in, double *restrict out, size_t n), {
    int outside = 0;
    for (size_t i = 0; i < n; i++) {
        double x = in[i];
        outside |= !(x >= DBL_MIN && x <= DBL_MAX);
        out[i] = log_core(x);
    }
    return outside;
})

void nns_log(const double *in, double *out, size_t n) {
    if (!log_loop_best()(in, out, n)) return;
    for (size_t i = 0; i < n; i++) {
        double x = in[i];
        if (!(x >= DBL_MIN && x <= DBL_MAX)) out[i] = log(x);
    }
}
