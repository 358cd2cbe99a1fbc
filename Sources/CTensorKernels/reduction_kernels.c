// Column sums of a row-major matrix, Σ_r d[r, j]: axis-0 sums of tensors and the bias gradients
// of layers (Σ over the batch of δ). Rows are added in order, (((r₀ + r₁) + r₂) + …), as NumPy
// does, with the vector running along the row.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"

NNS_MULTIVERSION(void, column_sums_loop,
                 (const double *restrict d, size_t rows, size_t cols, double *restrict out, int accumulate), {
    size_t r = 0;
    if (!accumulate) {
        if (rows == 0) {
            for (size_t j = 0; j < cols; j++) out[j] = 0;
            return;
        }
        for (size_t j = 0; j < cols; j++) out[j] = d[j];   // the first row as it is (−0 stays −0)
        r = 1;
    }
    // Four rows per pass over out (still added one after another for each column), so the
    // accumulator row is loaded and stored a quarter as often.
    for (; r + 4 <= rows; r += 4) {
        const double *r0 = d + r * cols, *r1 = r0 + cols, *r2 = r1 + cols, *r3 = r2 + cols;
        for (size_t j = 0; j < cols; j++) out[j] = (((out[j] + r0[j]) + r1[j]) + r2[j]) + r3[j];
    }
    for (; r < rows; r++) {
        const double *row = d + r * cols;
        for (size_t j = 0; j < cols; j++) out[j] += row[j];
    }
})

void nns_column_sums(const double *d, size_t rows, size_t cols, double *out, int accumulate) {
    column_sums_loop_best()(d, rows, cols, out, accumulate);
}
