// Runs once when the program loads, before any thread exists: the allocator settings, the
// exponential's table, and the instruction set the kernels run on.
#include "tensor_kernels.h"
#include "cpu_dispatch.h"
#include "exp_core.h"
#include <math.h>

int nns_cpu_level;
double nns_exp2_table[64];

__attribute__((constructor))
static void setup(void) {
    nns_memory_policy();
    for (int j = 0; j < 64; j++) nns_exp2_table[j] = exp2((double)j / 64.0);
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
        nns_cpu_level = 2;
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        nns_cpu_level = 1;
    else
        nns_cpu_level = 0;
#else
    nns_cpu_level = 0;
#endif
}

const char *nns_kernel_level(void) {
    switch (nns_cpu_level) {
    case 2: return "avx512";
    case 1: return "avx2";
    default: return "baseline";
    }
}

int nns_set_kernel_level(int level) {
    int best = 0;
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = 1;
    if (best == 1 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
        best = 2;
#endif
    nns_cpu_level = level < 0 ? 0 : (level > best ? best : level);
    return nns_cpu_level;
}
