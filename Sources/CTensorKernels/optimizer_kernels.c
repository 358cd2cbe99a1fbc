// Adam's update over one parameter tensor, torch.optim.Adam's single-tensor form:
//   g ← g + λθ,  m ← m + (1 − β₁)(g − m),  v ← β₂ v + (1 − β₂) g²,
//   θ ← θ − step · m / (√v / c₂ + ε),   step = η / (1 − β₁ᵗ),  c₂ = √(1 − β₂ᵗ).
// One pass over four arrays; with a parameter of 100,000 weights this loop, not the arithmetic,
// is what a training step waits for, so it runs on the widest vectors the processor has.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"
#include <math.h>

// sqrt without errno, so the loop vectorises (v ≥ 0 here, so errno could never be set anyway).
#if __has_builtin(__builtin_elementwise_sqrt)
#define ROOT(x) __builtin_elementwise_sqrt(x)
#else
#define ROOT(x) sqrt(x)
#endif

NNS_MULTIVERSION(void, adam_loop,
                 (double *restrict w, const double *restrict g, double *restrict m, double *restrict v,
                  size_t n, const double *restrict c), {
    const double b1 = c[0], b2 = c[1], step = c[2], c2 = c[3], eps = c[4], decay = c[5];
    const double one_b1 = 1 - b1, one_b2 = 1 - b2;
    for (size_t i = 0; i < n; i++) {
        double gi = g[i] + decay * w[i];
        double mi = m[i] + one_b1 * (gi - m[i]);
        double vi = v[i] * b2 + one_b2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i] - step * (mi / (ROOT(vi) / c2 + eps));
    }
})

void nns_adam_update(double *w, const double *g, double *m, double *v, size_t n,
                     double beta1, double beta2, double step, double correction2, double eps,
                     double decay) {
    const double c[6] = {beta1, beta2, step, correction2, eps, decay};
    adam_loop_best()(w, g, m, v, n, c);
}
