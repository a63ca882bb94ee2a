#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "CKernels.h"

// An OpenBLAS built for many CPUs (DYNAMIC_ARCH, as Debian's) picks its kernels when it loads and
// falls back to the SSE3 "Prescott" ones on a CPU it does not know: Debian's 0.3.21 on an Intel
// Xeon of model 207 runs sgemm at 30 GFLOP/s there. Before main, and so before any BLAS call, this
// asks it to choose again on a CPU with AVX2 and FMA, unless the user chose with OPENBLAS_CORETYPE.
// It takes the Haswell kernels, those OpenBLAS runs on the AMD EPYC where this project's seeded
// results were measured, so that they come out bit for bit the same (SkylakeX's AVX-512 ones are
// up to 1.7× faster on large products but round differently). The symbols are looked up at run
// time, so another BLAS (or an OpenBLAS built for one CPU) is left as it is.

static const char *replaced_core;

__attribute__((constructor)) static void ck_select_openblas_core(void) {
    if (getenv("OPENBLAS_CORETYPE") != NULL) return;
    char *(*corename)(void) = (char *(*)(void))dlsym(RTLD_DEFAULT, "openblas_get_corename");
    void (*quit)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit");
    void (*init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init");
    if (corename == NULL || quit == NULL || init == NULL) return;
    const char *current = corename();
    if (current == NULL || strcmp(current, "Prescott") != 0) return;
    if (!ck_uses_avx2()) return;
    setenv("OPENBLAS_CORETYPE", "Haswell", 1);
    quit();
    init();
    unsetenv("OPENBLAS_CORETYPE");
    replaced_core = "Prescott";
}

const char *ck_openblas_replaced_core(void) {
    return replaced_core;
}
