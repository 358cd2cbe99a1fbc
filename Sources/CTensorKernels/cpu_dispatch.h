// How every kernel of this library is built and chosen: the same C loop is compiled three times
// (AVX-512, AVX2 + FMA, baseline x86-64) with target attributes, and a dispatcher picks the best
// the processor supports, once per call. Swift code is built for the baseline only, where a
// vector of doubles has 2 lanes instead of 8.
//
// Floating-point contraction is off in every kernel file (see the pragma below), so the three
// builds round exactly alike: a result never depends on the machine's instruction set.
#ifndef NNS_CPU_DISPATCH_H
#define NNS_CPU_DISPATCH_H

#include <stddef.h>

#pragma STDC FP_CONTRACT OFF

/// 2 AVX-512, 1 AVX2 + FMA, 0 baseline; set when the program loads (cpu_dispatch.c).
extern int nns_cpu_level;

#if defined(__x86_64__)
#define NNS_TARGET_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma")))
#define NNS_TARGET_AVX2 __attribute__((target("avx2,fma")))

/// Defines NAME compiled for each instruction set, and `NAME_best()`, which returns the build for
/// the best one the processor has: call it as `NAME_best()(arguments)`. The body comes last
/// (commas and all).
#define NNS_MULTIVERSION(TYPE, NAME, PARAMS, ...)                        \
    NNS_TARGET_AVX512 static TYPE NAME##_avx512 PARAMS __VA_ARGS__       \
    NNS_TARGET_AVX2 static TYPE NAME##_avx2 PARAMS __VA_ARGS__           \
    static TYPE NAME##_baseline PARAMS __VA_ARGS__                       \
    static TYPE (*NAME##_best(void)) PARAMS {                            \
        return nns_cpu_level == 2 ? NAME##_avx512                        \
             : nns_cpu_level == 1 ? NAME##_avx2 : NAME##_baseline;       \
    }
#else
#define NNS_MULTIVERSION(TYPE, NAME, PARAMS, ...)                        \
    static TYPE NAME##_baseline PARAMS __VA_ARGS__                       \
    static TYPE (*NAME##_best(void)) PARAMS { return NAME##_baseline; }
#endif

#endif
