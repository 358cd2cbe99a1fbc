// The logistic function σ(u) = 1 / (1 + e⁻ᵘ) and its backward step, the hot loops of sigmoid
// layers and autoencoders. For u ≥ −708, e⁻ᵘ ≤ e⁷⁰⁸ is a normal number with an error of an ulp,
// so 1 / (1 + e⁻ᵘ) is accurate relative to its value on both tails (u > 708 is clamped there, where
// σ is 1 to the last bit); below −708 σ leaves the normal range and the C library takes over.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"
#include "exp_core.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

// Returns whether any input needs the C library (u < −708, where σ is below the normal range, or nan).
NNS_MULTIVERSION(int, sigmoid_loop, (const double *restrict in, double *restrict out, size_t n), {
    int outside = 0;
    for (size_t i = 0; i < n; i++) {
        double u = in[i];
        outside |= !(u >= -708);
        double a = u > 708 ? 708 : u;          // e^−708 already makes 1 + e round to 1
        out[i] = 1 / (1 + nns_exp_core(-a));
    }
    return outside;
})

// σ(u) = e^u / (1 + e^u) by the C library where the vector loop's exp does not reach.
static void fix_tails(const double *in, double *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!(in[i] >= -708)) {
            double e = exp(in[i]);
            out[i] = e / (1 + e);
        }
    }
}

void nns_sigmoid(const double *in, double *out, size_t n) {
    // Without overlap, straight into `out`; in place, through a small buffer per block, so the few
    // inputs the vector loop does not cover can still be read.
    uintptr_t i0 = (uintptr_t)in, o0 = (uintptr_t)out, bytes = n * sizeof(double);
    if (i0 + bytes <= o0 || o0 + bytes <= i0) {
        if (sigmoid_loop_best()(in, out, n)) fix_tails(in, out, n);
        return;
    }
    enum { block = 512 };
    double tmp[block];
    for (size_t start = 0; start < n; start += block) {
        size_t m = n - start < block ? n - start : block;
        if (sigmoid_loop_best()(in + start, tmp, m)) fix_tails(in + start, tmp, m);
        memcpy(out + start, tmp, m * sizeof(double));
    }
}

// A sigmoid layer's forward pass after its product (z came without its bias): z += b on every
// row, then a = σ(z) over the whole block as one flat loop, so that narrow rows (a 16-unit code)
// still run on full-width vectors; z stays in the first-level cache between the two passes.
NNS_MULTIVERSION(void, add_row_loop, (double *restrict z, const double *restrict b, size_t rows, size_t cols), {
    for (size_t r = 0; r < rows; r++) {
        double *zr = z + r * cols;
        for (size_t i = 0; i < cols; i++) zr[i] = zr[i] + b[i];
    }
})

void nns_bias_sigmoid(double *z, const double *bias, size_t rows, size_t cols, double *a) {
    add_row_loop_best()(z, bias, rows, cols);
    if (sigmoid_loop_best()(z, a, rows * cols)) fix_tails(z, a, rows * cols);
}

NNS_MULTIVERSION(void, sigmoid_backward_loop, (const double *restrict a, double *restrict g, size_t n), {
    for (size_t i = 0; i < n; i++) g[i] = g[i] * a[i] * (1 - a[i]);
})

void nns_sigmoid_backward(const double *a, double *g, size_t n) { sigmoid_backward_loop_best()(a, g, n); }
