// Elementwise kernels compiled for several instruction sets (AVX-512, AVX2 + FMA, baseline) and
// chosen at run time by what the processor supports (cpu_dispatch.h); all three round alike.
#ifndef TENSOR_KERNELS_H
#define TENSOR_KERNELS_H

#include <stddef.h>

/// out[i] = exp(in[i]) for i < n, within an ulp; the buffers must not overlap.
void nns_exp(const double *in, double *out, size_t n);

/// out[i] = log(in[i]) for i < n, within an ulp; the buffers must not overlap.
void nns_log(const double *in, double *out, size_t n);

/// out[i] = σ(in[i]) = 1 / (1 + e^−in[i]) for i < n; `in` may be `out`.
void nns_sigmoid(const double *in, double *out, size_t n);

/// A sigmoid layer's rows: z[r, c] += bias[c], a = σ(z) (z and a rows × cols, not overlapping).
void nns_bias_sigmoid(double *z, const double *bias, size_t rows, size_t cols, double *a);

/// g[i] = g[i] · a[i] · (1 − a[i]): an upstream gradient times σ′, from σ's output a.
void nns_sigmoid_backward(const double *a, double *g, size_t n);

/// One Adam step over n parameters w with gradient g and moments m, v (optimizer_kernels.c).
void nns_adam_update(double *w, const double *g, double *m, double *v, size_t n,
                     double beta1, double beta2, double step, double correction2, double eps,
                     double decay);

/// Σ (p[i] − t[i])² over i < n; when g is not NULL, also g[i] = scale · (p[i] − t[i]).
double nns_squared_error(const double *p, const double *t, double *g, double scale, size_t n);

/// A sigmoid output layer under a squared error, in one pass: returns Σ (y − t)² over the
/// rows × cols batch, writes δ = scale·(y − t)·y·(1 − y) and bias[c] = Σ_r δ[r, c].
double nns_sigmoid_squared_error(const double *y, const double *t, size_t rows, size_t cols, double scale,
                                 double *delta, double *bias);

/// out[j] = Σ_r d[r·cols + j] for j < cols, rows added in order; with `accumulate`, added to out.
void nns_column_sums(const double *d, size_t rows, size_t cols, double *out, int accumulate);

/// dst row r = src row rows[r] for r < count, rows of `width` numbers (the indices must be valid).
void nns_gather_rows(const double *src, size_t width, const ptrdiff_t *rows, size_t count, double *dst);

/// dst (cols × rows) = the transpose of src (rows × cols); the buffers must not overlap.
void nns_transpose(const double *src, size_t rows, size_t cols, double *dst);

/// dst row r = row for r < count, rows of `width` numbers.
void nns_broadcast_row(const double *row, size_t width, size_t count, double *dst);

/// The instruction set the kernels run on: "avx512", "avx2" or "baseline".
const char *nns_kernel_level(void);

/// Makes the kernels run on a lower instruction set (2 AVX-512, 1 AVX2, 0 baseline; never above
/// what the processor has), for tests that compare the builds; returns the level now in use.
int nns_set_kernel_level(int level);

/// Sets the C allocator up for large numeric buffers (see memory_policy.c); run at load time.
void nns_memory_policy(void);

#endif
