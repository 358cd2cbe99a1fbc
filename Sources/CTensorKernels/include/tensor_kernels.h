// Elementwise kernels compiled for several instruction sets (AVX-512, AVX2 + FMA, baseline) and
// chosen at run time by what the processor supports: Swift code is built for the baseline
// x86-64 only, where a SIMD exp runs 2 lanes instead of 8.
#ifndef TENSOR_KERNELS_H
#define TENSOR_KERNELS_H

#include <stddef.h>

/// out[i] = exp(in[i]) for i < n, within an ulp; the buffers must not overlap.
void nns_exp(const double *in, double *out, size_t n);

/// The instruction set nns_exp runs on: "avx512", "avx2" or "baseline".
const char *nns_kernel_level(void);

/// Sets the C allocator up for large numeric buffers (see memory_policy.c); run at load time.
void nns_memory_policy(void);

#endif
