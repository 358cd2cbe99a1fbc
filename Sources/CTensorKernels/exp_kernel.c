// eˣ over a buffer (Tensor exp): the vector loop for the normal range, the C library for the rest.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"
#include "exp_core.h"
#include <math.h>

// Returns whether any input lies outside the range the vector formula covers.
NNS_MULTIVERSION(int, exp_loop, (const double *restrict in, double *restrict out, size_t n), {
    int outside = 0;
    for (size_t i = 0; i < n; i++) {
        double x = in[i];
        outside |= !(x >= -708 && x <= 709);
        out[i] = nns_exp_core(x);
    }
    return outside;
})

void nns_exp(const double *in, double *out, size_t n) {
    if (!exp_loop_best()(in, out, n)) return;
    // Overflow, underflow to subnormals or zero, and nan: the C library's answers.
    for (size_t i = 0; i < n; i++) {
        double x = in[i];
        if (!(x >= -708 && x <= 709)) out[i] = exp(x);
    }
}
