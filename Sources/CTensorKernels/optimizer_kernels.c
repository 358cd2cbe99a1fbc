// Adam's update over one parameter tensor, torch.optim.Adam's single-tensor form:
//   g ← g + λθ,  m ← m + (1 − β₁)(g − m),  v ← β₂ v + (1 − β₂) g²,
//   θ ← θ − step · m / (√v / c₂ + ε),   step = η / (1 − β₁ᵗ),  c₂ = √(1 − β₂ᵗ).
// One pass over four arrays; with a parameter of 100,000 weights this loop, not the arithmetic,
// is what a training step waits for, so it runs on the widest vectors the processor has.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"
#include "fma_division.h"
#include <math.h>

// sqrt without errno, so the loop vectorises (v ≥ 0 here, so errno could never be set anyway).
#if __has_builtin(__builtin_elementwise_sqrt)
#define ROOT(x) __builtin_elementwise_sqrt(x)
#else
#define ROOT(x) sqrt(x)
#endif

NNS_MULTIVERSION(void, adam_loop,
                 (double *restrict w, const double *restrict g, double *restrict m, double *restrict v,
                  size_t n, const double *restrict c), {
    const double b1 = c[0], b2 = c[1], step = c[2], c2 = c[3], eps = c[4], decay = c[5];
    const double one_b1 = 1 - b1, one_b2 = 1 - b2;
    for (size_t i = 0; i < n; i++) {
        double gi = g[i] + decay * w[i];
        double mi = m[i] + one_b1 * (gi - m[i]);
        double vi = v[i] * b2 + one_b2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i] - step * (mi / (ROOT(vi) / c2 + eps));
    }
})

#if defined(__x86_64__)
// The AVX-512 build: the same operations in the same order, but its two divisions done by fused
// multiply-adds that round exactly as `/` (fma_division.h), so the divide unit is left with the
// square root alone. Those need their values in range; with c₂ and ε in [2⁻¹⁰⁰, 2¹⁰⁰] (checked
// by the caller) it suffices that √v ≤ 2⁴⁰⁰ (so √v / c₂ and the denominator stay normal; a
// nonzero √v is at least 2⁻⁵³⁷, and √v = +0 comes out as +0) and that m is 0 or
// 2⁻⁴⁰⁰ ≤ |m| ≤ 2⁴⁰⁰. A vector with any other value (inf, nan, huge or tiny moments) runs the
// plain divisions.
NNS_TARGET_AVX512 static inline __m512d adam_vector(__m512d w, __m512d g, __m512d *m, __m512d *v,
                                                    const double *c, double c2_inverse) {
    const __m512d b2 = _mm512_set1_pd(c[1]), step = _mm512_set1_pd(c[2]);
    const __m512d c2 = _mm512_set1_pd(c[3]), eps = _mm512_set1_pd(c[4]), decay = _mm512_set1_pd(c[5]);
    const __m512d one_b1 = _mm512_set1_pd(1 - c[0]), one_b2 = _mm512_set1_pd(1 - c[1]);
    __m512d gi = _mm512_add_pd(g, _mm512_mul_pd(decay, w));
    __m512d mi = _mm512_add_pd(*m, _mm512_mul_pd(one_b1, _mm512_sub_pd(gi, *m)));
    __m512d vi = _mm512_add_pd(_mm512_mul_pd(*v, b2), _mm512_mul_pd(_mm512_mul_pd(one_b2, gi), gi));
    *m = mi;
    *v = vi;
    __m512d root = _mm512_sqrt_pd(vi);
    __m512d den = _mm512_add_pd(nns_divide8(root, c2, _mm512_set1_pd(c2_inverse)), eps);
    __m512d q = nns_divide8(mi, den, nns_recip8(den));
    __m512d size = _mm512_abs_pd(mi);
    __mmask8 m_zero = _mm512_cmp_pd_mask(mi, _mm512_setzero_pd(), _CMP_EQ_OQ);
    q = _mm512_mask_mov_pd(q, m_zero, mi);                    // ±0 / den = ±0
    __mmask8 fine = _mm512_cmp_pd_mask(root, _mm512_set1_pd(0x1p400), _CMP_LE_OQ) &
                    (m_zero | (_mm512_cmp_pd_mask(size, _mm512_set1_pd(0x1p-400), _CMP_GE_OQ) &
                               _mm512_cmp_pd_mask(size, _mm512_set1_pd(0x1p400), _CMP_LE_OQ)));
    if (fine != 0xFF) q = _mm512_div_pd(mi, _mm512_add_pd(_mm512_div_pd(root, c2), eps));
    return _mm512_sub_pd(w, _mm512_mul_pd(step, q));
}

NNS_TARGET_AVX512 static void adam_avx512(double *restrict w, const double *restrict g, double *restrict m,
                                          double *restrict v, size_t n, const double *restrict c) {
    const double c2_inverse = 1 / c[3];
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m512d mi = _mm512_loadu_pd(m + i), vi = _mm512_loadu_pd(v + i);
        __m512d wi = adam_vector(_mm512_loadu_pd(w + i), _mm512_loadu_pd(g + i), &mi, &vi, c, c2_inverse);
        _mm512_storeu_pd(m + i, mi);
        _mm512_storeu_pd(v + i, vi);
        _mm512_storeu_pd(w + i, wi);
    }
    if (i < n) {
        __mmask8 tail = (__mmask8)((1u << (n - i)) - 1);
        const __m512d one = _mm512_set1_pd(1.0);   // harmless values in the unused lanes
        __m512d mi = _mm512_mask_loadu_pd(one, tail, m + i), vi = _mm512_mask_loadu_pd(one, tail, v + i);
        __m512d wi = adam_vector(_mm512_mask_loadu_pd(one, tail, w + i), _mm512_mask_loadu_pd(one, tail, g + i),
                                 &mi, &vi, c, c2_inverse);
        _mm512_mask_storeu_pd(m + i, tail, mi);
        _mm512_mask_storeu_pd(v + i, tail, vi);
        _mm512_mask_storeu_pd(w + i, tail, wi);
    }
}
#endif

void nns_adam_update(double *w, const double *g, double *m, double *v, size_t n,
                     double beta1, double beta2, double step, double correction2, double eps,
                     double decay) {
    const double c[6] = {beta1, beta2, step, correction2, eps, decay};
#if defined(__x86_64__)
    // c₂ = √(1 − β₂ᵗ) lies in (0, 1] for the usual β₂, ε is about 10⁻⁸; with other values the
    // plain loop runs.
    if (nns_cpu_level == 2 && correction2 >= 0x1p-100 && correction2 <= 0x1p100 && eps >= 0x1p-100 &&
        eps <= 0x1p100) {
        adam_avx512(w, g, m, v, n, c);
        return;
    }
#endif
    adam_loop_best()(w, g, m, v, n, c);
}
