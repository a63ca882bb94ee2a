// OpenBLAS's CBLAS interface (with openblas_set_num_threads) and LAPACKE for QR.
#include <cblas.h>
#include <lapacke.h>
