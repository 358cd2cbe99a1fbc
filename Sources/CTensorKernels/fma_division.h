// Correctly rounded division on AVX-512 without the divide unit.
//
// Why: σ = 1 / (1 + e⁻ᵘ) and Adam's m / (√v / c₂ + ε) are bound by the divider, which finishes
// one 8-lane division every 16 cycles while the two fused multiply-add units sit idle. Here the
// same quotient comes from fused multiply-adds, so the result is bit for bit what `/` gives (the
// AVX2 and baseline builds keep `/`, and every build still rounds alike).
//
// Reciprocal: y₀ = rcp14(d) has a relative error below 2⁻¹⁴; each Newton step
//   e = 1 − d·y,  y ← y + y·e   (both fused, so e is exact to one rounding)
// squares the error: 2⁻²⁸, then 2⁻⁵⁶ plus the final rounding, which leaves y within 5/8 ulp of
// 1/d; one more step makes it RN(1/d) for every d but those whose significand is all ones
// (1.11…1 · 2ᵏ), where 1/d lies just above a midpoint and the step lands one ulp low: those get
// that ulp added back (Markstein's reciprocal iteration and its one exception).
// Quotient: with y = RN(1/d) and q = a·y rounded (within 1½ ulp of a/d), the correction
//   r = a − d·q  (exact),  q ← q + r·y
// brings q within an ulp, and a second one makes it RN(a/d) (Markstein's theorem, which needs q
// within an ulp). This holds while every value stays a normal number: callers send other inputs
// (zero, subnormal, huge, non-finite numerators or denominators) through `/`.
// Tests: KernelTests compares these builds with `/` on random and all-ones inputs.
#ifndef NNS_FMA_DIVISION_H
#define NNS_FMA_DIVISION_H

#if defined(__x86_64__)
#include <immintrin.h>
#include "cpu_dispatch.h"

/// RN(1/d) for normal d whose reciprocal is normal too.
NNS_TARGET_AVX512 static inline __m512d nns_recip8(__m512d d) {
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d y = _mm512_rcp14_pd(d);
    __m512d e = _mm512_fnmadd_pd(d, y, one);
    y = _mm512_fmadd_pd(y, e, y);
    e = _mm512_fnmadd_pd(d, y, one);
    y = _mm512_fmadd_pd(y, e, y);
    e = _mm512_fnmadd_pd(d, y, one);
    y = _mm512_fmadd_pd(y, e, y);
    // An all-ones significand: the steps end one ulp below RN(1/d).
    const __m512i significand = _mm512_set1_epi64(0x000FFFFFFFFFFFFFLL);
    __m512i bits = _mm512_castpd_si512(d), ybits = _mm512_castpd_si512(y);
    __mmask8 ones = _mm512_cmpeq_epi64_mask(_mm512_and_si512(bits, significand), significand);
    return _mm512_castsi512_pd(_mm512_mask_add_epi64(ybits, ones, ybits, _mm512_set1_epi64(1)));
}

/// RN(a/d) given y = RN(1/d), for a, d and a/d normal.
NNS_TARGET_AVX512 static inline __m512d nns_divide8(__m512d a, __m512d d, __m512d y) {
    __m512d q = _mm512_mul_pd(a, y);
    __m512d r = _mm512_fnmadd_pd(d, q, a);
    q = _mm512_fmadd_pd(r, y, q);
    r = _mm512_fnmadd_pd(d, q, a);
    return _mm512_fmadd_pd(r, y, q);
}

/// Lanes whose |x| lies in [2⁻⁹⁶⁰, 2⁹⁶⁰] (so not zero, subnormal, huge, infinite or nan): where
/// the quotients above, and the products inside them, stay normal numbers.
NNS_TARGET_AVX512 static inline __mmask8 nns_moderate8(__m512d x) {
    __m512d m = _mm512_abs_pd(x);
    return _mm512_cmp_pd_mask(m, _mm512_set1_pd(0x1p-960), _CMP_GE_OQ) &
           _mm512_cmp_pd_mask(m, _mm512_set1_pd(0x1p960), _CMP_LE_OQ);
}
#endif

#endif
