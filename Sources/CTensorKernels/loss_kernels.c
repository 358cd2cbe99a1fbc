// Σ (p − t)² with the gradient g = scale · (p − t) written in the same pass: the mse and sse
// reconstruction losses. The sum runs in 8 interleaved partial sums added in a fixed order at
// the end, so it is not one long chain of dependent additions, and the AVX-512 (one vector),
// AVX2 (two) and baseline builds still add in the same order and give the same bits.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"

NNS_MULTIVERSION(double, squared_error_loop,
                 (const double *restrict p, const double *restrict t, double *restrict g, double scale, size_t n), {
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i = 0;
    if (g) {
        for (; i + 8 <= n; i += 8) {
            for (int l = 0; l < 8; l++) {
                double e = p[i + l] - t[i + l];
                acc[l] += e * e;
                g[i + l] = scale * e;
            }
        }
    } else {
        for (; i + 8 <= n; i += 8) {
            for (int l = 0; l < 8; l++) {
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
    return (((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))) + rest;
})

double nns_squared_error(const double *p, const double *t, double *g, double scale, size_t n) {
    return squared_error_loop_best()(p, t, g, scale, n);
}
