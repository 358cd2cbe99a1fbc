// Σ (p − t)² with the gradient g = scale · (p − t) written in the same pass: the mse and sse
// reconstruction losses. The sum runs in 32 interleaved partial sums added in a fixed order at
// the end, so it is not one long chain of dependent additions (four AVX-512 vectors, eight AVX2
// ones), and every build still adds in the same order and gives the same bits.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"

enum { LANES = 32 };

NNS_MULTIVERSION(double, squared_error_loop,
                 (const double *restrict p, const double *restrict t, double *restrict g, double scale, size_t n), {
    double acc[LANES] = {0};
    size_t i = 0;
    if (g) {
        for (; i + LANES <= n; i += LANES) {
            for (int l = 0; l < LANES; l++) {
                double e = p[i + l] - t[i + l];
                acc[l] += e * e;
                g[i + l] = scale * e;
            }
        }
    } else {
        for (; i + LANES <= n; i += LANES) {
            for (int l = 0; l < LANES; l++) {
                double e = p[i + l] - t[i + l];
                acc[l] += e * e;
            }
        }
    }
    double rest = 0;
    for (; i < n; i++) {
        double e = p[i] - t[i];
        rest += e * e;
        if (g) g[i] = scale * e;
    }
    // Pairwise, halving: lane l takes lane l + half, until one is left.
    for (int half = LANES / 2; half >= 1; half /= 2)
        for (int l = 0; l < half; l++) acc[l] += acc[l + half];
    return acc[0] + rest;
})

double nns_squared_error(const double *p, const double *t, double *g, double scale, size_t n) {
    return squared_error_loop_best()(p, t, g, scale, n);
}

// The output layer of a sigmoid autoencoder trained on a squared error, in one pass over the
// batch: the sum Σ (y − t)² (the same 32 partial sums, in the same order, as above), the error
// signal δ = scale·(y − t) · y · (1 − y) (the loss's gradient times σ′, as the two separate
// steps would round it) and the bias gradient Σ_r δ[r, ·] (rows added in order, as
// nns_column_sums does). Rows of a multiple of 32 numbers keep each partial sum on one column.
NNS_MULTIVERSION(double, sigmoid_squared_error_rows,
                 (const double *restrict y, const double *restrict t, size_t rows, size_t cols, double scale,
                  double *restrict delta, double *restrict bias), {
    double acc[LANES];
    for (int l = 0; l < LANES; l++) acc[l] = 0;
    for (size_t r = 0; r < rows; r++) {
        const double *yr = y + r * cols, *tr = t + r * cols;
        double *dr = delta + r * cols;
        for (size_t c0 = 0; c0 < cols; c0 += LANES) {
            for (int l = 0; l < LANES; l++) {
                double a = yr[c0 + l], e = a - tr[c0 + l];
                acc[l] += e * e;
                dr[c0 + l] = scale * e * a * (1 - a);
            }
        }
        // The first row as it is (−0 stays −0), then each row added in order.
        if (r == 0) {
            for (size_t c = 0; c < cols; c++) bias[c] = dr[c];
        } else {
            for (size_t c = 0; c < cols; c++) bias[c] += dr[c];
        }
    }
    for (int half = LANES / 2; half >= 1; half /= 2)
        for (int l = 0; l < half; l++) acc[l] += acc[l + half];
    return acc[0];
})

double nns_sigmoid_squared_error(const double *y, const double *t, size_t rows, size_t cols, double scale,
                                 double *delta, double *bias) {
    if (rows > 0 && cols % LANES == 0) {
        return sigmoid_squared_error_rows_best()(y, t, rows, cols, scale, delta, bias);
    }
    // Other widths: the error pass, σ′, then the column sums; the same numbers in three passes.
    double total = squared_error_loop_best()(y, t, delta, scale, rows * cols);
    nns_sigmoid_backward(y, delta, rows * cols);
    nns_column_sums(delta, rows, cols, bias, 0);
    return total;
}

