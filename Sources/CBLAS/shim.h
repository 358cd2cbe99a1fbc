// The one header through which nns sees OpenBLAS: CBLAS plus the thread-count controls.
#include <cblas.h>
