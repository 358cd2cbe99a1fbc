// Column sums of a row-major matrix, Σ_r d[r, j]: a bias's gradient from its layer's δ.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"

NNS_MULTIVERSION(void, column_sums_loop,
                 (const double *restrict d, size_t rows, size_t cols, double *restrict out), {
    for (size_t j = 0; j < cols; j++) out[j] = 0;
    for (size_t r = 0; r < rows; r++) {
        const double *row = d + r * cols;
        for (size_t j = 0; j < cols; j++) out[j] += row[j];
    }
})

void nns_column_sums(const double *d, size_t rows, size_t cols, double *out) {
    column_sums_loop_best()(d, rows, cols, out);
}
