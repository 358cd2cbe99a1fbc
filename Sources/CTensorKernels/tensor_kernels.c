// eˣ over a buffer, vectorised by the compiler once per instruction set (the same loop compiled
// with target attributes), with the best one picked at run time. The method:
//   x = (64m + j)·ln2/64 + r, |r| ≤ ln2/128, so eˣ = 2^m · 2^(j/64) · eʳ, where
//   n = 64m + j = round(x·64/ln2) is found by adding 1.5·2⁵² (the integer lands in the low bits),
//   ln2/64 is split hi + lo with hi's low bits zero (fdlibm's split), so n·hi is exact, and
//   eʳ − 1 ≈ r + r²/2 + … + r⁶/720 (the next term is below 10⁻¹⁹).
// Inputs whose result is not a normal number (x < −708, x > 709, nan) go to the C library.
#include "tensor_kernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

static double table[64];          // 2^(j/64)
static int kernel_level;          // 2 AVX-512, 1 AVX2 + FMA, 0 baseline

// Run once when the program loads, before any thread exists: the allocator settings, the
// table, and the instruction set.
__attribute__((constructor))
static void setup(void) {
    nns_memory_policy();
    for (int j = 0; j < 64; j++) table[j] = exp2((double)j / 64.0);
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
        kernel_level = 2;
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        kernel_level = 1;
    else
        kernel_level = 0;
#else
    kernel_level = 0;
#endif
}

#define EXP_BODY                                                                           \
    const double inv = 64 * 1.44269504088896338700e+00;                                    \
    const double hi = 6.93147180369123816490e-01 / 64, lo = 1.90821492927058770002e-10 / 64; \
    const double shifter = 0x1.8p52;                                                       \
    for (size_t i = 0; i < n; i++) {                                                       \
        double x = in[i];                                                                  \
        double t = x * inv + shifter;                                                      \
        double k = t - shifter;                                                            \
        double r = (x - k * hi) - k * lo;                                                  \
        double q = 1.0 / 720;                                                              \
        q = q * r + 1.0 / 120; q = q * r + 1.0 / 24; q = q * r + 1.0 / 6; q = q * r + 0.5; \
        q = r + (r * r) * q;                                                               \
        uint64_t bits;                                                                     \
        memcpy(&bits, &t, 8);                                                              \
        bits += (uint64_t)64 * 1100 - 0x4338000000000000ULL;                               \
        double tj = table[bits & 63];                                                      \
        uint64_t sbits = ((bits >> 6) + 1023 - 1100) << 52;                                \
        double scale;                                                                      \
        memcpy(&scale, &sbits, 8);                                                         \
        out[i] = (tj + tj * q) * scale;                                                    \
    }

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma")))
static void exp_avx512(const double *restrict in, double *restrict out, size_t n) { EXP_BODY }

__attribute__((target("avx2,fma")))
static void exp_avx2(const double *restrict in, double *restrict out, size_t n) { EXP_BODY }
#endif

static void exp_baseline(const double *restrict in, double *restrict out, size_t n) { EXP_BODY }

const char *nns_kernel_level(void) {
    switch (kernel_level) {
    case 2: return "avx512";
    case 1: return "avx2";
    default: return "baseline";
    }
}

void nns_exp(const double *in, double *out, size_t n) {
    switch (kernel_level) {
#if defined(__x86_64__)
    case 2: exp_avx512(in, out, n); break;
    case 1: exp_avx2(in, out, n); break;
#endif
    default: exp_baseline(in, out, n); break;
    }
    // Overflow, underflow to subnormals or zero, and nan: the C library's answers.
    for (size_t i = 0; i < n; i++) {
        double x = in[i];
        if (!(x >= -708 && x <= 709)) out[i] = exp(x);
    }
}
