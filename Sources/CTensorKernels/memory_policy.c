// glibc allocator settings for a process that works with large numeric buffers, applied when the
// program loads (called from this library's constructor), before any thread exists:
//   M_ARENA_MAX 1       every thread allocates from the main heap (the interpreter runs on its
//                       own thread, whose arena could never hold a block over 64 MiB);
//   M_MMAP_MAX 0        large blocks come from the heap, so a freed 80 MB temporary serves the
//                       next one on pages already mapped (a fresh mmap costs 20,000 page faults);
//   M_TRIM_THRESHOLD    free heap top returned to the system only past 512 MiB.
// glibc still falls back to mmap for a block the heap cannot provide.
#include "tensor_kernels.h"
#include <stdlib.h>   // defines __GLIBC__ on glibc systems
#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#endif

void nns_memory_policy(void) {
#if defined(__linux__) && defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}
