// Row copies: chosen rows of a row-major matrix into a contiguous batch (the trainer's shuffled
// minibatches), and one row repeated down a matrix (a bias under every sample, before the
// product is added). Plain loops the compiler vectorises, instead of one library memmove call
// per row: for rows of 16 or 64 numbers the calls cost more than the copying.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"

// Keep the copies as inline vector loops: the compiler would otherwise turn each row's loop back
// into a memcpy call, the very per-row call this file is here to avoid.
#pragma clang attribute push(__attribute__((no_builtin("memcpy", "memmove"))), apply_to = function)

NNS_MULTIVERSION(void, gather_loop,
                 (const double *restrict src, size_t width, const ptrdiff_t *restrict rows, size_t count,
                  double *restrict dst), {
    for (size_t r = 0; r < count; r++) {
        const double *from = src + (size_t)rows[r] * width;
        double *to = dst + r * width;
        for (size_t j = 0; j < width; j++) to[j] = from[j];
    }
})

void nns_gather_rows(const double *src, size_t width, const ptrdiff_t *rows, size_t count, double *dst) {
    gather_loop_best()(src, width, rows, count, dst);
}

NNS_MULTIVERSION(void, broadcast_loop,
                 (const double *restrict row, size_t width, size_t count, double *restrict dst), {
    for (size_t r = 0; r < count; r++) {
        double *to = dst + r * width;
        for (size_t j = 0; j < width; j++) to[j] = row[j];
    }
})

// dst (cols × rows) = srcᵀ (src rows × cols), written row by row (the reads gather a column).
NNS_MULTIVERSION(void, transpose_loop,
                 (const double *restrict src, size_t rows, size_t cols, double *restrict dst), {
    for (size_t c = 0; c < cols; c++)
        for (size_t r = 0; r < rows; r++) dst[c * rows + r] = src[r * cols + c];
})

void nns_transpose(const double *src, size_t rows, size_t cols, double *dst) {
    transpose_loop_best()(src, rows, cols, dst);
}

void nns_broadcast_row(const double *row, size_t width, size_t count, double *dst) {
    broadcast_loop_best()(row, width, count, dst);
}

#pragma clang attribute pop
