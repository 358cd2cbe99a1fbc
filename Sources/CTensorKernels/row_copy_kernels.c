// Row copies: chosen rows of a row-major matrix into a contiguous batch (the trainer's shuffled
// minibatches), and one row repeated down a matrix (a bias under every sample, before the
// product is added). Plain loops the compiler vectorises, instead of one library memmove call
// per row: for rows of 16 or 64 numbers the calls cost more than the copying.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

#if defined(__x86_64__)
// 8×8 blocks in registers: eight rows in, unpacks pair neighbouring rows, two rounds of
// two-source permutes finish the transpose, eight columns out. About half the time of the plain
// loop for the 16×64 weight matrices of a small autoencoder, whose transposes run every step.
NNS_TARGET_AVX512 static void transpose_blocks_avx512(const double *src, size_t rows, size_t cols, double *dst) {
    const __m512i pairs_lo = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
    const __m512i pairs_hi = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
    const __m512i halves_lo = _mm512_setr_epi64(0, 1, 2, 3, 8, 9, 10, 11);
    const __m512i halves_hi = _mm512_setr_epi64(4, 5, 6, 7, 12, 13, 14, 15);
    for (size_t r = 0; r < rows; r += 8) {
        for (size_t c = 0; c < cols; c += 8) {
            const double *s = src + r * cols + c;
            __m512d a[8], b[8], q[8];
            for (int i = 0; i < 8; i++) a[i] = _mm512_loadu_pd(s + (size_t)i * cols);
            for (int i = 0; i < 4; i++) {
                b[2 * i] = _mm512_unpacklo_pd(a[2 * i], a[2 * i + 1]);
                b[2 * i + 1] = _mm512_unpackhi_pd(a[2 * i], a[2 * i + 1]);
            }
            for (int i = 0; i < 2; i++) {
                q[4 * i + 0] = _mm512_permutex2var_pd(b[4 * i], pairs_lo, b[4 * i + 2]);
                q[4 * i + 1] = _mm512_permutex2var_pd(b[4 * i + 1], pairs_lo, b[4 * i + 3]);
                q[4 * i + 2] = _mm512_permutex2var_pd(b[4 * i], pairs_hi, b[4 * i + 2]);
                q[4 * i + 3] = _mm512_permutex2var_pd(b[4 * i + 1], pairs_hi, b[4 * i + 3]);
            }
            double *d = dst + c * rows + r;
            for (int i = 0; i < 4; i++) {
                _mm512_storeu_pd(d + (size_t)i * rows, _mm512_permutex2var_pd(q[i], halves_lo, q[i + 4]));
                _mm512_storeu_pd(d + (size_t)(i + 4) * rows, _mm512_permutex2var_pd(q[i], halves_hi, q[i + 4]));
            }
        }
    }
}
#endif

void nns_transpose(const double *src, size_t rows, size_t cols, double *dst) {
#if defined(__x86_64__)
    if (nns_cpu_level == 2 && rows % 8 == 0 && cols % 8 == 0) {
        transpose_blocks_avx512(src, rows, cols, dst);
        return;
    }
#endif
    transpose_loop_best()(src, rows, cols, dst);
}

void nns_broadcast_row(const double *row, size_t width, size_t count, double *dst) {
    broadcast_loop_best()(row, width, count, dst);
}

#pragma clang attribute pop
