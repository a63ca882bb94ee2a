#include "CKernels.h"

#include <float.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

// Shared constants (Cephes' expf coefficients).
#define EXP_LO -87.3f
#define EXP_HI 88.3f
#define LOG2E 1.44269504f
#define LN2_HI 0.693359375f
#define LN2_LO -2.12194440e-4f
#define EXP_P0 1.9875691500e-4f
#define EXP_P1 1.3981999507e-3f
#define EXP_P2 8.3334519073e-3f
#define EXP_P3 4.1665795894e-2f
#define EXP_P4 1.6666665459e-1f
#define EXP_P5 5.0000001201e-1f
// tanh as x·P(x²)/Q(x²), the 13/6-degree rational interpolant of Eigen's `generic_fast_tanh_float`
// (within 2.5 ulp of libm's tanh): one division and no exponential. Beyond ±TANH_CLAMP it is ±1;
// below TANH_TINY it is x itself.
#define TANH_CLAMP 7.99881172180175781f
#define TANH_TINY 0.0004f
#define TANH_ONE 9.0f  // tanh rounds to ±1 in float from about here on
#define TANH_A13 -2.76076847742355e-16f
#define TANH_A11 2.00018790482477e-13f
#define TANH_A9 -8.60467152213735e-11f
#define TANH_A7 5.12229709037114e-08f
#define TANH_A5 1.48572235717979e-05f
#define TANH_A3 6.37261928875436e-04f
#define TANH_A1 4.89352455891786e-03f
#define TANH_B6 1.19825839466702e-06f
#define TANH_B4 1.18534705686654e-04f
#define TANH_B2 2.26843463243900e-03f
#define TANH_B0 4.89352518554385e-03f

// ---- Portable versions: plain C loops the compiler vectorises. ----

static inline float exp_portable(float x) {
    float c = x > EXP_LO ? x : EXP_LO;
    c = c < EXP_HI ? c : EXP_HI;
    if (x != x) c = x;  // NaN failed both comparisons above: keep it
    // Adding 1.5·2²³ rounds c·log₂e to the nearest integer n, which the low mantissa bits then hold.
    float shifted = c * LOG2E + 12582912.0f;
    float n = shifted - 12582912.0f;
    float r = c - n * LN2_HI - n * LN2_LO;
    float p = EXP_P0;
    p = p * r + EXP_P1;
    p = p * r + EXP_P2;
    p = p * r + EXP_P3;
    p = p * r + EXP_P4;
    p = p * r + EXP_P5;
    float er = p * r * r + r + 1.0f;
    int32_t shiftedBits;
    memcpy(&shiftedBits, &shifted, sizeof shiftedBits);
    int32_t bits = (shiftedBits - 0x4B400000 + 127) << 23;
    float twoToN;
    memcpy(&twoToN, &bits, sizeof twoToN);
    return er * twoToN;
}

static inline float tanh_portable(float x) {
    if (!(fabsf(x) >= TANH_TINY)) return x;  // tiny, or NaN
    if (fabsf(x) >= TANH_ONE) return copysignf(1.0f, x);
    float c = x < TANH_CLAMP ? x : TANH_CLAMP;
    c = c > -TANH_CLAMP ? c : -TANH_CLAMP;
    // In double: without fused multiply-adds, float rounding would add more than an ulp.
    double z = (double)c * c;
    double p = TANH_A13;
    p = p * z + TANH_A11;
    p = p * z + TANH_A9;
    p = p * z + TANH_A7;
    p = p * z + TANH_A5;
    p = p * z + TANH_A3;
    p = p * z + TANH_A1;
    double q = TANH_B6;
    q = q * z + TANH_B4;
    q = q * z + TANH_B2;
    q = q * z + TANH_B0;
    return (float)(p * c / q);
}

// ---- AVX2 + FMA versions: eight lanes per step. ----

#define AVX2 __attribute__((target("avx2,fma")))

AVX2 static inline __m256 exp8(__m256 x) {
    __m256 c = _mm256_min_ps(_mm256_set1_ps(EXP_HI), _mm256_max_ps(_mm256_set1_ps(EXP_LO), x));  // NaN passes
    __m256 n = _mm256_round_ps(_mm256_mul_ps(c, _mm256_set1_ps(LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_HI), c);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_LO), r);
    __m256 p = _mm256_set1_ps(EXP_P0);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P1));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P2));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P3));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P4));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P5));
    __m256 er = _mm256_add_ps(_mm256_fmadd_ps(p, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0f));
    __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(er, _mm256_castsi256_ps(bits));
}

AVX2 static inline __m256 tanh8(__m256 x) {
    __m256 clamp = _mm256_set1_ps(TANH_CLAMP);
    __m256 c = _mm256_max_ps(_mm256_sub_ps(_mm256_setzero_ps(), clamp), _mm256_min_ps(x, clamp));
    __m256 z = _mm256_mul_ps(c, c);
    __m256 p = _mm256_set1_ps(TANH_A13);
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_A11));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_A9));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_A7));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_A5));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_A3));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_A1));
    __m256 q = _mm256_set1_ps(TANH_B6);
    q = _mm256_fmadd_ps(q, z, _mm256_set1_ps(TANH_B4));
    q = _mm256_fmadd_ps(q, z, _mm256_set1_ps(TANH_B2));
    q = _mm256_fmadd_ps(q, z, _mm256_set1_ps(TANH_B0));
    __m256 result = _mm256_div_ps(_mm256_mul_ps(p, c), q);
    // Tiny |x| and NaN (for which the comparison is false) pass through unchanged.
    __m256 notTiny = _mm256_cmp_ps(_mm256_andnot_ps(_mm256_set1_ps(-0.0f), x), _mm256_set1_ps(TANH_TINY), _CMP_GE_OQ);
    return _mm256_blendv_ps(x, result, notTiny);
}

AVX2 static inline __m256 sigmoid8(__m256 x) {
    __m256 one = _mm256_set1_ps(1.0f);
    return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_xor_ps(x, _mm256_set1_ps(-0.0f)))));
}

/// Runs `body` over full chunks of 8 and once over the zero-padded tail, for unary maps.
#define MAP8(x, y, count, body)                                           \
    do {                                                                  \
        size_t i_ = 0;                                                    \
        for (; i_ + 8 <= (count); i_ += 8)                                \
            _mm256_storeu_ps((y) + i_, body(_mm256_loadu_ps((x) + i_)));  \
        if (i_ < (count)) {                                               \
            float in_[8] = {0}, out_[8];                                  \
            memcpy(in_, (x) + i_, ((count) - i_) * sizeof(float));        \
            _mm256_storeu_ps(out_, body(_mm256_loadu_ps(in_)));           \
            memcpy((y) + i_, out_, ((count) - i_) * sizeof(float));       \
        }                                                                 \
    } while (0)

AVX2 static void exp_avx2(const float *x, float *y, size_t count) { MAP8(x, y, count, exp8); }
AVX2 static void tanh_avx2(const float *x, float *y, size_t count) { MAP8(x, y, count, tanh8); }

AVX2 static void silu_forward_avx2(float *z, float *a, size_t count) {
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 zi = _mm256_loadu_ps(z + i);
        __m256 s = sigmoid8(zi);
        _mm256_storeu_ps(a + i, _mm256_mul_ps(zi, s));
        _mm256_storeu_ps(z + i, s);
    }
    if (i < count) {
        size_t lanes = count - i;
        float in[8] = {0}, out[8], sigma[8];
        memcpy(in, z + i, lanes * sizeof(float));
        __m256 zi = _mm256_loadu_ps(in);
        __m256 s = sigmoid8(zi);
        _mm256_storeu_ps(out, _mm256_mul_ps(zi, s));
        _mm256_storeu_ps(sigma, s);
        memcpy(a + i, out, lanes * sizeof(float));
        memcpy(z + i, sigma, lanes * sizeof(float));
    }
}

AVX2 static void silu_backward_avx2(const float *sigma, const float *a, float *grad, size_t count) {
    size_t i = 0;
    __m256 one = _mm256_set1_ps(1.0f);
    for (; i + 8 <= count; i += 8) {
        __m256 s = _mm256_loadu_ps(sigma + i);
        __m256 d = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_sub_ps(one, s), s);
        _mm256_storeu_ps(grad + i, _mm256_mul_ps(_mm256_loadu_ps(grad + i), d));
    }
    for (; i < count; i++) grad[i] *= fmaf(a[i], 1.0f - sigma[i], sigma[i]);
}

AVX2 static void tanh_backward_avx2(const float *a, float *grad, size_t count) {
    size_t i = 0;
    __m256 one = _mm256_set1_ps(1.0f);
    for (; i + 8 <= count; i += 8) {
        __m256 ai = _mm256_loadu_ps(a + i);
        __m256 d = _mm256_fnmadd_ps(ai, ai, one);
        _mm256_storeu_ps(grad + i, _mm256_mul_ps(_mm256_loadu_ps(grad + i), d));
    }
    for (; i < count; i++) grad[i] *= fmaf(-a[i], a[i], 1.0f);
}

// The optimisers' moments decay geometrically while a parameter's gradient is exactly 0 (a dead
// ReLU unit, an input that is always 0), into subnormal floats, on which x86 arithmetic runs
// tens of times slower: a moment below the smallest normal float (FLT_MIN, 1.2e-38) is stored as 0.
// Its step was already below 1e-30 of the learning rate.

/// x, or 0 where |x| < FLT_MIN.
AVX2 static inline __m256 flush_subnormal8(__m256 x) {
    __m256 magnitude = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), x);
    return _mm256_and_ps(x, _mm256_cmp_ps(magnitude, _mm256_set1_ps(FLT_MIN), _CMP_GE_OQ));
}

static inline float flush_subnormal(float x) { return fabsf(x) < FLT_MIN ? 0.0f : x; }

AVX2 static void adam_avx2(float *theta, float *m, float *v, const float *g, size_t count,
                           float beta1, float beta2, float epsilon, float stepSize, float bias2Root) {
    size_t i = 0;
    __m256 b1 = _mm256_set1_ps(beta1), c1 = _mm256_set1_ps(1 - beta1);
    __m256 b2 = _mm256_set1_ps(beta2), c2 = _mm256_set1_ps(1 - beta2);
    __m256 eps = _mm256_set1_ps(epsilon), step = _mm256_set1_ps(stepSize), root = _mm256_set1_ps(bias2Root);
    for (; i + 8 <= count; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i);
        __m256 mi = flush_subnormal8(_mm256_fmadd_ps(b1, _mm256_loadu_ps(m + i), _mm256_mul_ps(c1, gi)));
        __m256 vi = flush_subnormal8(_mm256_fmadd_ps(b2, _mm256_loadu_ps(v + i), _mm256_mul_ps(_mm256_mul_ps(c2, gi), gi)));
        __m256 denominator = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(vi), root), eps);
        __m256 ti = _mm256_sub_ps(_mm256_loadu_ps(theta + i), _mm256_div_ps(_mm256_mul_ps(step, mi), denominator));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        _mm256_storeu_ps(theta + i, ti);
    }
    for (; i < count; i++) {
        m[i] = flush_subnormal(fmaf(beta1, m[i], (1 - beta1) * g[i]));
        v[i] = flush_subnormal(fmaf(beta2, v[i], (1 - beta2) * g[i] * g[i]));
        theta[i] -= stepSize * m[i] / (sqrtf(v[i]) / bias2Root + epsilon);
    }
}

AVX2 static void rmsprop_avx2(float *theta, float *s, const float *g, size_t count,
                              float alpha, float epsilon, float learningRate) {
    size_t i = 0;
    __m256 a = _mm256_set1_ps(alpha), c = _mm256_set1_ps(1 - alpha);
    __m256 eps = _mm256_set1_ps(epsilon), lr = _mm256_set1_ps(learningRate);
    for (; i + 8 <= count; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i);
        __m256 si = flush_subnormal8(_mm256_fmadd_ps(a, _mm256_loadu_ps(s + i), _mm256_mul_ps(_mm256_mul_ps(c, gi), gi)));
        __m256 step = _mm256_div_ps(_mm256_mul_ps(lr, gi), _mm256_sqrt_ps(_mm256_add_ps(si, eps)));
        _mm256_storeu_ps(s + i, si);
        _mm256_storeu_ps(theta + i, _mm256_sub_ps(_mm256_loadu_ps(theta + i), step));
    }
    for (; i < count; i++) {
        s[i] = flush_subnormal(fmaf(alpha, s[i], (1 - alpha) * g[i] * g[i]));
        theta[i] -= learningRate * g[i] / sqrtf(s[i] + epsilon);
    }
}

// ---- Dispatch. ----

int ck_uses_avx2(void) {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

void ck_portable_exp(const float *x, float *y, size_t count) {
    for (size_t i = 0; i < count; i++) y[i] = exp_portable(x[i]);
}

void ck_portable_tanh(const float *x, float *y, size_t count) {
    for (size_t i = 0; i < count; i++) y[i] = tanh_portable(x[i]);
}

void ck_portable_silu_forward(float *restrict z, float *restrict a, size_t count) {
    for (size_t i = 0; i < count; i++) {
        float s = 1.0f / (1.0f + exp_portable(-z[i]));
        a[i] = z[i] * s;
        z[i] = s;
    }
}

static inline float sigmoid_portable(float x) { return 1.0f / (1.0f + exp_portable(-x)); }

AVX2 static void sigmoid_avx2(const float *x, float *y, size_t count) { MAP8(x, y, count, sigmoid8); }

void ck_sigmoid(const float *x, float *y, size_t count) {
    if (ck_uses_avx2()) { sigmoid_avx2(x, y, count); return; }
    for (size_t i = 0; i < count; i++) y[i] = sigmoid_portable(x[i]);
}

void ck_lstm_cell(float *restrict gates, const float *restrict cPrev, float *restrict c, float *restrict tanhC,
                  float *restrict h, size_t batch, size_t units) {
    for (size_t r = 0; r < batch; r++) {
        float *g = gates + r * 4 * units;
        ck_sigmoid(g, g, 2 * units);              // i, f
        ck_tanh(g + 2 * units, g + 2 * units, units);  // g
        ck_sigmoid(g + 3 * units, g + 3 * units, units);  // o
        const float *in = g, *forget = g + units, *cell = g + 2 * units;
        const float *cp = cPrev + r * units;
        float *cr = c + r * units;
        for (size_t k = 0; k < units; k++) cr[k] = forget[k] * cp[k] + in[k] * cell[k];
    }
    ck_tanh(c, tanhC, batch * units);
    for (size_t r = 0; r < batch; r++) {
        const float *out = gates + r * 4 * units + 3 * units, *t = tanhC + r * units;
        float *hr = h + r * units;
        for (size_t k = 0; k < units; k++) hr[k] = out[k] * t[k];
    }
}

void ck_exp(const float *x, float *y, size_t count) {
    if (ck_uses_avx2()) exp_avx2(x, y, count);
    else ck_portable_exp(x, y, count);
}

void ck_tanh(const float *x, float *y, size_t count) {
    if (ck_uses_avx2()) tanh_avx2(x, y, count);
    else ck_portable_tanh(x, y, count);
}

void ck_silu_forward(float *restrict z, float *restrict a, size_t count) {
    if (ck_uses_avx2()) silu_forward_avx2(z, a, count);
    else ck_portable_silu_forward(z, a, count);
}

void ck_silu_backward(const float *restrict sigma, const float *restrict a, float *restrict grad, size_t count) {
    if (ck_uses_avx2()) { silu_backward_avx2(sigma, a, grad, count); return; }
    for (size_t i = 0; i < count; i++) grad[i] *= sigma[i] + a[i] * (1.0f - sigma[i]);
}

void ck_tanh_backward(const float *restrict a, float *restrict grad, size_t count) {
    if (ck_uses_avx2()) { tanh_backward_avx2(a, grad, count); return; }
    for (size_t i = 0; i < count; i++) grad[i] *= 1.0f - a[i] * a[i];
}

void ck_adam(float *restrict theta, float *restrict m, float *restrict v, const float *restrict g, size_t count,
             float beta1, float beta2, float epsilon, float stepSize, float bias2Root) {
    if (ck_uses_avx2()) { adam_avx2(theta, m, v, g, count, beta1, beta2, epsilon, stepSize, bias2Root); return; }
    for (size_t i = 0; i < count; i++) {
        m[i] = flush_subnormal(beta1 * m[i] + (1 - beta1) * g[i]);
        v[i] = flush_subnormal(beta2 * v[i] + (1 - beta2) * g[i] * g[i]);
        theta[i] -= stepSize * m[i] / (sqrtf(v[i]) / bias2Root + epsilon);
    }
}

void ck_rmsprop(float *restrict theta, float *restrict s, const float *restrict g, size_t count,
                float alpha, float epsilon, float learningRate) {
    if (ck_uses_avx2()) { rmsprop_avx2(theta, s, g, count, alpha, epsilon, learningRate); return; }
    for (size_t i = 0; i < count; i++) {
        s[i] = flush_subnormal(alpha * s[i] + (1 - alpha) * g[i] * g[i]);
        theta[i] -= learningRate * g[i] / sqrtf(s[i] + epsilon);
    }
}

// ---- Small dense layers: where sgemm's call, packing and edge handling cost more than the
// products (heads with at most four outputs, layers with at most eight inputs, a single row).
// Every sum over k runs in the same order for a given shape, whatever the batch. ----

/// Horizontal sums of four vectors: lane j of the result is Σ of v_j's eight lanes.
AVX2 static inline __m128 hsum4(__m256 v0, __m256 v1, __m256 v2, __m256 v3) {
    __m256 h = _mm256_hadd_ps(_mm256_hadd_ps(v0, v1), _mm256_hadd_ps(v2, v3));
    return _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
}

/// The first `count` (< 8) values of p in the low lanes, zeros above.
AVX2 static inline __m256 load_partial(const float *p, size_t count) {
    static const int32_t ramp[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
    return _mm256_maskload_ps(p, _mm256_loadu_si256((const __m256i *)(ramp + 8 - count)));
}

/// The four dot products p0·s … p3·s over `full` (a multiple of 8) + `tail` values, each summed in
/// eight lanes and then by `hsum4`'s rounding tree. One loop serves W's rows against one x and x's
/// rows against one row of W.
AVX2 static inline __m128 dot4_shared(const float *s, const float *p0, const float *p1, const float *p2,
                                      const float *p3, size_t full, size_t tail) {
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    for (size_t k = 0; k < full; k += 8) {
        __m256 sk = _mm256_loadu_ps(s + k);
        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(p0 + k), sk, a0);
        a1 = _mm256_fmadd_ps(_mm256_loadu_ps(p1 + k), sk, a1);
        a2 = _mm256_fmadd_ps(_mm256_loadu_ps(p2 + k), sk, a2);
        a3 = _mm256_fmadd_ps(_mm256_loadu_ps(p3 + k), sk, a3);
    }
    if (tail) {
        __m256 st = load_partial(s + full, tail);
        a0 = _mm256_fmadd_ps(load_partial(p0 + full, tail), st, a0);
        a1 = _mm256_fmadd_ps(load_partial(p1 + full, tail), st, a1);
        a2 = _mm256_fmadd_ps(load_partial(p2 + full, tail), st, a2);
        a3 = _mm256_fmadd_ps(load_partial(p3 + full, tail), st, a3);
    }
    return hsum4(a0, a1, a2, a3);
}

/// y[o] = b[o] + W[o,:]·x for one row: four rows of W at a time, eight lanes of k, one rounding
/// tree per output.
AVX2 static void dense_row_avx2(const float *x, size_t inputs, const float *w, const float *b, size_t outputs, float *y) {
    size_t full = inputs & ~(size_t)7, tail = inputs - full;
    __m256 xt = tail ? load_partial(x + full, tail) : _mm256_setzero_ps();
    size_t o = 0;
    for (; o + 4 <= outputs; o += 4) {
        const float *w0 = w + o * inputs, *w1 = w0 + inputs, *w2 = w1 + inputs, *w3 = w2 + inputs;
        _mm_storeu_ps(y + o, _mm_add_ps(_mm_loadu_ps(b + o), dot4_shared(x, w0, w1, w2, w3, full, tail)));
    }
    for (; o < outputs; o++) {
        const float *wo = w + o * inputs;
        __m256 a = _mm256_setzero_ps(), zero = a;
        for (size_t k = 0; k < full; k += 8) a = _mm256_fmadd_ps(_mm256_loadu_ps(wo + k), _mm256_loadu_ps(x + k), a);
        if (tail) a = _mm256_fmadd_ps(load_partial(wo + full, tail), xt, a);
        y[o] = b[o] + _mm_cvtss_f32(hsum4(a, zero, zero, zero));
    }
}

/// Few outputs (≤ 4), any batch: four rows at a time per output (four independent sums), the
/// rest as `dense_row_avx2`.
AVX2 static void narrow_forward_avx2(const float *x, size_t batch, size_t inputs, const float *w, const float *b,
                                     size_t outputs, float *y) {
    size_t full = inputs & ~(size_t)7, tail = inputs - full, r = 0;
    for (; r + 4 <= batch; r += 4) {
        const float *x0 = x + r * inputs, *x1 = x0 + inputs, *x2 = x1 + inputs, *x3 = x2 + inputs;
        for (size_t o = 0; o < outputs; o++) {
            float sums[4];
            _mm_storeu_ps(sums, dot4_shared(w + o * inputs, x0, x1, x2, x3, full, tail));
            for (size_t j = 0; j < 4; j++) y[(r + j) * outputs + o] = b[o] + sums[j];
        }
    }
    for (; r < batch; r++) dense_row_avx2(x + r * inputs, inputs, w, b, outputs, y + r * outputs);
}

/// Few inputs (≤ 8), any batch and outputs: Wᵀ is packed once (k-major), then each row is
/// b + Σ_k x[r,k]·Wᵀ[k,:], eight outputs per vector.
AVX2 static void short_forward_avx2(const float *x, size_t batch, size_t inputs, const float *w, const float *b,
                                    size_t outputs, float *y) {
    enum { block = 64 };
    float wt[8 * block];
    for (size_t o0 = 0; o0 < outputs; o0 += block) {
        size_t width = outputs - o0 < block ? outputs - o0 : block, vectors = width / 8;
        for (size_t k = 0; k < inputs; k++)
            for (size_t j = 0; j < width; j++) wt[k * block + j] = w[(o0 + j) * inputs + k];
        for (size_t r = 0; r < batch; r++) {
            const float *xr = x + r * inputs;
            float *yr = y + r * outputs + o0;
            for (size_t v = 0; v < vectors; v++) {
                __m256 acc = _mm256_loadu_ps(b + o0 + 8 * v);
                for (size_t k = 0; k < inputs; k++)
                    acc = _mm256_fmadd_ps(_mm256_set1_ps(xr[k]), _mm256_loadu_ps(wt + k * block + 8 * v), acc);
                _mm256_storeu_ps(yr + 8 * v, acc);
            }
            for (size_t j = 8 * vectors; j < width; j++) {
                float acc = b[o0 + j];
                for (size_t k = 0; k < inputs; k++) acc = fmaf(xr[k], wt[k * block + j], acc);
                yr[j] = acc;
            }
        }
    }
}

/// dx[r,:] (+)= Σ_o dy[r,o]·W[o,:] for at most four outputs; the missing ones multiply a zero row.
AVX2 static void narrow_input_gradient_avx2(const float *dy, size_t batch, size_t outputs, const float *w,
                                            size_t inputs, float *dx, int accumulate) {
    const float *rows[4];
    for (size_t o = 0; o < 4; o++) rows[o] = w + (o < outputs ? o : 0) * inputs;
    for (size_t r = 0; r < batch; r++) {
        float *row = dx + r * inputs;
        const float *d = dy + r * outputs;
        __m256 d0 = _mm256_set1_ps(d[0]);
        __m256 d1 = _mm256_set1_ps(outputs > 1 ? d[1] : 0), d2 = _mm256_set1_ps(outputs > 2 ? d[2] : 0);
        __m256 d3 = _mm256_set1_ps(outputs > 3 ? d[3] : 0);
        size_t i = 0;
        for (; i + 8 <= inputs; i += 8) {
            __m256 s = _mm256_mul_ps(d0, _mm256_loadu_ps(rows[0] + i));
            if (outputs > 1) s = _mm256_fmadd_ps(d1, _mm256_loadu_ps(rows[1] + i), s);
            if (outputs > 2) s = _mm256_fmadd_ps(d2, _mm256_loadu_ps(rows[2] + i), s);
            if (outputs > 3) s = _mm256_fmadd_ps(d3, _mm256_loadu_ps(rows[3] + i), s);
            _mm256_storeu_ps(row + i, accumulate ? _mm256_add_ps(_mm256_loadu_ps(row + i), s) : s);
        }
        for (; i < inputs; i++) {
            float s = d[0] * rows[0][i];
            for (size_t o = 1; o < outputs; o++) s = fmaf(d[o], rows[o][i], s);
            row[i] = accumulate ? row[i] + s : s;
        }
    }
}

/// dW[o,:] += Σ_r dy[r,o]·x[r,:] for at most four outputs: 64 inputs at a time in registers.
AVX2 static void narrow_weight_gradient_avx2(const float *dy, const float *x, size_t batch, size_t outputs,
                                             size_t inputs, float *dw, float *db) {
    size_t full = inputs & ~(size_t)63;
    for (size_t o = 0; o < outputs; o++) {
        float *row = dw + o * inputs;
        for (size_t i0 = 0; i0 < full; i0 += 64) {
            __m256 a[8];
            for (int v = 0; v < 8; v++) a[v] = _mm256_loadu_ps(row + i0 + 8 * v);
            for (size_t r = 0; r < batch; r++) {
                __m256 d = _mm256_set1_ps(dy[r * outputs + o]);
                const float *xr = x + r * inputs + i0;
                for (int v = 0; v < 8; v++) a[v] = _mm256_fmadd_ps(d, _mm256_loadu_ps(xr + 8 * v), a[v]);
            }
            for (int v = 0; v < 8; v++) _mm256_storeu_ps(row + i0 + 8 * v, a[v]);
        }
        float bias = 0;
        for (size_t r = 0; r < batch; r++) {
            float d = dy[r * outputs + o];
            const float *xr = x + r * inputs;
            size_t i = full;
            for (; i + 8 <= inputs; i += 8)
                _mm256_storeu_ps(row + i, _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_loadu_ps(xr + i), _mm256_loadu_ps(row + i)));
            for (; i < inputs; i++) row[i] = fmaf(d, xr[i], row[i]);
            bias += d;
        }
        db[o] += bias;
    }
}

/// Few inputs (≤ 8): dWᵀ[k, eight outputs] accumulates in registers over the batch, then is added
/// into dW; db likewise.
AVX2 static void short_weight_gradient_avx2(const float *dy, const float *x, size_t batch, size_t outputs,
                                            size_t inputs, float *dw, float *db) {
    size_t vectors = outputs / 8;
    for (size_t v = 0; v < vectors; v++) {
        __m256 a[8], bias = _mm256_setzero_ps();
        for (size_t k = 0; k < 8; k++) a[k] = _mm256_setzero_ps();
        for (size_t r = 0; r < batch; r++) {
            __m256 d = _mm256_loadu_ps(dy + r * outputs + 8 * v);
            const float *xr = x + r * inputs;
            for (size_t k = 0; k < inputs; k++) a[k] = _mm256_fmadd_ps(_mm256_set1_ps(xr[k]), d, a[k]);
            bias = _mm256_add_ps(bias, d);
        }
        float lanes[8];
        for (size_t k = 0; k < inputs; k++) {
            _mm256_storeu_ps(lanes, a[k]);
            for (size_t j = 0; j < 8; j++) dw[(8 * v + j) * inputs + k] += lanes[j];
        }
        _mm256_storeu_ps(db + 8 * v, _mm256_add_ps(_mm256_loadu_ps(db + 8 * v), bias));
    }
    for (size_t o = 8 * vectors; o < outputs; o++) {
        float bias = 0;
        for (size_t r = 0; r < batch; r++) {
            float d = dy[r * outputs + o];
            for (size_t k = 0; k < inputs; k++) dw[o * inputs + k] = fmaf(d, x[r * inputs + k], dw[o * inputs + k]);
            bias += d;
        }
        db[o] += bias;
    }
}

static void dense_forward_portable(const float *x, size_t batch, size_t inputs, const float *w, const float *b,
                                   size_t outputs, float *y) {
    for (size_t r = 0; r < batch; r++)
        for (size_t o = 0; o < outputs; o++) {
            float sum = 0;
            for (size_t k = 0; k < inputs; k++) sum += x[r * inputs + k] * w[o * inputs + k];
            y[r * outputs + o] = b[o] + sum;
        }
}

static void weight_gradient_portable(const float *dy, const float *x, size_t batch, size_t outputs,
                                     size_t inputs, float *dw, float *db) {
    for (size_t o = 0; o < outputs; o++) {
        float bias = 0;
        for (size_t r = 0; r < batch; r++) {
            float d = dy[r * outputs + o];
            for (size_t i = 0; i < inputs; i++) dw[o * inputs + i] += d * x[r * inputs + i];
            bias += d;
        }
        db[o] += bias;
    }
}

void ck_dense_row(const float *restrict x, size_t inputs, const float *restrict w, const float *restrict b,
                  size_t outputs, float *restrict y) {
    if (ck_uses_avx2()) dense_row_avx2(x, inputs, w, b, outputs, y);
    else dense_forward_portable(x, 1, inputs, w, b, outputs, y);
}

void ck_narrow_forward(const float *restrict x, size_t batch, size_t inputs, const float *restrict w,
                       const float *restrict b, size_t outputs, float *restrict y) {
    if (ck_uses_avx2()) narrow_forward_avx2(x, batch, inputs, w, b, outputs, y);
    else dense_forward_portable(x, batch, inputs, w, b, outputs, y);
}

void ck_short_forward(const float *restrict x, size_t batch, size_t inputs, const float *restrict w,
                      const float *restrict b, size_t outputs, float *restrict y) {
    if (ck_uses_avx2() && inputs <= 8) short_forward_avx2(x, batch, inputs, w, b, outputs, y);
    else dense_forward_portable(x, batch, inputs, w, b, outputs, y);
}

void ck_narrow_input_gradient(const float *restrict dy, size_t batch, size_t outputs, const float *restrict w,
                              size_t inputs, float *restrict dx, int accumulate) {
    if (ck_uses_avx2() && outputs <= 4) { narrow_input_gradient_avx2(dy, batch, outputs, w, inputs, dx, accumulate); return; }
    for (size_t r = 0; r < batch; r++)
        for (size_t i = 0; i < inputs; i++) {
            float acc = accumulate ? dx[r * inputs + i] : 0;
            for (size_t o = 0; o < outputs; o++) acc += dy[r * outputs + o] * w[o * inputs + i];
            dx[r * inputs + i] = acc;
        }
}

void ck_narrow_weight_gradient(const float *restrict dy, const float *restrict x, size_t batch, size_t outputs,
                               size_t inputs, float *restrict dw, float *restrict db) {
    if (ck_uses_avx2()) narrow_weight_gradient_avx2(dy, x, batch, outputs, inputs, dw, db);
    else weight_gradient_portable(dy, x, batch, outputs, inputs, dw, db);
}

void ck_short_weight_gradient(const float *restrict dy, const float *restrict x, size_t batch, size_t outputs,
                              size_t inputs, float *restrict dw, float *restrict db) {
    if (ck_uses_avx2() && inputs <= 8) short_weight_gradient_avx2(dy, x, batch, outputs, inputs, dw, db);
    else weight_gradient_portable(dy, x, batch, outputs, inputs, dw, db);
}

// ---- Large layers at small batches and convolutions (after the kernels above, so that adding them
// left the others' code where it was). ----

/// dx[r0 … r0+R, i … i+16] (+)= Σ_o dy[r,o]·W[o, i … i+16]: R (≤ 6) rows × 16 inputs in twelve
/// registers, summed over o in order.
AVX2 static inline __attribute__((always_inline)) void
wide_input_gradient_block(const float *dy, size_t outputs, const float *w, size_t inputs, float *dx, size_t i,
                          const size_t R, int accumulate) {
    __m256 lo[6], hi[6];
    _Pragma("clang loop unroll(full)")
    for (size_t r = 0; r < R; r++) lo[r] = hi[r] = _mm256_setzero_ps();
    for (size_t o = 0; o < outputs; o++) {
        __m256 w0 = _mm256_loadu_ps(w + o * inputs + i), w1 = _mm256_loadu_ps(w + o * inputs + i + 8);
        _Pragma("clang loop unroll(full)")
        for (size_t r = 0; r < R; r++) {
            __m256 d = _mm256_broadcast_ss(dy + r * outputs + o);
            lo[r] = _mm256_fmadd_ps(d, w0, lo[r]);
            hi[r] = _mm256_fmadd_ps(d, w1, hi[r]);
        }
    }
    _Pragma("clang loop unroll(full)")
    for (size_t r = 0; r < R; r++) {
        float *row = dx + r * inputs + i;
        if (accumulate) {
            lo[r] = _mm256_add_ps(_mm256_loadu_ps(row), lo[r]);
            hi[r] = _mm256_add_ps(_mm256_loadu_ps(row + 8), hi[r]);
        }
        _mm256_storeu_ps(row, lo[r]);
        _mm256_storeu_ps(row + 8, hi[r]);
    }
}

/// dx (+)= dy·W for any outputs: six rows at a time, 16 inputs per pass over W's columns; inputs
/// past the last multiple of 16 summed one at a time in the same order.
AVX2 static void wide_input_gradient_avx2(const float *dy, size_t batch, size_t outputs, const float *w,
                                          size_t inputs, float *dx, int accumulate) {
    size_t full = inputs & ~(size_t)15;
    for (size_t r0 = 0; r0 < batch; r0 += 6) {
        size_t rows = batch - r0 < 6 ? batch - r0 : 6;
        const float *d = dy + r0 * outputs;
        float *x = dx + r0 * inputs;
        for (size_t i = 0; i < full; i += 16) {
            switch (rows) {
            case 6: wide_input_gradient_block(d, outputs, w, inputs, x, i, 6, accumulate); break;
            case 5: wide_input_gradient_block(d, outputs, w, inputs, x, i, 5, accumulate); break;
            case 4: wide_input_gradient_block(d, outputs, w, inputs, x, i, 4, accumulate); break;
            case 3: wide_input_gradient_block(d, outputs, w, inputs, x, i, 3, accumulate); break;
            case 2: wide_input_gradient_block(d, outputs, w, inputs, x, i, 2, accumulate); break;
            default: wide_input_gradient_block(d, outputs, w, inputs, x, i, 1, accumulate); break;
            }
        }
        for (size_t r = 0; r < rows; r++)
            for (size_t i = full; i < inputs; i++) {
                float s = 0;
                for (size_t o = 0; o < outputs; o++) s = fmaf(d[r * outputs + o], w[o * inputs + i], s);
                x[r * inputs + i] = accumulate ? x[r * inputs + i] + s : s;
            }
    }
}

/// `C` output cells × `NV` vectors of eight filters, from filter f0: the sums over the patch in
/// order, each input value broadcast against its row of the packed Wᵀ (C·NV independent chains, so
/// that the FMAs' latency overlaps); then b added and stored.
AVX2 static inline __attribute__((always_inline)) void
conv_cells(const float *const *corners, float *const *outs, size_t kernel, size_t rowLength, size_t inputRow,
           const float *packed, size_t padded, const float *b, size_t filters, size_t f0, const size_t C, const size_t NV) {
    __m256 acc[6][4], wv[4];
    _Pragma("clang loop unroll(full)")
    for (size_t c = 0; c < C; c++)
        _Pragma("clang loop unroll(full)")
        for (size_t v = 0; v < NV; v++) acc[c][v] = _mm256_setzero_ps();
    const float *wk = packed + f0;
    for (size_t ky = 0; ky < kernel; ky++) {
        size_t row = ky * inputRow;
        for (size_t j = 0; j < rowLength; j++, wk += padded) {
            _Pragma("clang loop unroll(full)")
            for (size_t v = 0; v < NV; v++) wv[v] = _mm256_loadu_ps(wk + 8 * v);
            _Pragma("clang loop unroll(full)")
            for (size_t c = 0; c < C; c++) {
                __m256 xk = _mm256_broadcast_ss(corners[c] + row + j);
                _Pragma("clang loop unroll(full)")
                for (size_t v = 0; v < NV; v++) acc[c][v] = _mm256_fmadd_ps(xk, wv[v], acc[c][v]);
            }
        }
    }
    _Pragma("clang loop unroll(full)")
    for (size_t c = 0; c < C; c++)
        _Pragma("clang loop unroll(full)")
        for (size_t v = 0; v < NV; v++) {
            size_t f = f0 + 8 * v;
            if (f + 8 <= filters) {
                _mm256_storeu_ps(outs[c] + f, _mm256_add_ps(_mm256_loadu_ps(b + f), acc[c][v]));
            } else {
                float lanes[8];
                _mm256_storeu_ps(lanes, acc[c][v]);
                for (size_t l = 0; f + l < filters; l++) outs[c][f + l] = b[f + l] + lanes[l];
            }
        }
}

/// How many cells share one pass over a block of `vectors` × 8 filters: six, four or three, as the
/// sixteen ymm registers allow (cells × vectors accumulators, vectors weights, one broadcast).
static inline size_t conv_cell_block(size_t vectors) { return vectors <= 2 ? 6 : vectors == 3 ? 4 : 3; }

/// `count` (≤ 6) cells, every block of filters: `conv_cell_block` cells at a time when the group is
/// that large, one at a time otherwise.
AVX2 static void conv_cell_group(const float *const *corners, float *const *outs, size_t count, size_t kernel,
                                 size_t rowLength, size_t inputRow, const float *packed, size_t padded,
                                 const float *b, size_t filters) {
#define CONV_CELLS(C, NV) conv_cells(corners + i, outs + i, kernel, rowLength, inputRow, packed, padded, b, filters, f0, C, NV)
    for (size_t f0 = 0; f0 < padded; f0 += 32) {
        size_t vectors = (padded - f0) / 8 < 4 ? (padded - f0) / 8 : 4;
        size_t block = conv_cell_block(vectors), i = 0;
        if (count == block) {
            switch (vectors) {
            case 1: CONV_CELLS(6, 1); break;
            case 2: CONV_CELLS(6, 2); break;
            case 3: CONV_CELLS(4, 3); break;
            default: CONV_CELLS(3, 4); break;
            }
            i = block;
        }
        for (; i < count; i++) {
            switch (vectors) {
            case 1: CONV_CELLS(1, 1); break;
            case 2: CONV_CELLS(1, 2); break;
            case 3: CONV_CELLS(1, 3); break;
            default: CONV_CELLS(1, 4); break;
            }
        }
    }
#undef CONV_CELLS
}

AVX2 static void conv2d_forward_avx2(const float *x, size_t batch, size_t height, size_t width, size_t channels,
                                     size_t kernel, size_t stride, const float *w, const float *b, size_t filters,
                                     float *packed, float *y) {
    size_t outHeight = (height - kernel) / stride + 1, outWidth = (width - kernel) / stride + 1;
    size_t rowLength = kernel * channels, inputRow = width * channels, patch = kernel * rowLength;
    size_t padded = (filters + 7) & ~(size_t)7, positions = outHeight * outWidth, cells = batch * positions;
    size_t block = conv_cell_block(padded / 8);
    for (size_t k = 0; k < patch; k++)
        for (size_t f = 0; f < padded; f++) packed[k * padded + f] = f < filters ? w[f * patch + k] : 0;
    const float *corners[6];
    float *outs[6];
    size_t count = 0;
    for (size_t cell = 0; cell < cells; cell++) {
        size_t r = cell / positions, p = cell % positions, oy = p / outWidth, ox = p % outWidth;
        corners[count] = x + r * height * inputRow + oy * stride * inputRow + ox * stride * channels;
        outs[count] = y + cell * filters;
        if (++count == block || cell == cells - 1) {
            conv_cell_group(corners, outs, count, kernel, rowLength, inputRow, packed, padded, b, filters);
            count = 0;
        }
    }
}

void ck_wide_input_gradient(const float *restrict dy, size_t batch, size_t outputs, const float *restrict w,
                            size_t inputs, float *restrict dx, int accumulate) {
    if (ck_uses_avx2()) { wide_input_gradient_avx2(dy, batch, outputs, w, inputs, dx, accumulate); return; }
    for (size_t r = 0; r < batch; r++)
        for (size_t i = 0; i < inputs; i++) {
            float s = 0;
            for (size_t o = 0; o < outputs; o++) s = fmaf(dy[r * outputs + o], w[o * inputs + i], s);
            dx[r * inputs + i] = accumulate ? dx[r * inputs + i] + s : s;
        }
}

void ck_conv2d_forward(const float *restrict x, size_t batch, size_t height, size_t width, size_t channels,
                       size_t kernel, size_t stride, const float *restrict w, const float *restrict b, size_t filters,
                       float *restrict packed, float *restrict y) {
    if (ck_uses_avx2()) {
        conv2d_forward_avx2(x, batch, height, width, channels, kernel, stride, w, b, filters, packed, y);
        return;
    }
    size_t outHeight = (height - kernel) / stride + 1, outWidth = (width - kernel) / stride + 1;
    size_t rowLength = kernel * channels, inputRow = width * channels;
    for (size_t r = 0; r < batch; r++)
        for (size_t oy = 0; oy < outHeight; oy++)
            for (size_t ox = 0; ox < outWidth; ox++) {
                const float *corner = x + r * height * inputRow + oy * stride * inputRow + ox * stride * channels;
                float *out = y + ((r * outHeight + oy) * outWidth + ox) * filters;
                for (size_t f = 0; f < filters; f++) {
                    const float *wf = w + f * kernel * rowLength;
                    float sum = 0;
                    for (size_t ky = 0; ky < kernel; ky++)
                        for (size_t j = 0; j < rowLength; j++) sum = fmaf(corner[ky * inputRow + j], wf[ky * rowLength + j], sum);
                    out[f] = b[f] + sum;
                }
            }
}
