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
