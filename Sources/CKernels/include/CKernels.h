#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

/// Elementwise float kernels for the engine's hot loops. Each runs eight lanes at a time with AVX2
/// and FMA when the processor has them (checked at every call: a load and a test), otherwise the
/// same algorithm in portable C that the compiler vectorises for SSE2. A partial last chunk is
/// padded to a full one, so an element's result never depends on where in the array it sits.
///
/// exp: Cody-Waite reduction x = n·ln2 + r, a degree-6 polynomial for e^r, 2^n from the exponent
/// bits; saturates outside [-87.3, 88.3], NaN stays NaN. Buffers may not overlap unless stated.

/// y[i] = e^x[i]. x and y may be the same buffer.
void ck_exp(const float *x, float *y, size_t count);

/// y[i] = tanh x[i]. x and y may be the same buffer.
void ck_tanh(const float *x, float *y, size_t count);

/// SiLU forward: a[i] = z[i]·σ(z[i]), and z[i] is replaced by σ(z[i]) for the backward.
void ck_silu_forward(float *z, float *a, size_t count);

/// SiLU backward, in place: grad[i] *= σ[i] + a[i]·(1 − σ[i]).
void ck_silu_backward(const float *sigma, const float *a, float *grad, size_t count);

/// tanh backward, in place: grad[i] *= 1 − a[i]².
void ck_tanh_backward(const float *a, float *grad, size_t count);

/// Adam (PyTorch's): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − stepSize·m / (√v / bias2Root + ε);
/// a moment below FLT_MIN is stored as 0 (subnormals slow x86 arithmetic tens of times).
void ck_adam(float *theta, float *m, float *v, const float *g, size_t count,
             float beta1, float beta2, float epsilon, float stepSize, float bias2Root);

/// RMSProp (the A3C paper's): s ← αs + (1−α)g², θ ← θ − lr·g / √(s + ε); s below FLT_MIN is stored as 0.
void ck_rmsprop(float *theta, float *s, const float *g, size_t count, float alpha, float epsilon, float learningRate);

/// Small dense layers, row-major like `Linear`: W is outputs × inputs, x is batch × inputs, y and
/// dy batch × outputs; y[r,o] = b[o] + Σ_k x[r,k]·W[o,k]. For shapes where sgemm's call, packing and
/// edge handling cost more than the products.

/// One row (acting): y = W·x + b, any sizes.
void ck_dense_row(const float *x, size_t inputs, const float *w, const float *b, size_t outputs, float *y);

/// Forward of any layer through `ck_dense_row`'s sums (four rows of x against each row of W): for
/// layers with few outputs (≤ 4: the heads), and for small batches of large layers.
void ck_narrow_forward(const float *x, size_t batch, size_t inputs, const float *w, const float *b,
                       size_t outputs, float *y);

/// Forward of a layer with few inputs (≤ 8: the first layer of a small observation), any batch and outputs.
void ck_short_forward(const float *x, size_t batch, size_t inputs, const float *w, const float *b,
                      size_t outputs, float *y);

/// dx[r,i] = Σ_o dy[r,o]·W[o,i], or dx += that when `accumulate` is non-zero (few outputs).
void ck_narrow_input_gradient(const float *dy, size_t batch, size_t outputs, const float *w,
                              size_t inputs, float *dx, int accumulate);

/// dx[r,i] = Σ_o dy[r,o]·W[o,i] (summed over o in order), or dx += that when `accumulate` is
/// non-zero, for any outputs: small batches of large layers, for which sgemm packs W for few rows.
void ck_wide_input_gradient(const float *dy, size_t batch, size_t outputs, const float *w,
                            size_t inputs, float *dx, int accumulate);

/// dW[o,i] += Σ_r dy[r,o]·x[r,i] and db[o] += Σ_r dy[r,o], for few outputs (≤ 4).
void ck_narrow_weight_gradient(const float *dy, const float *x, size_t batch, size_t outputs,
                               size_t inputs, float *dw, float *db);

/// The same for few inputs (≤ 8).
void ck_short_weight_gradient(const float *dy, const float *x, size_t batch, size_t outputs,
                              size_t inputs, float *dw, float *db);

/// A convolution's forward straight from channels-last input rows (height × width × channels), no
/// padding: y[r, cell, f] = b[f] + Σ_k patch(r, cell)[k]·W[f, k], each sum over the patch in order
/// (kernel rows, then kernel × channels contiguous values). W is filters × (kernel·kernel·channels);
/// `packed` is scratch for Wᵀ padded to whole vectors: kernel·kernel·channels × ⌈filters/8⌉·8 floats.
void ck_conv2d_forward(const float *x, size_t batch, size_t height, size_t width, size_t channels,
                       size_t kernel, size_t stride, const float *w, const float *b, size_t filters,
                       float *packed, float *y);

/// y[i] = σ(x[i]) = 1 / (1 + e^−x[i]). x and y may be the same buffer.
void ck_sigmoid(const float *x, float *y, size_t count);

/// One LSTM step for `batch` rows of `units` cells (PyTorch's gate order i, f, g, o). On entry
/// gates[r] holds the four pre-activations (4·units); on return σ(i), σ(f), tanh(g), σ(o). Then
/// c = f·cPrev + i·g, tanhC = tanh(c), h = o·tanhC. Rows of gates are 4·units apart, the others units.
void ck_lstm_cell(float *gates, const float *cPrev, float *c, float *tanhC, float *h, size_t batch, size_t units);

/// The portable versions of the three approximating kernels, whatever the processor, so that tests
/// can check the fallback on a machine with AVX2 too.
void ck_portable_exp(const float *x, float *y, size_t count);
void ck_portable_tanh(const float *x, float *y, size_t count);
void ck_portable_silu_forward(float *z, float *a, size_t count);

/// 1 when the eight-lane AVX2 + FMA kernels run on this processor, 0 for the portable ones.
int ck_uses_avx2(void);

/// The kernels OpenBLAS chose at load time when they were replaced before main ("Prescott", the
/// fallback of an OpenBLAS that does not know this CPU, by Haswell's on a CPU with AVX2 and FMA),
/// else NULL (OpenBLAS's choice stands, OPENBLAS_CORETYPE chose, or another BLAS).
const char *ck_openblas_replaced_core(void);

#endif
